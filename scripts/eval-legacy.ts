// npm run eval (its second part): accuracy on generated reports for 2008–2018 (template "2008"),
// per input format and per phrasing class, with the silent errors (a wrong or invented figure with no
// warning and no failed check on its path). Also writes samples: --write DIR [--count N].
//   node dist/scripts/eval-legacy.js [--count 40] [--seed 2008] [--no-pdf] [--scan N] [--write samples/legacy]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractReport } from '../src/pipeline/extract.js';
import type { Report } from '../src/schema/record.js';
import { getPath } from '../src/schema/paths.js';
import { completenessViolations } from '../src/checks/completeness.js';
import { LEGACY_PATHS } from '../src/templates/index.js';
import { legacySample, PHRASINGS, type LegacySample } from './samples/legacy.js';
import { legacyDocx, legacyHtml, legacyText } from './samples/legacy-render.js';
import { seededRng } from './samples/prng.js';
import { htmlToPdf } from './samples/tools.js';

interface Tally {
  stated: number;
  exact: number;
  silent: number;
  files: number;
  identity: number;
}
const tally = (): Tally => ({ stated: 0, exact: 0, silent: 0, files: 0, identity: 0 });

/** How a record's figures and identity compare with the sample's expected ones. */
export function score(
  r: Report,
  s: LegacySample,
): { stated: number; exact: number; silent: string[]; identityOk: boolean } {
  const flagged = (p: string) =>
    r.warnings.some((w) => [w.path, ...(w.paths ?? [])].some((x) => x === p || (x && p.startsWith(x + '.')))) ||
    r.checks.some((c) => !c.passed && c.paths.includes(p));
  let [stated, exact] = [0, 0];
  const silent: string[] = [];
  for (const leaf of LEGACY_PATHS) {
    const p = `legacy.${leaf}`;
    const want = s.expected.legacy[leaf];
    const got = getPath(r, p);
    if (want !== undefined) stated++;
    if (want !== undefined && got === want) exact++;
    else if (typeof got === 'number' && !flagged(p)) silent.push(`${p}: ${got}, expected ${want ?? 'absent'}`);
    else if (got === undefined && want !== undefined && !flagged(p)) silent.push(`${p}: missing without a warning`);
  }
  const e = s.expected;
  const identityOk = r.template === e.template && r.year === e.year && r.agency === e.agency && r.title === e.title;
  return { stated, exact, silent, identityOk };
}

type Format = 'text' | 'html' | 'docx' | 'pdf' | 'scan';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

/**
 * The printed PDF scanned as the gray looks of make-scanned-samples do it: 200 dpi, a slight skew,
 * the scanner's blur and sensor noise, JPEG, then img2pdf (poppler, ImageMagick, img2pdf).
 */
