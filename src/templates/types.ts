// The vocabulary of a template description: what a national form prints, as plain data.
// Nothing here reads a report; the parsers, checks, review page, CSV and sample generator read this.

/** The national templates: 国办公开办函〔2021〕30号 and 〔2019〕60号. Newest first. */
export const TEMPLATE_IDS = ['2021', '2019'] as const;
/** A national template, named by the year its form came into use. */
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** What a column's numbers count or measure. */
export type Unit =
  /** 件/项/个: a count, never negative. */
  | 'count'
  /** A signed change of a count (「本年增/减」: +3, -2). */
  | 'signedCount'
  /** 万元 as printed. */
  | 'tenThousandYuan'
  /** Yuan (the record converts 万元/亿元 printed in the cell or header). */
  | 'yuan';

/** One value column of a table. */
export interface ColumnSpec<K extends string = string> {
  /** The record field name (public, see record.md). */
  key: K;
  /** The column heading as the form prints it. */
  heading: string;
  unit: Unit;
  /** Where the record also keeps the cell's printed text (a string field beside the number). */
  textKey?: string;
  /**
   * An amount: the count column of the same row it is spread over (采购总金额 over 采购项目数量). Its
   * yuan per count must be plausible (tables.amountPerCountMinYuan / MaxYuan): a 万 lost or added
   * misreads the amount 10,000× with nothing else to catch it.
   */
  per?: string;
}

/**
 * One printed row of table 三 (收到和处理政府信息公开申请情况), the form's numbering included.
 * The printed text is `numbering + label + note` (e.g. 「（二）」, the label, then a parenthetical).
 */
export interface ApplicationRowSpec {
  /** Record path under `applications.`, e.g. "results.withheld.stateSecret". */
  path: string;
  /** The row's name as the form prints it, without numbering or note. */
  label: string;
  /** A parenthetical the form prints after the label; matching ignores it. */
  note?: string;
  /** A shorter name, for messages where the full label is long; matched like a variant. */
  short?: string;
  /**
   * Other wordings of this row seen in real reports (typos, abbreviations, 其它 for 其他).
   * The row matcher scores a printed label against the label and each variant, so adding a
   * variant is one line here.
   */
  variants?: readonly string[];
  /**
   * Distinctive words: a printed label holding all of them names this row even when shortened or
   * reworded (「1.申请人逾期不补正」 for 申请人无正当理由逾期不补正…), provided no other row's words are
   * all in it too. Each row's set is unique to it (tests/templates.test.ts). A row matched this way is
   * a loose match: the arithmetic must confirm it.
   */
  keywords?: readonly string[];
  /** Numbering depth: 1 「一、」, 2 「（一）」, 3 「1.」. */
  level: 1 | 2 | 3;
  /** The number in the numbering (「（三）」 → 3, 「2.」 → 2). */
  index: number;
  /** For a level-3 row: the key of the group head it sits under (see ApplicationGroupSpec). */
  group?: string;
  /** The templates whose form prints this row. */
  templates: readonly TemplateId[];
}

/**
 * A group head of table 三's results (numbered 「（三）」 etc.): a level-2 label printed without values
 * above its numbered level-3 rows, whose record paths sit under `results.<key>`.
 */
export interface ApplicationGroupSpec {
  key: string;
  label: string;
  /** The number in its 「（X）」 numbering. */
  index: number;
}

/** One row (item) of table 二 (主动公开政府信息情况). */
export interface DisclosureItemSpec {
  /** Record key under `activeDisclosure.`. */
  key: string;
  /** The item's name as printed in the 信息内容 column. */
  label: string;
  /** Other wordings seen in real reports (see ApplicationRowSpec.variants). */
  variants?: readonly string[];
}

/** One block of table 二: a 第二十条第（X）项 caption, its column headings and its items. */
export interface DisclosureBlockSpec {
  caption: string;
  /** The value columns after 信息内容, in print order. */
  columns: readonly ColumnSpec[];
  items: readonly DisclosureItemSpec[];
}

