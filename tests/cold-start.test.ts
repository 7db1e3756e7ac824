// The cold path: `nianbao extract` of a text PDF loads PDFium and the pipeline, and nothing of
// pdf.js, OCR (tesseract), canvas, SQLite, the database, review or inspect modules. (Its speed is
// measured by `npm run bench`, not here.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

/**
 * What `nianbao <args>` loads: modules and packages (the import log), and the bundle's chunks with
 * whether the code cache served them (NIANBAO_DEBUG's lines from the extraction process).
 */
function loadedModules(args: string[]): { status: number | null; modules: string[]; chunks: string[] } {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-imports-')), 'imports.txt');
  const r = spawnSync(process.execPath, ['--import', './tests/fixtures/import-log.mjs', 'bin/nianbao.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NIANBAO_IMPORT_LOG: log, NIANBAO_DEBUG: '1' },
  });
  const chunks = [...r.stderr.matchAll(/^nianbao code cache: (\S+\.cjs \(code cache (?:used|not used)\))$/gm)].map(
    (m) => m[1],
  );
  return { status: r.status, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean), chunks };
}

describe('cold start', () => {
  it('extract of a text PDF loads PDFium and not pdf.js, OCR, canvas, SQLite, review, inspect, the HTML or Word readers', () => {
    const { status, modules, chunks } = loadedModules(['extract', 'samples/city-2021-ruled.pdf', '-o', '/dev/null']);
    expect(status).toBe(0);
    // The worker runs the bundle of the pipeline (npm run build; PDFium's JavaScript is in it) from
    // its launcher; the CLI process is logged too.
    expect(modules.some((m) => m.endsWith('/dist/src/isolation/child-launch.js'))).toBe(true);
    expect(modules.some((m) => m.endsWith('/dist/src/cli/commands/extract.js'))).toBe(true);
    expect(chunks.some((c) => c.startsWith('chunk-extract-'))).toBe(true);
    // Nor the other formats' readers (HTML, Word, LibreOffice) nor the batch's LibreOffice run.
    const unwanted =
      /pdfjs-dist|tesseract|@napi-rs\/canvas|better-sqlite3|node:sqlite|htmlparser2|parse5|chunk-(html|docx|soffice|image|page)-|\/src\/(db|review|inspect|batch)\/|\/extractors\/(ocr\/|html|docx|soffice)/;
    expect([...modules, ...chunks].filter((m) => unwanted.test(m))).toEqual([]);
  });

  it('the second extraction process reads its code from the code cache the first one wrote', () => {
    loadedModules(['extract', 'samples/city-2021-ruled.pdf', '-o', '/dev/null']);
    const { status, chunks } = loadedModules(['extract', 'samples/city-2021-ruled.pdf', '-o', '/dev/null']);
    expect(status).toBe(0);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.filter((c) => !c.endsWith('(code cache used)'))).toEqual([]);
  });

  it('the same file with --engine pdfjs loads pdf.js (the log sees what loads)', () => {
    const { status, modules } = loadedModules([
      'extract',
      'samples/city-2021-ruled.pdf',
      '--engine',
      'pdfjs',
      '-o',
      '/dev/null',
    ]);
    expect(status).toBe(0);
    expect(modules.some((m) => m.includes('pdfjs-dist'))).toBe(true);
  });
});
