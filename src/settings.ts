/**
 * Every geometric and matching tolerance of the layout, section and table steps, named, with its
 * unit and the reason for its default, in one validated object (after pdfplumber's table settings).
 * `buildRecord` takes a `Settings` and hands each step its part; nothing below reads a literal.
 * The extractors' tolerances (OCR, text-layer judgement, PDF text: extractors/settings.ts) are
 * groups of the same object (`settings.ocr`, `settings.textQuality`, `settings.pdfText`);
 * `extractReport` hands them to the reader.
 * `npm run eval -- --sweep <name>` shows accuracy as one of them varies.
 */
import { z } from 'zod';
import { count, groupsInfo, tol, type SettingInfo } from '../core/tolerance.js';
import {
  EXTRACTOR_GROUPS,
  OcrSettingsSchema,
  PdfTextSettingsSchema,
  TextQualitySettingsSchema,
} from '../extractors/settings.js';

export const LayoutSettingsSchema = z.object({
  lineCentreTolerance: tol(
    0.4,
    0.05,
    1,
    'Words share a line when their vertical centre is within this many glyph heights of the line’s mean centre. 0.4: half a line apart is the next line; a cell spanning two rows, compared with the mean, does not chain them.',
  ),
  glyphMergeGap: tol(
    0.25,
    0,
    1,
    'Glyphs drawn one by one are one word when the gap between them is under this many glyph heights. 0.25: letter spacing stays well under it, table cells are always further apart.',
  ),
  glyphMergeOverlap: tol(
    0.2,
    0,
    1,
    'Glyphs that overlap horizontally by up to this many glyph heights still merge (kerning, bold drawn twice). 0.2: more is a different line or an overprint.',
  ),
  glyphMergeBaseline: tol(
    0.25,
    0,
    1,
    'Glyphs merge only if their vertical centres differ by under this many glyph heights. 0.25: a superscript or the next line does not join.',
  ),
  stackedColumnTolerance: tol(
    0.3,
    0,
    1,
    'Single CJK glyphs form a vertical text column when their horizontal centres are within this many glyph heights. 0.3: a vertical cell is one glyph wide.',
  ),
  stackedChainGap: tol(
    0.8,
    0,
    3,
    'A vertical chain of glyphs breaks at a vertical gap above this many glyph heights. 0.8: line spacing in a vertical cell is under a glyph; the next cell is further.',
  ),
  stackedMinGlyphs: count(
    3,
    2,
    10,
    'Fewest glyphs stacked in a column to be read as vertical text (count). 3: two stacked glyphs happen by chance in a table.',
  ),
  footerTop: tol(
    0.9,
    0.5,
    1,
    'A lone number below this fraction of the page height is a page number. 0.9: the bottom tenth of an A4 page is its margin.',
  ),
  headerBottom: tol(
    0.06,
    0,
    0.5,
    'A lone number above this fraction of the page height is a page number. 0.06: the top margin of an A4 page.',
  ),
  cellLineTolerance: tol(
    0.4,
    0.05,
    1,
    'Inside a ruled cell, words are on one line when their vertical centres are within this many glyph heights. 0.4: as for lines of the page.',
  ),
  cellMaxValueLines: count(
    3,
    1,
    10,
    'A ruled cell whose lines are all digits is one wrapped number only up to this many lines (count). 3: a number wraps once or twice in a narrow column; more lines of digits are rows under a missing rule, and the page is then read by lines.',
  ),
  cellMaxLabelLines: count(
    16,
    1,
    60,
    'A ruled cell of words is one label only up to this many lines (count). 16: long labels in narrow columns run to 8–10 lines; a frame around value rows fails the digit tests first.',
  ),
  cellRowSnap: tol(
    2,
    0,
    10,
    'Ruled cells whose top edges are this close (pt) start the same table row. 2: rules drawn as thin boxes wobble by a point.',
  ),
});