function scanOf(s: LegacySample, file: string): void {
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-legacy-scan-'));
  try {
    htmlToPdf(legacyHtml(s), path.join(work, 'print.pdf'));
    run('pdftoppm', ['-r', '200', '-gray', path.join(work, 'print.pdf'), path.join(work, 'p')]);
    const pages = readdirSync(work)
      .filter((f) => f.endsWith('.pgm'))
      .sort();
    const images = pages.map((f, i) => {
      const out = path.join(work, f.replace(/\.pgm$/u, '.jpg'));
      run('convert', [
        '-seed',
        String(1000 + i),
        path.join(work, f),
        '-background',
        'white',
        '-rotate',
        String(i % 2 ? -0.4 : 0.4),
        '-blur',
        '0x0.6',
        '-attenuate',
        '0.3',
        '+noise',
        'Gaussian',
        '-colorspace',
        'Gray',
        '-quality',
        '70',
        '-strip',
        out,
      ]);
      return out;
    });
    run('img2pdf', ['--pagesize', 'A4', '-o', file, ...images]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function files(s: LegacySample, dir: string, formats: Format[]): Promise<Array<[Format, string]>> {
  const out: Array<[Format, string]> = [];
  for (const f of formats) {
    const file = path.join(dir, `${s.name}.${f === 'text' ? 'txt' : f === 'scan' ? 'scan.pdf' : f}`);
    if (f === 'text') writeFileSync(file, legacyText(s));
    if (f === 'html') writeFileSync(file, legacyHtml(s));
    if (f === 'docx') writeFileSync(file, await legacyDocx(s));
    if (f === 'pdf') htmlToPdf(legacyHtml(s), file);
    if (f === 'scan') scanOf(s, file);
    out.push([f, file]);
  }
  return out;
}

/** The legacy evaluation with command-line `args`; 1 when a figure was silently wrong or anything failed. */
export async function evalLegacy(args: string[]): Promise<number> {
  const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const count = Number(opt('--count', '40'));
  const rng = seededRng(Number(opt('--seed', '2008')));
  const write = args.includes('--write') ? path.resolve(opt('--write', 'samples/legacy')) : null;
  const formats: Format[] = args.includes('--no-pdf') ? ['text', 'html', 'docx'] : ['text', 'html', 'docx', 'pdf'];
  // --scan N: the first N reports also as scans (OCR: seconds a page).
  const scans = Number(opt('--scan', '0'));
  if (scans > 0) formats.push('scan');
  const dir = write ?? mkdtempSync(path.join(tmpdir(), 'nianbao-legacy-'));
  mkdirSync(dir, { recursive: true });
  const byFormat = new Map<string, Tally>(formats.map((f) => [f, tally()]));
  const byClass = new Map<string, Tally>(PHRASINGS.map((p) => [p, tally()]));
  const problems: string[] = [];
  try {
    for (let k = 0; k < count; k++) {
      const s = legacySample(rng, `legacy-${String(k + 1).padStart(3, '0')}`);
      if (write)
        writeFileSync(
          path.join(dir, `${s.name}.legacy.json`),
          JSON.stringify({ ...s.expected, phrasings: s.phrasings }, null, 2) + '\n',
        );
      for (const [format, file] of await files(
        s,
        dir,
        formats.filter((f) => f !== 'scan' || k < scans),
      )) {
        let r: Report;
        try {
          r = await extractReport(file, { ocr: format === 'scan' });
        } catch (e) {
          problems.push(`${path.basename(file)}: ${(e as Error).message}`);
          continue;
        }
        const sc = score(r, s);
        const bad = completenessViolations(r);
        if (bad.length) problems.push(`${path.basename(file)}: completeness ${bad.map((v) => v.path).join(', ')}`);
        if (!sc.identityOk)
          problems.push(`${path.basename(file)}: identity ${r.title}|${r.agency}|${r.year}|${r.template}`);
        for (const x of sc.silent) problems.push(`${path.basename(file)}: silent ${x}`);
        for (const t of [byFormat.get(format)!, ...s.phrasings.map((p) => byClass.get(p)!)]) {
          t.files++;
          t.stated += sc.stated;
          t.exact += sc.exact;
          t.silent += sc.silent.length;
          t.identity += sc.identityOk ? 1 : 0;
        }
      }
    }
  } finally {
    if (!write) rmSync(dir, { recursive: true, force: true });
  }
  const line = (name: string, t: Tally) =>
    `${name.padEnd(32)} ${String(t.files).padStart(5)} ${String(t.stated).padStart(7)} ${(t.stated ? (100 * t.exact) / t.stated : 100).toFixed(2).padStart(8)}% ${String(t.silent).padStart(6)} ${String(t.identity).padStart(6)}`;
  console.log(`legacy reports (template 2008): ${count} generated, formats ${formats.join(', ')}`);
  console.log(`${'format / phrasing class'.padEnd(32)} files  stated    exact silent  ident`);
  for (const [f, t] of byFormat) console.log(line(f, t));
  for (const [c, t] of byClass) if (t.files) console.log(line(c, t));
  for (const p of problems.slice(0, 30)) console.log(`  ${p}`);
  const silent = [...byFormat.values()].reduce((n, t) => n + t.silent, 0);
  return silent > 0 || problems.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await evalLegacy(process.argv.slice(2));
