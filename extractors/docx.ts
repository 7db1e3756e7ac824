import { NianbaoError } from '../core/errors.js';
import type { SourceDocument } from './types.js';
export function readDocx(_bytes: Uint8Array, file: string | null): SourceDocument {
  throw new NianbaoError('UNSUPPORTED_FORMAT', 'a Word/ODF document: reading these is not supported yet', file);
}