export const TableSettingsSchema = z.object({
  labelMinSimilarity: tol(
    0.5,
    0,
    1,
    'A printed row label can be a template row only if their similarity (1 − edit distance / length, on labels without numbering and punctuation) reaches this. 0.5: typos and OCR slips keep well above it; table 二’s short labels are matched one-to-one so a loose pair cannot steal a row.',
  ),
  labelSureSimilarity: tol(
    0.8,
    0,
    1,
    'Below this similarity a matched label is reported (label-uncertain): the row may be the wrong one. 0.8: one slip in a five-character label.',
  ),
  prefixPenalty: tol(
    0.05,
    0,
    0.5,
    'Table 三: a label matched on its prefix only (trailing text from a wrapped cell) scores this much less than a whole match. 0.05: prefers the whole match when both are close.',
  ),
  levelBonus: tol(
    0.15,
    0,
    1,
    'Table 三: added to a match whose numbering depth (一、 / （一） / 1.) agrees with the template row. 0.15: tips near-ties between rows of different depth.',
  ),
  indexBonus: tol(
    0.1,
    0,
    1,
    'Table 三: added to a match whose number in the numbering agrees. 0.1: less than the level bonus; numbering is often misprinted.',
  ),
  keywordSimilarity: tol(
    0.75,
    0,
    1,
    'Table 三: a printed label holding the distinctive words of exactly one template row (its `keywords` in src/templates, e.g. 「逾期」「补正」) scores at least this as that row. 0.75: above labelMinSimilarity, so a shortened label is matched; below labelSureSimilarity, so the arithmetic must confirm it.',
  ),
  placementMaxCandidates: count(
    4096,
    1,
    1_000_000,
    'Table 三: most placements tried for a run of rows with unsure labels between two surely matched rows (count). 4096: a run of five rows over eight free template rows has ~1300; beyond it the label alignment stands and the run is flagged.',
  ),
  stackedValueMaxGap: tol(
    0.8,
    0,
    3,
    'Unruled table 三: a line of values alone (no label) directly under a row, each value under one of the row’s, within this many glyph heights below it, is digits stacked in a narrow cell (「343」 over 「0」) or a row that lost its label: flagged, not read as a row. 0.8: wrapped lines sit closer than a row apart.',
  ),
  orphanRowMaxLines: count(
    4,
    0,
    20,
    'Table 二: a line of values whose label was not read, after the last row found by its label, is placed by the form’s row order only within this many lines of it. 4: a block’s caption and column heads come between two rows; text beyond is no row of the table.',
  ),
  unreadableMaxChars: count(
    2,
    0,
    10,
    'Tables 三 and 四: a word of at most this many characters among a row’s numbers is a cell OCR misread (「4」 as 「勾」), not label text; it reads as no number and is flagged (cell-unreadable). 2: a digit or two misread; a label word is longer.',
  ),
  unreadableMinValues: count(
    4,
    1,
    20,
    'Tables 三 and 四: …only where at least this many numbers stand beside it in the row (count). 4: a row of values, not a label ending in a number.',
  ),
  unverifiedMinConfidence: tol(
    90,
    0,
    100,
    'Table 二 has no arithmetic to catch a misread digit: an OCR number there below this confidence is flagged (low-confidence). 90: the OCR path gives ≥ 90 only when both engines and the ink agree (extractors/ocr/README.md).',
  ),
  amountPerCountMinYuan: tol(
    3000,
    0,
    1e6,
    'Table 二: an amount read in 元 (采购总金额) under this many yuan per count of its row (采购项目数量) is flagged (implausible): a 万 lost from 「24043.8万元」 makes it 10,000× too small. 3000: a public procurement project rarely costs less; a 万元 amount read without its 万 stays under it up to 3000万元 a project.',
  ),
  amountPerCountMaxYuan: tol(
    1e10,
    1e6,
    1e14,
    'Table 二: an amount read in 万元 or 亿元 over this many yuan per count of its row is flagged (implausible): a 元 amount given a 万 it does not have is 10,000× too large. 1e10 (100亿元 a project): beyond any procurement project; a 元 amount read as 万元 passes it from 100万元 a project.',
  ),
  ruleMaxWidth: tol(
    1.5,
    0.1,
    10,
    'A ruling line thinner than this (pt) counts as a vertical column border. 1.5: table borders are 0.5–1 pt; shaded cells are wider.',
  ),
  ruleMergeDistance: tol(
    1.5,
    0,
    10,
    'Vertical borders closer than this (pt) are one border (double lines, borders drawn per cell). 1.5.',
  ),
  spacingWideGap: tol(
    0.6,
    0.1,
    3,
    'Placing a short row by its own spacing: a gap between values exceeding the median gap by this fraction of it holds blank columns. 0.6: one blank column makes a gap about twice the median.',
  ),
  centreMaxOffset: tol(
    0.5,
    0.1,
    1,
    'A value is placed in a learnt column only within this fraction of the narrowest column spacing from its centre. 0.5: beyond it the value lies between columns.',
  ),
  blankCellHalfWidth: tol(
    0.25,
    0.05,
    0.5,
    'A blank cell’s provenance box (columns from learnt centres) is this fraction of the narrowest column spacing on each side of the centre. 0.25.',
  ),
  reviewMinValues: count(
    5,
    1,
    30,
    'Table 四: the values line prints at least this many numbers (count). 5: one group; fewer is a line of prose.',
  ),
  reviewSparseMinValues: count(
    1,
    1,
    30,
    'Table 四: under its printed header, a values line prints at least this many numbers (count). 1: a sparse table prints only its non-zero cells.',
  ),
  reviewMaxLabelTokens: count(
    1,
    0,
    5,
    'Table 四: the values line has at most this many label words (count). 1: a stray 「数量」 or row head.',
  ),
});

