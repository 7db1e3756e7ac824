// Bundles the extraction child (dist/src/isolation/child-entry.js and what it imports) into
// dist/bundle/child.cjs and chunks for what loads on demand: Node loads a few modules instead of
// ~150, and tree-shaking drops what the child never uses (zod's 64 locale modules). Module loading
// is most of a cold `nianbao extract`'s start-up on Node 20, which has no compile cache. Run by
// `npm run build` after tsc.
//
// CommonJS, not ESM: dist/src/isolation/child-launch.js runs these scripts with V8's code cache
// (src/isolation/script-cache.ts), which a script can carry and a module cannot. Packages are
// required, also the ESM-only ones and those loaded on demand (require(esm), Node ≥ 20.19): on
// Node 20 an import() in a script read from a code cache fails (its dynamic-import callback is lost).
//
// Packages that find their own files at run time (pdf.js's cMaps and worker, tesseract's worker
// and language data, ONNX Runtime's binding, PDFium's wasm) stay external and load from
// node_modules; only the pure-JS ones in INLINE are bundled.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHILD_SOURCE = path.join(root, 'dist/src/isolation/child-entry.js');
export const CHILD_BUNDLE = path.join(root, 'dist/bundle/child.cjs');
/**
 * Bare imports bundled into the child (and so into the code cache); every other package stays
 * external. PDFium's JavaScript half is loaded by every process: its CommonJS build, which finds
 * nothing at run time (it is handed the wasm's bytes, extractors/pdfium/wasm.ts).
 */
const INLINE = ['zod', 'fflate', '@embedpdf/pdfium'];
const ALIAS = { '@embedpdf/pdfium': createRequire(import.meta.url).resolve('@embedpdf/pdfium') };

const inline = (id: string) => INLINE.some((p) => id === p || id.startsWith(`${p}/`));

async function main(): Promise<void> {
  let rolldown: typeof import('rolldown');
  try {
    rolldown = await import('rolldown');
  } catch {
    process.stderr.write('bundle: rolldown is not installed (a dev dependency); the child runs unbundled\n');
    return;
  }
  const t0 = Date.now();
  rmSync(path.dirname(CHILD_BUNDLE), { recursive: true, force: true });
  await rolldown.build({
    input: CHILD_SOURCE,
    platform: 'node',
    resolve: { alias: ALIAS },
    // Relative imports are ours (bundled); bare ones are packages, bundled only if pure JS.
    external: (id) => id.startsWith('node:') || (!id.startsWith('.') && !path.isAbsolute(id) && !inline(id)),
    // Split at the dynamic imports: what loads on demand (OCR, pdf.js, Word, HTML readers) stays in
    // chunks of its own, so the packages they import load only when a file needs them.
    output: {
      dir: path.dirname(CHILD_BUNDLE),
      format: 'cjs',
      dynamicImportInCjs: false,
      entryFileNames: path.basename(CHILD_BUNDLE),
      chunkFileNames: 'chunk-[name]-[hash].cjs',
      sourcemap: true,
    },
    logLevel: 'warn',
  });
  if (!existsSync(CHILD_BUNDLE) || statSync(CHILD_BUNDLE).size === 0)
    throw new Error(`bundle: ${CHILD_BUNDLE} was not written`);
  const dir = path.dirname(CHILD_BUNDLE);
  const chunks = readdirSync(dir).filter((f) => f.endsWith('.cjs'));
  const kb = Math.round(chunks.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0) / 1024);
  process.stderr.write(
    `bundle: ${path.relative(root, CHILD_BUNDLE)} and ${chunks.length - 1} chunks (${kb} KB) in ${Date.now() - t0} ms\n`,
  );
}

await main();
