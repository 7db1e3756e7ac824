// Every sub-command of the CLI, in the order --help lists them.
import type { Command } from '../command.js';
import { command as extract } from './extract.js';
import { command as schema } from './schema.js';
import { command as inspect } from './inspect.js';
import { command as review } from './review.js';
import { command as batch } from './batch.js';
import { command as ingest } from './ingest.js';
import { command as exportCommand } from './export.js';
import { command as enqueue } from './enqueue.js';
import { command as worker } from './worker.js';
import { command as status } from './status.js';

export const commands: Command[] = [extract, schema, inspect, review, batch, ingest, exportCommand, enqueue, worker, status];
