// The warning code of a correction that could not be applied (a module of its own: the CLI's
// summary needs it without loading the corrections code and the schema).
import type { WarningCode } from '../../core/warnings.js';

export const NOT_APPLIED = 'correction-not-applied' satisfies WarningCode;
