// The CLI and the package as users reach them: help, schema, the library import by name.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const run = (args: string[], opts: { input?: string } = {}) =>
  spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root, input: opts.input });

describe('cli', () => {
  it('extract prints the record of one file as JSON', () => {
    const r = run(['bin/nianbao.js', 'extract', 'samples/city-2021-ruled.pdf']);
    expect(r.status).toBe(0);
    const record = ReportSchema.parse(JSON.parse(r.stdout));
    expect(record.source.path).toBe('samples/city-2021-ruled.pdf');
    expect(record.source.textSource).toBe('pdf-text');
    expect(record.source.engine).toBe('pdfium');
    expect(record.template).toBe('2021');
  });

  it('with no arguments prints the usage to stderr and exits 2', () => {
    const r = run(['bin/nianbao.js']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: nianbao <command> [options]');
  });

  it('--help lists every command; each command has its own --help', () => {
    const r = run(['bin/nianbao.js', '--help']);
    expect(r.status).toBe(0);
    for (const c of ['extract', 'schema']) expect(r.stdout).toContain(`  ${c}`);
    const e = run(['bin/nianbao.js', 'extract', '--help']);
    expect(e.stdout).toContain('--format');
    expect(e.stdout).toContain('Exit codes');
  });

  it('lists each command under the name and summary of its module (modules load lazily)', async () => {
    const { commands } = await import('../src/cli/commands/index.js');
    for (const entry of commands) {
      const command = await entry.load();
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
    }
  });

  it('extract --engine pdfjs reads with pdf.js and says so; an unknown engine is a usage error', () => {
    const r = run(['bin/nianbao.js', 'extract', 'samples/district-2019.pdf', '--engine', 'pdfjs']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).source.engine).toBe('pdfjs');
    const bad = run(['bin/nianbao.js', 'extract', 'samples/district-2019.pdf', '--engine', 'mupdf']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('nianbao: --engine takes pdfium or pdfjs, not 「mupdf」\n');
  });

  it('schema prints the JSON Schema of the record', () => {
    const r = run(['bin/nianbao.js', 'schema']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'applications', 'checks', 'provenance']));
    expect(Object.keys(schema.properties.reviewLitigation.anyOf[0].properties)).toEqual([
      'review',
      'litigationDirect',
      'litigationAfterReview',
    ]);
  });

  it('is importable by its package name as a library', () => {
    const r = run([
      '--input-type=module',
      '-e',
      "const m = await import('nianbao'); const r = await m.extractReport('samples/seed-2021-flattened.txt'); console.log(r.agency, r.activeDisclosure.administrativeLicensing.decisions, typeof m.ReportSchema.parse)",
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('经开区公安分局 3053 function');
  });
});
