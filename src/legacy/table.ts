// The old 政府信息公开情况统计表 (指标名称 / 单位 / 数量): rows after its title or its head, each a label
// of src/templates/legacy-table.ts, a unit and a number; blank cells are null with their provenance.
import type { Line } from '../layout/lines.js';
import type { Provenance } from '../schema/record.js';
import {
  LEGACY_TABLE_MARKERS,
  LEGACY_TABLE_ROWS,
  LEGACY_TABLE_UNITS,
  type LegacyTableRow,
} from '../templates/index.js';
import { squash } from '../text/normalize.js';
import { parseCell } from '../text/values.js';

/** The 统计表 as read: figures by path (null: printed blank), their provenance, the lines it took. */
export interface LegacyTable {
  values: Map<string, number | null>;
  provenance: Record<string, Provenance>;
  lines: Set<number>;
}

const NUMBERING =
  /^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)|其中[:：]?)+/u;
const UNITS = [...LEGACY_TABLE_UNITS.count, ...Object.keys(LEGACY_TABLE_UNITS.amount)].sort(
  (a, b) => b.length - a.length,
);
const ROW = new RegExp(
  `^(.+?)(${UNITS.join('|')})?((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|[/／—–\\-－]+|无)?$`,
  'u',
);
/** Lines that may stand inside the table without being a row (its head, a wrapped label). */
const MAX_GAP_LINES = 2;

const BY_LABEL = new Map<string, LegacyTableRow>(
  LEGACY_TABLE_ROWS.flatMap((r) => [r.label, ...(r.variants ?? [])].map((l) => [squash(l), r] as const)),
);

/** A line read as a row of the 统计表: its row, unit and printed value; null when it is none. */
export function tableRow(text: string): { row: LegacyTableRow; unit: string | null; printed: string } | null {
  const m = ROW.exec(squash(text).replace(NUMBERING, ''));
  if (!m) return null;
  const row = BY_LABEL.get(m[1].replace(NUMBERING, ''));
  return row ? { row, unit: m[2] ?? null, printed: m[3] ?? '' } : null;
}

/** The 统计表 in `lines` (simplified script), or null when the report has none. */
export function readLegacyTable(lines: Line[]): LegacyTable | null {
  const start = lines.findIndex(
    (l) =>
      LEGACY_TABLE_MARKERS.title.test(squash(l.text)) ||
      LEGACY_TABLE_MARKERS.heads.every((h) => squash(l.text).includes(h)),
  );
  if (start < 0) return null;
  const table: LegacyTable = { values: new Map(), provenance: {}, lines: new Set([start]) };
  let gap = 0;
  for (let i = start + 1; i < lines.length && gap <= MAX_GAP_LINES; i++) {
    let r = tableRow(lines[i].text);
    // A row wrapped over two lines — its label (「…经济安全和社」 / 「会稳定 件 0」) or its unit and number
    // (「1.当面申请数」 / 「件 3」) — is the two joined, when the next line is no row of its own.
    const next = i + 1 < lines.length && !tableRow(lines[i + 1].text) ? lines[i + 1].text : null;
    const wrapped = next !== null && (!r || r.printed === '') ? tableRow(lines[i].text + next) : null;
    if (wrapped && (wrapped.printed !== '' || !r)) {
      table.lines.add(i++);
      r = wrapped;
    }
    if (!r) {
      gap++;
      if (LEGACY_TABLE_MARKERS.heads.some((h) => squash(lines[i].text).startsWith(h))) table.lines.add(i);
      continue;
    }
    gap = 0;
    table.lines.add(i);
    const path = r.row.path;
    if (table.values.has(path)) continue;
    const cell = r.printed === '' ? { kind: 'blank' as const } : parseCell(r.printed);
    const factor = r.row.amount
      ? ((LEGACY_TABLE_UNITS.amount as Record<string, number>)[r.unit ?? '万元'] ?? 10_000)
      : 1;
    table.values.set(path, cell?.kind === 'number' ? Math.round(cell.value * factor * 100) / 100 : null);
    table.provenance[`legacy.${path}`] = cellProvenance(lines[i], r.printed);
  }
  return table.values.size ? table : null;
}

/** Page and box of the value's token (the line's last), and what was printed. */
function cellProvenance(line: Line, printed: string): Provenance {
  const token = printed ? [...line.tokens].reverse().find((t) => squash(t.text).endsWith(printed)) : undefined;
  return { page: line.page, bbox: (token ?? line).bbox, text: printed };
}
