// The short chaos run CI makes (`npm run chaos` is the full one): 3 workers over a queue on a private
// PostgreSQL cluster; the server restarts mid-run, then a worker is SIGKILLed. Every good file is
// stored exactly once, every bad file has one failure, nothing is duplicated.
import { describe, expect, it } from 'vitest';
import { pgBin } from '../scripts/chaos/cluster.js';
import { runChaos } from '../scripts/chaos.js';

const why = !pgBin()
  ? 'PostgreSQL binaries not found (apt-get install postgresql)'
  : process.getuid?.() !== 0
    ? 'needs root (the server runs as user postgres)'
    : null;
if (why) console.warn(`chaos test skipped: ${why}`);

describe.skipIf(!!why)('chaos, short', () => {
  it(
    'a database restart and a killed worker: every file stored once, failures reported, no duplicates',
    { timeout: 600_000 },
    async () => {
      const rows = await runChaos({ files: 30, faults: ['db-restart', 'kill'] });
      expect(rows.map((r) => [r.fault, r.stored, r.duplicates, r.failuresReported, r.goodFailed, r.ok])).toEqual([
        ['db-restart', 28, 0, 2, 0, true],
        ['kill', 28, 0, 2, 0, true],
      ]);
    },
  );
});
