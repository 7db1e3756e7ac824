// Bundles the extraction child (dist/src/isolation/child-entry.js and what it imports) into
// dist/bundle/child.mjs and chunks for what loads on demand: Node loads a few modules instead of
// ~150, and tree-shaking drops what the child never uses (zod's 64 locale modules). Module loading
// is most of a cold `nianbao extract`'s start-up on Node 20, which has no compile cache. Run by
// `npm run build` after tsc.
//
// Packages that find their own files at run time (pdf.js's cMaps and worker, tesseract's worker
// and language data, ONNX Runtime's binding, PDFium's wasm) stay external and load from
// node_modules; only the pure-JS ones in INLINE are bundled.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHILD_SOURCE = path.join(root, 'dist/src/isolation/child-entry.js');
export const CHILD_BUNDLE = path.join(root, 'dist/bundle/child.mjs');
/** Bare imports bundled into the child; every other package stays external. */
const INLINE = ['zod', 'fflate'];

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
    // Relative imports are ours (bundled); bare ones are packages, bundled only if pure JS.
    external: (id) => id.startsWith('node:') || (!id.startsWith('.') && !path.isAbsolute(id) && !inline(id)),
    // Split at the dynamic imports: what loads on demand (OCR, pdf.js, Word, HTML readers) stays in
    // chunks of its own, so the packages they import load only when a file needs them.
    output: {
      dir: path.dirname(CHILD_BUNDLE),
      format: 'esm',
      entryFileNames: path.basename(CHILD_BUNDLE),
      chunkFileNames: 'chunk-[name]-[hash].mjs',
      sourcemap: true,
    },
    logLevel: 'warn',
  });
  if (!existsSync(CHILD_BUNDLE) || statSync(CHILD_BUNDLE).size === 0)
    throw new Error(`bundle: ${CHILD_BUNDLE} was not written`);
  const dir = path.dirname(CHILD_BUNDLE);
  const chunks = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
  const kb = Math.round(chunks.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0) / 1024);
  process.stderr.write(
    `bundle: ${path.relative(root, CHILD_BUNDLE)} and ${chunks.length - 1} chunks (${kb} KB) in ${Date.now() - t0} ms\n`,
  );
}

await main();
