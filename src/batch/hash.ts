// The sha256 of a file, streamed (results are keyed by content, not by name).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256File(file: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(h.digest('hex')));
  });
}