export const SectionSettingsSchema = z.object({
  headingMaxLength: count(
    40,
    10,
    200,
    'A section heading is at most this many characters (squashed). 40: the longest heading variant is ~30; a sentence starting like a heading is longer.',
  ),
  titleSearchLines: count(
    20,
    1,
    100,
    'The title is looked for in this many lines before the first heading (count). 20: a web print-out puts a metadata box above it.',
  ),
  titleMaxLines: count(4, 1, 10, 'A title may be wrapped over up to this many lines (count). 4.'),
  titleListMinLines: count(
    3,
    2,
    10,
    'Lines that each read as a 年报 title, one after another and of different years, are a list of reports (a web page’s links, kept by a converter), not the title, when there are at least this many (count). 3: a title and a metadata box’s 名称 of another year are two.',
  ),
  titleLargerType: tol(
    1.3,
    1,
    5,
    'Of several lines that read as the title, a later one is preferred to the first when its type is at least this many times as large (median glyph height): the title itself, not a browser’s small print header or a metadata box repeating it. 1.3: a print header is set at about half the title’s size; lines of one title differ by OCR noise only.',
  ),
  townshipNameMax: count(
    4,
    1,
    20,
    'An old report’s agency that ends in a township (乡, 镇, 街道) has a proper name of at most this many characters before it, after nothing or a region (县, 区, 市…) (count): longer, its leading words are no place (a mirror’s brand glued on) and are cut at a printed blank, or the agency is null. 4: township names are two or three characters, 天通苑北 four; a 民族乡’s is not judged.',
  ),
  untitledOverviewMentions: count(
    3,
    1,
    50,
    'A text without title that opens with 「一、概述」 is an old report when that overview names 政府信息公开 at least this many times (count). 3: a report’s overview names the work, its rules and its channels; a 信访 or budget report opening with an overview names it once if at all.',
  ),
  pinyinGlossesMin: count(
    5,
    1,
    1000,
    'A text with at least this many tone-marked pinyin glosses after characters (「報(bào)告」, a mirror site’s) has every gloss blanked before it is read (count). 5: a report may bracket an English word once or twice, never with a tone mark; a glossing mirror does it dozens of times a page.',
  ),
  screenReadableShare: tol(
    0.5,
    0,
    1,
    'Before any OCR: a document with at least this share of pages of readable text (extractors/text-quality.ts readableText) and neither a report title nor the headings is refused unread (NOT_A_REPORT). 0.5: a 年报 whose text layer is mostly a wrong font map has few readable pages and is OCR’d; an English or Chinese document that is not a 年报 has nearly all.',
  ),
  screenOcrPages: count(
    2,
    1,
    50,
    'A scan shows a report title or the headings on its first OCR’d pages, or is refused after this many (count). 2: a cover page may come before the title page.',
  ),
});

export const SettingsSchema = z.object({
  layout: LayoutSettingsSchema.default(() => LayoutSettingsSchema.parse({})),
  tables: TableSettingsSchema.default(() => TableSettingsSchema.parse({})),
  sections: SectionSettingsSchema.default(() => SectionSettingsSchema.parse({})),
  ocr: OcrSettingsSchema.default(() => OcrSettingsSchema.parse({})),
  textQuality: TextQualitySettingsSchema.default(() => TextQualitySettingsSchema.parse({})),
  pdfText: PdfTextSettingsSchema.default(() => PdfTextSettingsSchema.parse({})),
});

export type LayoutSettings = z.infer<typeof LayoutSettingsSchema>;
export type TableSettings = z.infer<typeof TableSettingsSchema>;
export type SectionSettings = z.infer<typeof SectionSettingsSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
/** What a caller may pass: any part of any group; the rest takes the defaults. */
export type SettingsInput = { [G in keyof Settings]?: Partial<Settings[G]> };

/** The defaults (frozen, groups too: every extraction without settings of its own shares them). */
export const DEFAULT_SETTINGS: Settings = Object.freeze(
  Object.fromEntries(Object.entries(SettingsSchema.parse({})).map(([g, v]) => [g, Object.freeze(v)])) as Settings,
);

/**
 * Settings from a partial input, validated (a ZodError names the setting that is out of range).
 * No input: DEFAULT_SETTINGS itself — validating the ~100 defaults again for every file of a batch
 * costs more than some of the stages.
 */
export function resolveSettings(input: SettingsInput = {}): Settings {
  if (Object.keys(input).length === 0) return DEFAULT_SETTINGS;
  return SettingsSchema.parse(input);
}

const GROUPS = {
  layout: LayoutSettingsSchema,
  tables: TableSettingsSchema,
  sections: SectionSettingsSchema,
  ...EXTRACTOR_GROUPS,
} as const;

/** The groups the extractors read (a sweep over one of them must read the inputs again). */
export const EXTRACTOR_GROUP_NAMES: readonly string[] = Object.keys(EXTRACTOR_GROUPS);

export type { SettingInfo };

/** Every setting with its default, bounds and documentation. */
export function settingsInfo(): SettingInfo[] {
  return groupsInfo(GROUPS);
}

/** The settings with one value changed, by dotted name; throws on an unknown name or a value out of range. */
export function withSetting(base: Settings, name: string, value: number): Settings {
  const [group, key] = name.split('.');
  if (!(group in GROUPS) || !(key in GROUPS[group as keyof typeof GROUPS].shape)) {
    throw new Error(
      `unknown setting ${name} (known: ${settingsInfo()
        .map((s) => s.name)
        .join(', ')})`,
    );
  }
  return resolveSettings({ ...base, [group]: { ...base[group as keyof Settings], [key]: value } });
}
