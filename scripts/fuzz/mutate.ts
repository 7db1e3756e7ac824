// Seeded mutants of real documents (issue 30): the damage a download, a disk or a careless tool does
// to a file — bytes replaced, bits flipped, a chunk zeroed or repeated, the end cut off, bytes
// inserted — and, per kind, the damage only that kind suffers: a DOCX whose ZIP entry is damaged
// (deflate data that fails, or that still inflates — ZIP readers do not check the CRC — into garbled
// XML), a web page with a few bad bytes. Deterministic: the same seed gives the same bytes.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Rng } from '../samples/prng.js';

export interface Mutant {
  data: Buffer;
  /** The damage, in a few words (shown with every finding, so it can be made again). */
  what: string;
  /** Bytes changed, inserted or removed, for "slight damage" (a page with a few bad bytes must still read). */
  changed: number;
}

type Op = (b: Buffer, rng: Rng) => Mutant;

const clampLen = (b: Buffer, lo: number, hi: number) =>
  Math.max(1, Math.min(hi, Math.max(lo, Math.floor(b.length / 10))));

/** 1–8 bytes (or 9–64) replaced by random values. */
export const replaceBytes: Op = (b, rng) => {
  const m = Buffer.from(b);
  const n = rng.chance(0.7) ? rng.int(1, 8) : rng.int(9, 64);
  for (let i = 0; i < n; i++) m[rng.int(0, m.length - 1)] = rng.int(0, 255);
  return { data: m, what: `${n} bytes replaced`, changed: n };
};

/** 1–16 single bits flipped (a bad sector, a flaky cable). */
export const flipBits: Op = (b, rng) => {
  const m = Buffer.from(b);
  const n = rng.int(1, 16);
  for (let i = 0; i < n; i++) m[rng.int(0, m.length - 1)] ^= 1 << rng.int(0, 7);
  return { data: m, what: `${n} bits flipped`, changed: n };
};

/** A chunk of 16 bytes to a tenth of the file (at most 4 KB) zeroed. */
export const zeroChunk: Op = (b, rng) => {
  const m = Buffer.from(b);
  const len = rng.int(16, clampLen(b, 16, 4096));
  const at = rng.int(0, Math.max(0, m.length - len));
  m.fill(0, at, at + len);
  return { data: m, what: `${len} bytes zeroed at ${at}`, changed: len };
};

/** A chunk repeated 1–8 times after itself (a download resumed at the wrong offset). */
export const repeatChunk: Op = (b, rng) => {
  const len = rng.int(16, clampLen(b, 16, 2048));
  const at = rng.int(0, Math.max(0, b.length - len));
  const times = rng.int(1, 8);
  const chunk = b.subarray(at, at + len);
  const data = Buffer.concat([
    b.subarray(0, at + len),
    ...Array.from({ length: times }, () => chunk),
    b.subarray(at + len),
  ]);
  return { data, what: `${len} bytes at ${at} repeated ${times}×`, changed: len * times };
};

/** The end cut off, anywhere from 5% to 99.9% of the file kept. */
export const truncate: Op = (b, rng) => {
  const keep = Math.floor(b.length * (0.05 + rng.next() * 0.949));
  return {
    data: Buffer.from(b.subarray(0, keep)),
    what: `cut at ${keep} of ${b.length} bytes`,
    changed: b.length - keep,
  };
};

/** 1–512 random bytes inserted. */
export const insertBytes: Op = (b, rng) => {
  const n = rng.chance(0.6) ? rng.int(1, 16) : rng.int(17, 512);
  const at = rng.int(0, b.length);
  const junk = Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));
  return {
    data: Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]),
    what: `${n} random bytes inserted at ${at}`,
    changed: n,
  };
};

/** 1–8 bytes of a web page replaced by bytes that are not valid text: high bytes or control characters. */
export const badTextBytes: Op = (b, rng) => {
  const m = Buffer.from(b);
  const n = rng.int(1, 8);
  for (let i = 0; i < n; i++) m[rng.int(0, m.length - 1)] = rng.chance(0.5) ? rng.int(0x80, 0xff) : rng.int(0, 0x1f);
  return { data: m, what: `${n} bad bytes (high or control)`, changed: n };
};

