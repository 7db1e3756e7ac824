// A large output file written atomically: streamed into a temp file, fsynced, then renamed over
// the target, so a kill at any moment leaves the old file or the complete new one.
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { tempPathFor } from '../output/atomic-write.js';

export class AtomicFile {
  private constructor(
    readonly target: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
  ) {}

  static async create(target: string): Promise<AtomicFile> {
    const tmp = tempPathFor(target);
    return new AtomicFile(target, tmp, await open(tmp, 'w'));
  }

  private buf: string[] = [];
  private size = 0;

  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const data = Buffer.from(this.buf.join(''), 'utf8');
    this.buf = [];
    this.size = 0;
    // write(2) may write fewer bytes than asked (a device filling up does exactly that before its
    // ENOSPC): loop until every byte is written, so a full disk is an error, never a truncated file.
    try {
      for (let off = 0; off < data.length;) off += (await this.fh.write(data, off, data.length - off)).bytesWritten;
    } catch (e) {
      throw named(e, this.target);
    }
  }

  async commit(): Promise<void> {
    await this.flush();
    try {
      await this.fh.sync();
    } catch (e) {
      throw named(e, this.target);
    }
    await this.fh.close();
    await rename(this.tmp, this.target);
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
    await unlink(this.tmp).catch(() => {});
  }
}

/** A write error of a file handle names no path: give it the target's, for the one-line message. */
function named(e: unknown, target: string): unknown {
  const err = e as { path?: unknown } | null;
  if (err && typeof err === 'object' && err.path === undefined) err.path = target;
  return e;
}
