// `nianbao inspect`: page PNGs showing what was read where.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { NianbaoError } from '../../errors.js';
import { cellMap, DEFAULT_SCALE, inspectFile, pngName } from '../../inspect/inspect.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { failedFindingCount } from '../../findings/findings.js';
import { formatsHelp } from '../../pipeline/formats.js';

const usage = `Usage: nianbao inspect <file> [options]

Draw what nianbao read over each page of a report and write one PNG per page:
  blue lines     ruling lines found on the page
  green boxes    table cells enclosed by those lines
  coloured boxes every number that went into the record; above the box its column
                 (e.g. naturalPerson), at the right margin its row (e.g.
                 applications.results.granted): the record path is row.column
  purple dashes  text read by OCR, with its confidence (orange wash: below 80)
  red outlines   cells named by a failed check (dashed: a cell printed blank)
The failed checks' messages are listed at the bottom of the margin.
Images and TIFF scans are drawn the same way (page = image or TIFF frame). A web page, web
archive, Word, WPS, ODT, RTF or Markdown file has no pages: a tab-separated cell map
(<name>-cells.tsv) says which table, row, column and element (or line) each value came from.

${formatsHelp()}

Options:
  -p, --page N      only page N (1-based)
  -o, --out DIR     write the PNGs into DIR (created if missing; default: current directory)
      --scale N     pixels per PDF point (default ${DEFAULT_SCALE}, i.e. ${DEFAULT_SCALE * 72} dpi)
      --no-ocr      use the PDF text layer only, never OCR
  -h, --help        show this help

Files are named <input name>-p<N>.png; their paths are printed one per line.
Plain-text input has no page images: nothing is written and a note says so.
Exit codes as for 'nianbao extract'.`;

export const command: Command = {
  name: 'inspect',
  summary: 'page images showing the grid, cells and numbers read, and failed checks',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: { '-p': 'page', '--page': 'page', '-o': 'out', '--out': 'out', '--scale': 'scale' },
      booleans: { '--no-ocr': 'noOcr' },
    });
    if (positionals.length !== 1) throw new NianbaoError('USAGE', 'inspect takes exactly one file (see --help)');
    const file = positionals[0];
    const page = opts.page === undefined ? undefined : intOption(opts.page, '--page', 1);
    if (page !== undefined && !Number.isInteger(page))
      throw new NianbaoError('USAGE', `--page takes a whole number, not 「${opts.page}」`);
    const scale = intOption(opts.scale, '--scale', DEFAULT_SCALE);
    if (scale > 8) throw new NianbaoError('USAGE', '--scale is at most 8');
    const outDir = (opts.out as string | undefined) ?? '.';
    const result = await inspectFile(file, { page, scale, ocr: !opts.noOcr });
    if (result.doc.kind === 'markup') {
      // Web pages and Word files have no pages: a map of the cells each value came from instead.
      await mkdir(outDir, { recursive: true });
      const out = path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}-cells.tsv`);
      await writeFileAtomic(out, cellMap(result.record));
      process.stdout.write(out + '\n');
      return 0;
    }
    if (result.pages.some((p) => !p.png)) {
      process.stderr.write(`nianbao: ${file}: plain-text input has no page images; nothing written\n`);
      return 0;
    }
    await mkdir(outDir, { recursive: true });
    for (const p of result.pages) {
      const out = path.join(outDir, pngName(file, p.plan.page));
      await writeFileAtomic(out, p.png!);
      process.stdout.write(out + '\n');
    }
    // A column of totals left blank counts once (findings), as everywhere else.
    const failed = failedFindingCount(result.record.checks);
    if (failed) process.stderr.write(`nianbao: ${file}: ${failed} failed check(s), outlined in red\n`);
    return 0;
  },
};
