// Every command's --help says what it really does: the formats it reads are the readers the code
// registers (a new reader whose format no help names fails here), and it states its exit codes.
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_FORMATS } from '../extractors/types.js';
import { commands } from '../src/cli/commands/index.js';
import { FORMAT_NAMES } from '../src/pipeline/formats.js';
import { READERS } from '../src/pipeline/read-input.js';
import { DOCUMENT_EXTENSIONS } from '../src/watch/disposition.js';

const root = path.resolve(__dirname, '..');
const run = (args: string[]) =>
  spawnSync(process.execPath, ['bin/nianbao.js', ...args], { encoding: 'utf8', cwd: root });
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/**
 * How a reader knows each format is named in help — the test's own words, not the code's, so a
 * help text that drops one fails; a new format has to be added here too (the first test says so).
 */
const WORD_IN_HELP: Record<string, RegExp> = {
  pdf: /\bPDF\b/,
  html: /\bHTML\b/,
  mht: /\.mht\b/,
  docx: /\.docx\b/,
  doc: /\.doc\b/,
  wps: /\.wps\b/,
  odt: /\.odt\b/,
  rtf: /\bRTF\b/,
  image: /\bJPEG\b.*\bPNG\b.*\bTIFF\b.*\bBMP\b.*\bWebP\b.*\bGIF\b/,
  markdown: /\bMarkdown\b/,
  text: /\bpdftotext\b/,
};

/** The commands that read report files, in any format. */
const READING = ['extract', 'batch', 'ingest', 'enqueue', 'inspect', 'compare'];

const usageOf = async (name: string) => {
  const entry = commands.find((c) => c.name === name);
  if (!entry) throw new Error(`no command ${name}`);
  return (await entry.load()).usage;
};

describe('--help', () => {
  it('a reader is registered for every format, each named for help and in this test', () => {
    const registered = Object.keys(READERS).sort();
    expect(registered).toEqual([...SOURCE_FORMATS].sort());
    expect(Object.keys(FORMAT_NAMES).sort()).toEqual(registered);
    expect(Object.keys(WORD_IN_HELP).sort()).toEqual(registered);
  });

  it('extract and batch, as printed, name every registered format', () => {
    for (const name of ['extract', 'batch']) {
      const r = run([name, '--help']);
      expect(r.status).toBe(0);
      const help = oneLine(r.stdout);
      const missing = Object.keys(READERS).filter((f) => !WORD_IN_HELP[f].test(help));
      expect({ name, missing }).toEqual({ name, missing: [] });
      // Those read through LibreOffice say so.
      expect(help).toMatch(/\.doc\).*WPS, ODT and RTF are read through LibreOffice/);
    }
  });

  it('every command that reads report files names every registered format', async () => {
    for (const name of READING) {
      const help = oneLine(await usageOf(name));
      const missing = Object.keys(READERS).filter((f) => !WORD_IN_HELP[f].test(help));
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });

  it('the error line of a file of another type names every format too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-help-'));
    const file = path.join(dir, 'data.bin');
    writeFileSync(file, Buffer.from([0x13, 0x37, 0x00, 0x42, 0x01, 0x00]));
    const r = run(['extract', file]);
    expect(r.status).toBe(5);
    expect(r.stderr).toContain(
      '; nianbao reads PDF, HTML, MHT, Word (.docx), Word 97–2003 (.doc), WPS, ODT, RTF, images, Markdown and text\n',
    );
  });

  it('watch keeps the attachments its help names, and each is a format a reader reads', async () => {
    const help = oneLine(await usageOf('watch'));
    expect(help).toContain('keeps its PDF/DOC/DOCX/WPS/ODT/RTF attachments');
    for (const ext of DOCUMENT_EXTENSIONS) expect(Object.keys(READERS)).toContain(ext);
  });

  it('every command but schema states its exit codes', async () => {
    const without: string[] = [];
    for (const { name } of commands) if (!/Exit codes/.test(await usageOf(name))) without.push(name);
    expect(without).toEqual(['schema']);
  });

  it('the summaries say the outputs: batch writes xlsx too', () => {
    const r = run(['--help']);
    expect(r.stdout).toContain('batch        extract many reports (isolated, resumable) to JSONL, JSON, CSV or xlsx');
    expect(r.stdout).toContain(
      'extract      extract report records from PDF, web pages, Word, images, Markdown or text',
    );
  });
});
