// The extraction process from the bundle (dist/bundle/child.cjs, made by `npm run build`), loaded
// with V8's code cache (script-cache.ts), which is written after the first file if it was missing.
import { fileURLToPath } from 'node:url';
import type * as ChildEntry from './child-entry.js';
import { requireChunk, saveCodeCache } from './script-cache.js';

const bundle = fileURLToPath(new URL('../../bundle/child.cjs', import.meta.url));
(requireChunk(bundle) as typeof ChildEntry).startChild({ afterFirstJob: saveCodeCache });
