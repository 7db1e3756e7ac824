// The extraction process from the tsc output (dist/src), where the bundle is missing or stale.
import { startChild } from './child-entry.js';

startChild();