/** One group of table 四 (行政复议 / 行政诉讼 未经复议直接起诉 / 复议后起诉): five columns each. */
export interface ReviewGroupSpec {
  key: 'review' | 'litigationDirect' | 'litigationAfterReview';
  /** The group's heading as printed (the upper header row(s) of the table). */
  heading: string;
  /** A name for messages (the heading path, joined with 「·」). */
  name: string;
}

/**
 * An arithmetic relation between a report's cells (勾稽关系), checked on every record that has
 * the rows involved. `id` is the prefix of the check ids (`rowTotal:<row path>`, `resultsTotal:<column>`).
 * Paths are record paths under `table`. Blank cells count as 0 (the check says so).
 */
export type RelationSpec =
  /** In each row of `table`, column `total` = the sum of the `parts` columns. */
  | {
      kind: 'rowSum';
      id: string;
      table: 'applications' | 'reviewLitigation';
      total: string;
      parts: readonly string[];
      describe: string;
    }
  /**
   * In each column, row `total` = the sum of the `parts` rows the report prints. A row in
   * `insteadOf` is left out where any of the rows it lists is printed (they are its parts).
   */
  | {
      kind: 'columnSum';
      id: string;
      table: 'applications';
      total: string;
      parts: readonly string[];
      insteadOf: Readonly<Record<string, readonly string[]>>;
      describe: string;
    }
  /** In each column, the sum of the `lhs` rows = the sum of the `rhs` rows. */
  | {
      kind: 'balance';
      id: string;
      table: 'applications';
      lhs: readonly string[];
      rhs: readonly string[];
      lhsName: string;
      rhsName: string;
    };

/**
 * A relation between two consecutive years' reports of one agency (`id` prefixes the check ids).
 * `carry`: per applicant column, this year's `current` row = last year's `previous` row.
 * `stock`: per item, last year's `stock` + this year's `added` − this year's `removed` = this year's `stock`.
 */
export type CrossYearRelationSpec =
  | { kind: 'carry'; id: string; previous: string; current: string }
  | {
      kind: 'stock';
      id: string;
      templates: readonly TemplateId[];
      items: readonly string[];
      stock: string;
      added: string;
      removed: string;
    };

/**
 * What the definitions of a table's columns imply between cells of one row, where the form prints
 * no arithmetic (table 二): per item, the sum of the `larger` columns is at least the sum of the
 * `smaller` ones (blank cells count as 0). A row that breaks it was most likely misread; it is
 * flagged by a warning (`implausible`), never corrected.
 */
export interface PlausibilitySpec {
  id: string;
  table: 'activeDisclosure';
  templates: readonly TemplateId[];
  items: readonly string[];
  larger: readonly string[];
  smaller: readonly string[];
  /** Why it must hold, for the warning. */
  describe: string;
}

/** Everything one national template prints, as data. */
export interface TemplateSpec {
  id: TemplateId;
  /** The document that set the form. */
  source: string;
  /** The six section headings as the form prints them. */
  headings: Readonly<Record<SectionKeyName, string>>;
  /** Table 二 blocks in print order. */
  activeDisclosure: readonly DisclosureBlockSpec[];
  /** Table 三 rows in print order (only this template's). */
  applications: readonly ApplicationRowSpec[];
  /** Table 四 groups, in print order; every group has the review columns. */
  reviewLitigation: readonly ReviewGroupSpec[];
  /** The arithmetic this template's tables must satisfy. */
  relations: readonly RelationSpec[];
  /**
   * Phrases that only this template prints, used to tell the templates apart: in table 二's
   * column heads (tried first), then in table 三's row labels.
   */
  markers: { activeDisclosure: readonly string[]; applications: readonly string[] };
}

/** The six sections of every 年报, in order. */
export const SECTION_KEYS = [
  'overview',
  'activeDisclosure',
  'applications',
  'reviewLitigation',
  'problems',
  'otherMatters',
] as const;
export type SectionKeyName = (typeof SECTION_KEYS)[number];
