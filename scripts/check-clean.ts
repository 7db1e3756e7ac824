// The OCR clean-up (paper, skew, lean, binaries, streaks, grid, keystone, repair, specks) of every
// page of the committed scans, hashed: a speed change to it must leave every output bit-identical.
// Prints per page the CPU seconds of the page image and of the clean-up, and one hash of its
// outputs; `--write FILE` stores the hashes, `--check FILE` fails when any differs.
//
//   node dist/scripts/check-clean.js [--write FILE | --check FILE] [--runs N] [files…]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openPdf } from '../extractors/pdf-document.js';
import { cleanPage, pageImage, type CleanPage } from '../extractors/ocr/page.js';
import type { CanvasFactory } from '../extractors/ocr/render.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const write = opt('--write');
const check = opt('--check');
const runs = Number(opt('--runs') ?? '1');
const files = args.length
  ? args
  : readdirSync('samples/scanned')
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => path.join('samples/scanned', f));

/** CPU seconds (this thread's process: user + system) of `f`. */
function cpu<T>(f: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const out = f();
  const c = process.cpuUsage(c0);
  return [out, (c.user + c.system) / 1e6];
}

function hashOf(c: CleanPage): string {
  const h = createHash('sha256');
  h.update(c.bin.data);
  h.update(c.raw.data);
  h.update(JSON.stringify([c.bin.width, c.bin.height, c.dpi, c.skew, c.lean, c.keystone, c.rules, c.tables]));
  return h.digest('hex').slice(0, 16);
}

const hashes: Record<string, string> = {};
let imageCpu = 0;
let cleanCpu = 0;
let pages = 0;
for (const file of files) {
  const doc = await openPdf(readFileSync(file), file);
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const c0 = process.cpuUsage();
      const image = await pageImage(page, { canvasFactory: doc.canvasFactory as CanvasFactory }, DEFAULT_OCR_SETTINGS);
      const c = process.cpuUsage(c0);
      const iCpu = (c.user + c.system) / 1e6;
      const times: number[] = [];
      let key = '';
      for (let k = 0; k < runs; k++) {
        const [clean, t] = cpu(() => cleanPage(image, DEFAULT_OCR_SETTINGS));
        times.push(t);
        key = hashOf(clean);
      }
      const t = Math.min(...times);
      const name = `${path.basename(file)} p${n}`;
      hashes[name] = key;
      imageCpu += iCpu;
      cleanCpu += t;
      pages++;
      console.log(
        `${name.padEnd(44)} ${image.origin.padEnd(9)} image ${iCpu.toFixed(2)} s  clean ${t.toFixed(2)} s  ${key}`,
      );
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
}
console.log(
  `${pages} pages: image ${(imageCpu / pages).toFixed(3)} s, clean-up ${(cleanCpu / pages).toFixed(3)} s CPU a page (mean)`,
);
if (write) writeFileSync(write, JSON.stringify(hashes, null, 1) + '\n');
if (check) {
  const want = JSON.parse(readFileSync(check, 'utf8')) as Record<string, string>;
  const bad = Object.keys(want).filter((k) => hashes[k] !== want[k]);
  console.log(bad.length ? `DIFFERENT: ${bad.join(', ')}` : `all ${Object.keys(want).length} pages bit-identical`);
  if (bad.length) process.exitCode = 1;
}
