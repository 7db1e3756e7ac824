// Reading one entry of a possibly damaged ZIP (a .docx), naming the damage. Why not fflate's unzipSync
// alone: it trusts the central directory without checking it (a few bytes inserted before it shift
// every offset, and it returns garbage names instead of failing) and never checks an entry's CRC, so
// deflate data damaged a little inflates into garbled XML — and a garbled digit is a wrong number.
// Here the directory is checked against the entries' own (local) headers; a damaged directory is
// passed over by scanning the local headers, as `zip -FF` does; an entry's CRC is always checked.
import { crc32 } from 'node:zlib';
import { inflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** Compressed and unpacked sizes (0 when the local header defers them to a data descriptor). */
  compressedSize: number;
  size: number;
  /** Where the entry's data starts. */
  dataStart: number;
}

export interface ZipListing {
  entries: ZipEntry[];
  /**
   * The central directory: sound; damaged (it does not match the entries); or missing (no end
   * record: the file is cut short). Unless sound, the entries come from a scan of local headers.
   */
  directory: 'sound' | 'damaged' | 'missing';
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** The ZIP's entries: from its central directory when that is sound, else from a scan of local headers. */
export function listZip(bytes: Uint8Array): ZipListing {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const fromDirectory = end >= 0 ? readDirectory(buf, end) : null;
  if (fromDirectory) return { entries: fromDirectory, directory: 'sound' };
  return { entries: scanLocalHeaders(buf), directory: end >= 0 ? 'damaged' : 'missing' };
}

/** The entries the central directory (its end record at `end`) lists, each checked against its local header; null if any does not match. */
function readDirectory(buf: Buffer, end: number): ZipEntry[] | null {
  if (end + 22 > buf.length || buf.readUInt32LE(end) !== END) return null;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
    const nameLen = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const local = localHeader(buf, buf.readUInt32LE(at + 42));
    if (!local || local.name !== name) return null;
    entries.push({
      ...local,
      crc: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
    });
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

function localHeader(buf: Buffer, at: number): ZipEntry | null {
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) return null;
  const nameLen = buf.readUInt16LE(at + 26);
  const dataStart = at + 30 + nameLen + buf.readUInt16LE(at + 28);
  if (dataStart > buf.length) return null;
  return {
    name: buf.toString('utf8', at + 30, at + 30 + nameLen),
    method: buf.readUInt16LE(at + 8),
    crc: buf.readUInt32LE(at + 14),
    compressedSize: buf.readUInt32LE(at + 18),
    size: buf.readUInt32LE(at + 22),
    dataStart,
  };
}

/** Every local header in the file, in order (a header whose own fields are damaged is passed over). */
function scanLocalHeaders(buf: Buffer): ZipEntry[] {
  const sig = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  const entries: ZipEntry[] = [];
  for (let at = buf.indexOf(sig); at >= 0; at = buf.indexOf(sig, at + 4)) {
    const e = localHeader(buf, at);
    if (e && e.name.length > 0 && !/[\u0000-\u001f\ufffd]/.test(e.name)) entries.push(e);
  }
  return entries;
}

/** Why an entry could not be unpacked intact. */
export class ZipEntryDamage extends Error {}

/**
 * The unpacked bytes of `entry`, its CRC checked. Throws ZipEntryDamage naming what is wrong; a
 * declared size over `maxBytes` throws RangeError (the caller's TOO_LARGE).
 */
export function unpackEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  if (entry.size > maxBytes)
    throw new RangeError(`${entry.name} unpacks to ${entry.size} bytes, over the ${maxBytes}-byte limit`);
  // Sizes deferred to a data descriptor (0 here): the deflate data ends itself; read to the file's end.
  const end = entry.compressedSize > 0 ? entry.dataStart + entry.compressedSize : bytes.length;
  if (end > bytes.length) throw new ZipEntryDamage(`${entry.name} is cut short (the file ends inside it)`);
  const raw = bytes.subarray(entry.dataStart, end);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      data = inflateSync(raw, entry.size > 0 ? { out: new Uint8Array(entry.size) } : undefined);
    } catch (e) {
      throw new ZipEntryDamage(`${entry.name} cannot be unpacked: ${(e as Error).message}`);
    }
  } else throw new ZipEntryDamage(`${entry.name} has an unknown compression method (${entry.method})`);
  if (data.length > maxBytes) throw new RangeError(`${entry.name} unpacks to more than the ${maxBytes}-byte limit`);
  if (entry.crc !== 0 && crc32(data) >>> 0 !== entry.crc >>> 0) {
    throw new ZipEntryDamage(`${entry.name} is garbled: what it unpacks to fails its CRC check`);
  }
  return data;
}
