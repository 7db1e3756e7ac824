// The batch's output files, each streamed into a temp file and renamed into place at the end.
import { AtomicFile } from './atomic-stream.js';
import { removeStaleTemps } from '../output/atomic-write.js';
import type { CrossYearCheck } from '../crossyear/checks.js';
import { BOM, csvLine, LONG_HEADER, longRows, WIDE_TABLES } from '../output/csv.js';
import type { Report } from '../schema/record.js';
import type { FailureRecord } from './store.js';
import type { OutputLayout } from './layout.js';
import type { WorkbookOut } from '../output/xlsx.js';

/** Where a list of objects goes: begun, added to one by one, then committed (renamed into place) or aborted. */
interface Sink<T> {
  begin(): Promise<void>;
  add(x: T): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** The records as one workbook (src/output/xlsx.ts), written to a temp file until commit. */
class WorkbookSink implements Sink<Report> {
  constructor(private readonly out: WorkbookOut) {}
  async begin(): Promise<void> {}
  async add(r: Report): Promise<void> {
    this.out.add(r);
  }
  commit(): Promise<void> {
    return this.out.commit();
  }
  abort(): Promise<void> {
    return this.out.abort();
  }
}

/** One list of JSON objects as JSON Lines, a JSON array, or CSV rows. */
class ListWriter<T> implements Sink<T> {
  private n = 0;
  constructor(
    private readonly file: AtomicFile,
    private readonly format: 'jsonl' | 'json' | 'csv',
    private readonly csv?: { header: string[]; rows(x: T): unknown[][] },
  ) {}

  async begin(): Promise<void> {
    if (this.format === 'json') await this.file.write('[');
    if (this.format === 'csv') await this.file.write(BOM + csvLine(this.csv!.header as string[]));
  }
  async add(x: T): Promise<void> {
    if (this.format !== 'csv') return this.addJson(JSON.stringify(x));
    for (const row of this.csv!.rows(x)) await this.file.write(csvLine(row as never));
    this.n++;
  }
  /** Whether the list is JSON (jsonl or json): it takes objects as their JSON text. */
  get takesJson(): boolean {
    return this.format !== 'csv';
  }
  /** An object as its JSON text (JSON.stringify's, on one line), in a JSON list. */
  async addJson(json: string): Promise<void> {
    await this.file.write(this.format === 'jsonl' ? json + '\n' : (this.n ? ',\n' : '\n') + json);
    this.n++;
  }
  async commit(): Promise<void> {
    if (this.format === 'json') await this.file.write(this.n ? '\n]\n' : ']\n');
    await this.file.commit();
  }
  abort(): Promise<void> {
    return this.file.abort();
  }
}

const FAILURE_HEADER = ['file', 'sha256', 'code', 'message', 'attempts', 'failedAt', 'extractorVersion'];
/** An input whose content (sha256) is the same as an earlier input's: not extracted twice. */
export interface DuplicateRecord {
  path: string;
  sha256: string;
  /** The earlier input's path (its record is in the records file). */
  duplicateOf: string;
}

const CROSS_HEADER = [
  'agency',
  'id',
  'passed',
  'previousYear',
  'previousFile',
  'currentYear',
  'currentFile',
  'expected',
  'actual',
  'blanksAsZero',
  'message',
];

const DUPLICATE_HEADER = ['file', 'sha256', 'duplicateOf'];

/** One list of `T` into a fresh temp file for `path`, as CSV rows `rows` under `header` when `f` is CSV. */
async function listWriter<T>(
  path: string,
  f: 'jsonl' | 'json' | 'csv',
  header: string[],
  rows: (x: T) => unknown[][],
): Promise<ListWriter<T>> {
  return new ListWriter<T>(await AtomicFile.create(path), f, { header, rows });
}

/** The records: a workbook for xlsx, else a list in the long CSV layout or JSON. */
async function recordsSink(layout: OutputLayout, f: 'jsonl' | 'json' | 'csv'): Promise<Sink<Report>> {
  // ExcelJS loads only for an xlsx batch: ~0.26 s of CPU every other batch would pay at start-up.
  if (layout.format === 'xlsx')
    return new WorkbookSink((await import('../output/xlsx.js')).WorkbookOut.create(layout.records));
  return listWriter<Report>(layout.records, f, LONG_HEADER, longRows);
}

/** A CSV batch also writes one wide file per table: a row per record that has the table. */
function wideWriters(layout: OutputLayout): Promise<Array<ListWriter<Report>>> {
  return Promise.all(
    WIDE_TABLES.map((t) =>
      listWriter<Report>(layout.wide[t.name], 'csv', t.header, (r) => {
        const row = t.row(r);
        return row ? [row] : [];
      }),
    ),
  );
}

function crossYearRows(c: CrossYearCheck): unknown[][] {
  const { previous, current } = c;
  return [
    [
      c.agency,
      c.id,
      c.passed,
      previous.year,
      previous.path,
      current.year,
      current.path,
      c.expected,
      c.actual,
      c.blanksAsZero ?? false,
      c.message,
    ],
  ];
}

export class BatchWriters {
  private constructor(private readonly lists: Array<Sink<never>>) {}

  records!: Sink<Report>;
  wide: Array<ListWriter<Report>> = [];
  errors!: ListWriter<FailureRecord>;
  crossYear!: ListWriter<CrossYearCheck>;
  duplicates!: ListWriter<DuplicateRecord>;

  static async open(layout: OutputLayout): Promise<BatchWriters> {
    // An xlsx batch writes its records as a workbook, its errors and cross-year checks as CSV.
    const f = layout.format === 'xlsx' ? 'csv' : layout.format;
    // Leftovers of an earlier run killed while writing these outputs.
    const outputs = [layout.records, ...Object.values(layout.wide), layout.errors, layout.crossYear, layout.duplicates];
    await removeStaleTemps(layout.dir, outputs);
    const records = await recordsSink(layout, f);
    const wide = layout.format === 'csv' ? await wideWriters(layout) : [];
    const errors = await listWriter(layout.errors, f, FAILURE_HEADER, (e: FailureRecord) => [
      [e.path, e.sha256, e.code, e.message, e.attempts, e.failedAt, e.extractorVersion],
    ]);
    const crossYear = await listWriter(layout.crossYear, f, CROSS_HEADER, crossYearRows);
    const duplicates = await listWriter(layout.duplicates, f, DUPLICATE_HEADER, (d: DuplicateRecord) => [
      [d.path, d.sha256, d.duplicateOf],
    ]);
    const w = new BatchWriters([records, ...wide, errors, crossYear, duplicates] as Array<Sink<never>>);
    w.records = records;
    w.wide = wide;
    w.errors = errors;
    w.crossYear = crossYear;
    w.duplicates = duplicates;
    for (const l of w.lists) await l.begin();
    return w;
  }

  async addRecord(r: Report): Promise<void> {
    await this.records.add(r);
    for (const t of this.wide) await t.add(r);
  }

  /**
   * A record as its JSON text, written as it is where the records are JSON (jsonl, json: no wide
   * CSV files, no workbook); false, nothing written, where they need the object.
   */
  async addRecordJson(json: string): Promise<boolean> {
    if (!(this.records instanceof ListWriter) || !this.records.takesJson || this.wide.length > 0) return false;
    await this.records.addJson(json);
    return true;
  }

  async commit(): Promise<void> {
    for (const l of this.lists) await l.commit();
  }

  async abort(): Promise<void> {
    for (const l of this.lists) await l.abort();
  }
}
