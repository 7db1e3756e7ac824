// The one version of nianbao: package.json's, read at run time (from src/, dist/src/ or dist/bundle/).
// `--version`, records' extractorVersion in batch/ingest/queue outputs and the databases all use it;
// batch results are keyed by it. Bump it in package.json whenever a change can change a record, and
// say what changed in CHANGELOG.md.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'nianbao' && pkg.version) return pkg.version;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('nianbao: its package.json was not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const EXTRACTOR_VERSION: string = packageVersion();
