// Thin wrappers over the machine tools the generator needs (Debian chromium, poppler-utils, qpdf).
// Only the generator uses them; the committed samples are what tests read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Lays out `html` with headless Chromium and prints it to `pdfPath` (A4 from the page's @page rule). */
export function htmlToPdf(html: string, pdfPath: string): void {
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-samples-'));
  try {
    const htmlPath = path.join(work, 'report.html');
    writeFileSync(htmlPath, html);
    execFileSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Untagged output: the structure tree doubles the file size and real 年报 rarely have one.
        '--disable-pdf-tagging',
        `--user-data-dir=${path.join(work, 'profile')}`,
        `--print-to-pdf=${path.resolve(pdfPath)}`,
        '--no-pdf-header-footer',
        `file://${htmlPath}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  pinDates(pdfPath);
}

/** Replaces the print time in /CreationDate and /ModDate by a fixed one of the same length (so no
 *  offsets move): regenerating then leaves unchanged samples byte-identical. */
function pinDates(pdfPath: string): void {
  const text = readFileSync(pdfPath).toString('latin1');
  const pinned = text.replace(/\/(CreationDate|ModDate) \(D:\d{14}/g, '/$1 (D:20250101000000');
  if (pinned !== text) writeFileSync(pdfPath, Buffer.from(pinned, 'latin1'));
}

/** Fails early, naming the Debian package, when a font the specs use is missing: Chromium would
 *  silently fall back to Noto CJK and embed bulky Type 3 fonts. */
export function requireFonts(): void {
  const have = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  const needed: [string, string][] = [
    ['Droid Sans Fallback', 'fonts-droid-fallback'],
    ['AR PL UMing CN', 'fonts-arphic-uming'],
    ['AR PL UKai CN', 'fonts-arphic-ukai'],
    ['Liberation Sans', 'fonts-liberation'],
    ['Liberation Serif', 'fonts-liberation'],
  ];
  const missing = needed.filter(([family]) => !have.includes(family)).map(([, pkg]) => pkg);
  if (missing.length) throw new Error(`missing fonts: apt-get install ${[...new Set(missing)].join(' ')}`);
}

export function pageCount(pdfPath: string): number {
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdfPath}`);
  return Number(m[1]);
}

/** Text of one page (1-based) or of the whole file, as `pdftotext -layout` sees it. */
export function pdfText(pdfPath: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, pdfPath, '-'], { encoding: 'utf8' });
}

export interface Word {
  x: number;
  y: number;
  text: string;
}

/** Words of one page with their top-left corners (`pdftotext -bbox`). */
export function pdfWords(pdfPath: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdfPath, '-'], {
    encoding: 'utf8',
  });
  const unescape = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    text: unescape(m[3]),
  }));
}

/** Embedded font types, to make sure no sample falls back to bulky Type 3 glyph procedures. */
export function fontTypes(pdfPath: string): string[] {
  const out = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => (/Type 3|CID TrueType|TrueType|Type 1C?|CID Type 0C?/.exec(l)?.[0] ?? l));
}

export function encrypt(src: string, dest: string): void {
  // --static-id/--static-aes-iv: qpdf's testing switches, so a rerun gives the same bytes.
  execFileSync('qpdf', ['--static-id', '--static-aes-iv', '--encrypt', 'user', 'owner', '256', '--', src, dest]);
}
