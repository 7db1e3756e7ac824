// The errors users see live in core/ (extractors/ throws them too, and must not import src/).
export {
  ErrorCodes,
  NianbaoError,
  asNianbaoError,
  diskFullError,
  isNianbaoError,
  type ErrorCode,
} from '../core/errors.js';
