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
    const data = this.buf.join('');
    this.buf = [];
    this.size = 0;
    await this.fh.write(data, null, 'utf8');
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.fh.sync();
    await this.fh.close();
    await rename(this.tmp, this.target);
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
    await unlink(this.tmp).catch(() => {});
  }
}
