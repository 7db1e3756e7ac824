import { NianbaoError } from '../core/errors.js';
export async function convertWithSoffice(_bytes: Uint8Array, format: string, opts: { file: string | null }): Promise<Uint8Array> {
  throw new NianbaoError('UNSUPPORTED_FORMAT', `${format}: not yet`, opts.file);
}
