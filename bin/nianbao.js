#!/usr/bin/env node
// The CLI runs from the compiled dist/ (built by `npm ci`/`npm install` through the prepare script).
import { existsSync } from 'node:fs';
import module from 'node:module';
// Node ≥ 22.1 keeps the compiled code of our modules on disk (in the OS temp dir; the extraction
// processes inherit it): a cold start skips most parsing. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('nianbao: dist/ is missing — run `npm run build` first');
  process.exit(70);
}
// `extract` needs one extraction process, `batch` one per job: start them now, before the CLI's
// modules load, so the Node start-ups overlap (the command's pool takes them over; with --memory
// the pool starts its own).
const args = process.argv.slice(2);
if (args[0] === 'extract' || args[0] === 'batch') {
  const { earlyCount, startEarly } = await import(new URL('../dist/src/isolation/spawn.js', import.meta.url).href);
  const count = earlyCount(args);
  if (count > 0) startEarly(undefined, count);
}
// A closed pipe (`nianbao extract x.pdf | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { runCli } = await import(main.href);
process.exitCode = await runCli(args);
