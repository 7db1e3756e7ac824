#!/usr/bin/env node
// The CLI runs from the compiled dist/ (built by `npm ci`/`npm install` through the prepare script).
import { existsSync } from 'node:fs';
const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('nianbao: dist/ is missing — run `npm run build` first');
  process.exit(70);
}
// A closed pipe (`nianbao extract x.pdf | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2));
