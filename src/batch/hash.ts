// The sha256 of a file, streamed (results are keyed by content, not by name).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function sha256File(file: string | Buffer): Promise<string> {
  return (await hashFile(file)).sha256;
}

/** The sha256 and the first `headBytes` bytes of a file (its format is told from them), in one read. */
export function hashFile(file: string | Buffer, headBytes = 64): Promise<{ sha256: string; head: Buffer }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    const head: Buffer[] = [];
    let kept = 0;
    createReadStream(file)
      .on('error', reject)
      .on('data', (data: string | Buffer) => {
        const chunk = typeof data === 'string' ? Buffer.from(data) : data; // a Buffer: no encoding is set
        h.update(chunk);
        if (kept < headBytes) {
          // A copy: a view would keep the whole 64 KB read buffer alive for as long as the batch runs.
          head.push(Buffer.from(chunk.subarray(0, headBytes - kept)));
          kept += head[head.length - 1].length;
        }
      })
      .on('end', () => resolve({ sha256: h.digest('hex'), head: Buffer.concat(head) }));
  });
}
