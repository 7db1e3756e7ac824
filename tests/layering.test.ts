// The house's layers: core/ ← extractors/ ← src/; outputs (review, CSV) read records, not the pipeline.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import of every .ts file under `dir`, resolved to a path from the repository root. */
function imports(dir: string): Array<{ file: string; target: string }> {
  return tsFiles(path.join(root, dir)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => ({
      file: path.relative(root, file),
      target: path.relative(root, path.resolve(path.dirname(file), m[1])),
    })),
  );
}

const into = (target: string, ...dirs: string[]) => dirs.some((d) => target === d || target.startsWith(d + '/'));

describe('layers', () => {
  it('core/ imports neither extractors/ nor src/', () => {
    expect(imports('core').filter((i) => into(i.target, 'src', 'extractors'))).toEqual([]);
  });

  it('extractors/ never imports from src/', () => {
    expect(imports('extractors').filter((i) => into(i.target, 'src'))).toEqual([]);
  });

  it('outputs (review page, CSV) do not reach into the pipeline steps', () => {
    // (The review page renders its crops of source pages through extractors/: reading a PDF is not a pipeline step.)
    const steps = ['src/pipeline', 'src/layout', 'src/sections', 'src/tables', 'src/checks', 'src/legacy'];
    expect(
      imports('src/review')
        .concat(imports('src/output'))
        .filter((i) => into(i.target, ...steps)),
    ).toEqual([]);
  });

  it('src/watch hands bytes to the ingest path: it never reaches into the pipeline steps or the readers', () => {
    const steps = [
      'src/pipeline',
      'src/layout',
      'src/sections',
      'src/tables',
      'src/checks',
      'src/templates',
      'extractors',
    ];
    expect(imports('src/watch').filter((i) => into(i.target, ...steps))).toEqual([]);
  });

  it('src/findings reads records: it imports the schema only', () => {
    expect(imports('src/findings').filter((i) => !into(i.target, 'src/findings', 'src/schema'))).toEqual([]);
  });

  it('serve reads records (db/, review/, corrections/, compare/), never the pipeline steps', () => {
    // Uploads go through db/ingest, which runs the extraction in its isolated processes.
    const steps = ['src/pipeline', 'src/layout', 'src/sections', 'src/tables', 'src/checks'];
    expect(imports('src/serve').filter((i) => into(i.target, ...steps))).toEqual([]);
  });

  it('src/legacy is a pipeline step: it reads no output, store or command', () => {
    const outside = [
      'src/review',
      'src/output',
      'src/db',
      'src/queue',
      'src/cli',
      'src/batch',
      'src/serve',
      'src/compare',
    ];
    expect(imports('src/legacy').filter((i) => into(i.target, ...outside))).toEqual([]);
  });

  it('src/templates depends on nothing but itself', () => {
    expect(imports('src/templates').filter((i) => !into(i.target, 'src/templates'))).toEqual([]);
  });
});