/** An invalid multi-byte sequence (a lone lead byte, a cut character) inserted into a web page. */
export const badSequence: Op = (b, rng) => {
  const seqs = [[0xe4, 0xb8], [0xc3], [0xff, 0xfe], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0x81]];
  const n = rng.int(1, 4);
  let m = Buffer.from(b);
  for (let i = 0; i < n; i++) {
    const at = rng.int(0, m.length);
    m = Buffer.concat([m.subarray(0, at), Buffer.from(rng.pick(seqs)), m.subarray(at)]);
  }
  return { data: m, what: `${n} invalid byte sequences inserted`, changed: n * 2 };
};

/** Where an entry's compressed data lies in a ZIP (from its local header), or null. */
export function zipEntryData(zip: Buffer, name: string): { header: number; start: number; end: number } | null {
  const key = Buffer.from(name);
  for (let at = zip.indexOf('PK\x03\x04'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4)) {
    if (at + 30 > zip.length) return null;
    const nameLen = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    if (!zip.subarray(at + 30, at + 30 + nameLen).equals(key)) continue;
    const start = at + 30 + nameLen + extra;
    return { header: at, start, end: Math.min(zip.length, start + zip.readUInt32LE(at + 18)) };
  }
  return null;
}

/** 1–8 bytes of word/document.xml's deflate data replaced: it fails to inflate, or inflates to garbage. */
export const damageDeflate: Op = (b, rng) => {
  const e = zipEntryData(b, 'word/document.xml');
  if (!e || e.end - e.start < 16) return replaceBytes(b, rng);
  const m = Buffer.from(b);
  const n = rng.int(1, 8);
  for (let i = 0; i < n; i++) m[rng.int(e.start, e.end - 1)] = rng.int(0, 255);
  return { data: m, what: `${n} bytes of word/document.xml's deflate data replaced`, changed: n };
};

/**
 * word/document.xml inflates but is garbled: 1–20 bytes of its XML replaced, deflated again, the
 * entry's CRC left as it was (what a reader that does not check it sees after deflate damage).
 */
export const garbleEntry: Op = (b, rng) => {
  let files: Zippable;
  try {
    files = unzipSync(b);
  } catch {
    return replaceBytes(b, rng);
  }
  const xml = files['word/document.xml'] as Uint8Array | undefined;
  if (!xml) return replaceBytes(b, rng);
  const g = Buffer.from(xml);
  const n = rng.int(1, 20);
  for (let i = 0; i < n; i++) g[rng.int(0, g.length - 1)] = rng.int(0x20, 0xff);
  files['word/document.xml'] = g;
  const out = Buffer.from(zipSync(files, { level: 6 }));
  // The original CRC, in the local header and in the central directory entry (the name's last occurrence).
  const before = zipEntryData(b, 'word/document.xml');
  const after = zipEntryData(out, 'word/document.xml');
  if (before && after) {
    const crc = b.readUInt32LE(before.header + 14);
    out.writeUInt32LE(crc, after.header + 14);
    out.writeUInt32LE(crc, out.lastIndexOf('word/document.xml') - 46 + 16);
  }
  return { data: out, what: `word/document.xml garbled (${n} bytes of XML replaced, CRC kept)`, changed: n };
};

/** Bytes of the ZIP's central directory (the file's last part) replaced. */
export const damageCentralDirectory: Op = (b, rng) => {
  const cd = b.lastIndexOf('PK\x01\x02');
  const m = Buffer.from(b);
  const lo = cd >= 0 ? cd : Math.max(0, b.length - 512);
  const n = rng.int(1, 8);
  for (let i = 0; i < n; i++) m[rng.int(lo, m.length - 1)] = rng.int(0, 255);
  return { data: m, what: `${n} bytes of the ZIP directory replaced`, changed: n };
};

const GENERIC: Op[] = [replaceBytes, flipBits, zeroChunk, repeatChunk, truncate, insertBytes];
/** Per kind, the operators besides the generic ones (drawn half of the time). */
const SPECIFIC: Record<string, Op[]> = {
  docx: [damageDeflate, garbleEntry, damageCentralDirectory],
  html: [badTextBytes, badSequence],
  mht: [badTextBytes, badSequence],
};

/** One seeded mutant of `bytes`, a document of `kind`. */
export function mutate(bytes: Buffer, kind: string, rng: Rng): Mutant {
  const specific = SPECIFIC[kind];
  const op = specific && rng.chance(0.5) ? rng.pick(specific) : rng.pick(GENERIC);
  return op(bytes, rng);
}
