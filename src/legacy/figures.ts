// The figures of a legacy report from its prose and its 统计表: one value per path, each with its
// provenance, and the warnings for what is not taken (never stated, approximate, stated two ways).
import type { Provenance, Warning } from '../schema/record.js';
import { LEGACY_PATHS } from '../templates/index.js';
import type { ProseFigure, ProseReading } from './prose.js';
import type { LegacyTable } from './table.js';

/** Figures by path (null: a 统计表 cell printed blank), with provenance and warnings. */
export interface ResolvedFigures {
  values: Map<string, number | null>;
  /** The prose figure behind each value read from prose, or compared with the table. */
  prose: Map<string, ProseFigure>;
  provenance: Record<string, Provenance>;
  warnings: Warning[];
}

/**
 * One value per path: the 统计表's where it has the row, else the prose's. Prose that states a figure
 * with two different numbers gives none (`figure-ambiguous`); an approximation only (`approximate`).
 * Every path left without a value is listed in one `not-stated` warning.
 */
export function resolveFigures(reading: ProseReading, table: LegacyTable | null): ResolvedFigures {
  const out: ResolvedFigures = { values: new Map(), prose: new Map(), provenance: {}, warnings: [] };
  const byPath = new Map<string, ProseFigure[]>();
  for (const f of reading.figures) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  for (const [path, figures] of byPath) {
    const values = new Set(figures.map((f) => f.value));
    if (values.size > 1) {
      if (table?.values.has(path)) continue;
      out.warnings.push({
        code: 'figure-ambiguous',
        message: `the report states ${path} as ${figures.map((f) => `「${f.span.text}」`).join(' and ')}; not taken`,
        path: `legacy.${path}`,
      });
      continue;
    }
    out.prose.set(path, figures[0]);
  }
  for (const [path, f] of out.prose) {
    if (table?.values.has(path)) continue;
    out.values.set(path, f.value);
    out.provenance[`legacy.${path}`] = { ...f.span };
  }
  for (const [path, v] of table?.values ?? []) {
    out.values.set(path, v);
    out.provenance[`legacy.${path}`] = table!.provenance[`legacy.${path}`];
  }
  const warned = new Set(out.warnings.map((w) => w.path));
  for (const a of reading.approximate) {
    const at = `legacy.${a.path}`;
    if (out.values.has(a.path) || warned.has(at)) continue;
    warned.add(at);
    out.warnings.push({
      code: 'approximate',
      message: `${a.path} is stated only approximately: 「${a.span.text}」; not taken`,
      path: at,
    });
  }
  const missing = LEGACY_PATHS.filter((p) => !out.values.has(p) && !warned.has(`legacy.${p}`));
  if (missing.length) {
    const shares = reading.sharesOnly.filter((s) => missing.includes(s.path));
    const asShare = shares.length
      ? `; stated only as a share: ${shares.map((s) => `${s.path} 「${s.span.text}」`).join(', ')}`
      : '';
    const twoAtOnce = reading.ambiguous.length
      ? `; numbers naming two figures at once, not taken: ${reading.ambiguous.map((a) => `「${a.span.text}」`).join(', ')}`
      : '';
    out.warnings.push({
      code: 'not-stated',
      message: `the report does not state ${missing.length} figure${missing.length > 1 ? 's' : ''}${asShare}${twoAtOnce}`,
      path: `legacy.${missing[0]}`,
      paths: missing.map((p) => `legacy.${p}`),
    });
  }
  return out;
}
