import { NianbaoError } from '../core/errors.js';
import type { SourceDocument } from './types.js';
export async function readImage(_bytes: Uint8Array, opts: { file: string | null }): Promise<SourceDocument> {
  throw new NianbaoError('UNSUPPORTED_FORMAT', 'this is a PNG image or other image: reading images is not supported yet', opts.file);
}
