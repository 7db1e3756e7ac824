// The expected record written next to each sample: exactly the field names of the record contract,
// built from the cells as printed (a cell printed blank/「/」/「—」 is null, a row not printed is absent).
import type { Cell, ReportNumbers } from './numbers.js';
import {
  allApplicationRows,
  APPLICANT_COLUMNS,
  disclosureSections,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type SectionKey,
  type TemplateId,
} from './template.js';

type Json = null | number | string | boolean | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface Expected {
  file: string;
  title: string;
  agency: string;
  year: number;
  template: TemplateId;
  activeDisclosure: Obj;
  applications: Obj;
  reviewLitigation: Obj;
  /** Ids of the checks the record must report as failed, sorted; written by hand per sample. */
  failedChecks: string[];
  /** The kind of source, for `npm run eval`'s per-kind figures (web samples: clean-cms, faulty-cms, bad-bytes, mht, wechat). */
  kind?: string;
  /** Section headings exactly as printed (extra to the record fields; handy for section tests). */
  sections: { key: SectionKey; heading: string }[];
}

function setPath(root: Obj, dotted: string, value: Json): void {
  const keys = dotted.split('.');
  let o = root;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Obj;
  o[keys[keys.length - 1]] = value;
}

export function applicationsRecord(n: ReportNumbers): Obj {
  const out: Obj = {};
  for (const row of allApplicationRows(n.otherHandling)) {
    const cells = n.applications.get(row.path)!;
    const rec: Obj = {};
    APPLICANT_COLUMNS.forEach((c, i) => (rec[c] = cells[i].value));
    setPath(out, row.path, rec);
  }
  return out;
}

export function disclosureRecord(n: ReportNumbers): Obj {
  const out: Obj = {};
  for (const sec of disclosureSections(n.template))
    for (const r of sec.rows) {
      const rec: Obj = {};
      for (const c of sec.columns) rec[c.key] = n.disclosure[r.key][c.key].value;
      if (r.key === 'governmentProcurement') {
        const amount: Cell = n.disclosure[r.key].totalAmount;
        rec.totalAmountText = amount.value === null ? null : amount.text;
      }
      out[r.key] = rec;
    }
  return out;
}

export function reviewRecord(n: ReportNumbers): Obj {
  const out: Obj = {};
  for (const g of REVIEW_GROUPS) {
    const rec: Obj = {};
    REVIEW_COLUMNS.forEach((c, i) => (rec[c] = n.review[g][i].value));
    out[g] = rec;
  }
  return out;
}

export function toJson(e: Expected): string {
  return JSON.stringify({ ...e, failedChecks: [...e.failedChecks].sort() }, null, 2) + '\n';
}
