// The cold path: `nianbao extract` of a text PDF loads PDFium and the pipeline, and nothing of
// pdf.js, OCR (tesseract), canvas, SQLite, the database, review or inspect modules. (Its speed is
// measured by `npm run bench`, not here.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

function loadedModules(args: string[]): { status: number | null; modules: string[] } {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-imports-')), 'imports.txt');
  const r = spawnSync(process.execPath, ['--import', './tests/fixtures/import-log.mjs', 'bin/nianbao.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NIANBAO_IMPORT_LOG: log },
  });
  return { status: r.status, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('cold start', () => {
  it('extract of a text PDF loads PDFium and not pdf.js, OCR, canvas, SQLite, review, inspect, the HTML or Word readers', () => {
    const { status, modules } = loadedModules(['extract', 'samples/city-2021-ruled.pdf', '-o', '/dev/null']);
    expect(status).toBe(0);
    // Both the CLI process and its extraction worker are logged.
    expect(modules.some((m) => m.includes('@embedpdf/pdfium'))).toBe(true);
    // The worker runs the one-file bundle of the pipeline (npm run build), or its modules.
    expect(modules.some((m) => m.endsWith('/dist/bundle/child.mjs') || m.endsWith('/src/pipeline/extract.js'))).toBe(
      true,
    );
    // Nor the other formats' readers (HTML, Word, LibreOffice) nor the batch's LibreOffice run.
    const unwanted =
      /pdfjs-dist|tesseract|@napi-rs\/canvas|better-sqlite3|node:sqlite|htmlparser2|parse5|chunk-(html|docx|soffice)-|\/src\/(db|review|inspect|batch)\/|\/extractors\/(ocr\/|html|docx|soffice)/;
    expect(modules.filter((m) => unwanted.test(m))).toEqual([]);
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
