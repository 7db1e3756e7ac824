// The forms the generator prints, in the shapes it draws them: all derived from src/templates (the one
// description of the national forms), so samples, parsers and review page cannot disagree.
// Samples may override single labels to mimic the typos real reports print.
import {
  APPLICANT_COLUMNS,
  applicationsLayout,
  BALANCE_NOTE,
  disclosureBlocks,
  printedApplicationRows,
  resultLeafRows as leafRows,
  REVIEW_COLUMN_SPECS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SECTION_HEADINGS,
  type ApplicantColumnKey,
  type OtherHandlingMode,
  type PrintedRow,
  type ResultBlock,
  type ReviewGroupKey,
  type SectionKeyName,
  type TemplateId,
} from '../../src/templates/index.js';

export { APPLICANT_COLUMNS, BALANCE_NOTE, REVIEW_COLUMNS, REVIEW_GROUPS, SECTION_HEADINGS };
export type { OtherHandlingMode, ResultBlock, TemplateId };
export type ApplicantColumn = ApplicantColumnKey;
export type ReviewGroup = ReviewGroupKey;
export type SectionKey = SectionKeyName;
export type LeafRow = PrintedRow;

// The rows above and below the results area, and the results head, are the same in both modes.
const layout = applicationsLayout('split');
export const TOP_ROWS: LeafRow[] = layout.top;
export const RESULTS_CELL_LABEL = layout.resultsHead;
export const CARRIED_FORWARD: LeafRow = layout.bottom[0];

export function resultBlocks(mode: OtherHandlingMode): ResultBlock[] {
  return applicationsLayout(mode).results;
}

/** The leaf result rows that add up to （七）总计 (every result row except the total itself). */
export function resultLeafRows(mode: OtherHandlingMode): LeafRow[] {
  return leafRows(mode);
}

/** Every printed row of table 三 in print order. */
export function allApplicationRows(mode: OtherHandlingMode): LeafRow[] {
  return printedApplicationRows(mode);
}

/** One sub-table of table 二: a 第二十条第（X）项 caption, its column headings and rows. */
export interface DisclosureSection {
  caption: string;
  /** Headings after 信息内容, in print order. */
  columns: { key: string; heading: string }[];
  rows: { key: string; label: string }[];
}

export function disclosureSections(template: TemplateId): DisclosureSection[] {
  return disclosureBlocks(template).map((b) => ({
    caption: b.caption,
    columns: b.columns.map((c) => ({ key: c.key, heading: c.heading })),
    rows: b.items.map((i) => ({ key: i.key, label: i.label })),
  }));
}

export const REVIEW_COLUMN_HEADINGS = REVIEW_COLUMN_SPECS.map((c) => c.heading);
