// Is a document a 年报? The cheapest evidence, used before anything costly is done (the screen of
// src/pipeline/screen.ts) and to keep a report whose headings are numbered unusually.
import type { Line } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { DEFAULT_SETTINGS, type SectionSettings } from '../settings.js';
import { findSections, findTitle } from './sections.js';

/** The tables' sections: one of them found alone is a part of a report (a photo of one table). */
export const TABLE_SECTION_KEYS: ReadonlySet<string> = new Set([
  'activeDisclosure',
  'applications',
  'reviewLitigation',
]);

/** A title line that says 年度报告 with its year (「2023年度报告」, 「二〇一二年政府信息公开工作年度报告」). */
const ANNUAL_REPORT = /(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年.{0,30}年度报告/u;
/** The opening of a report for 2008–2018, which may print no title (as src/legacy/detect.ts reads it). */
const REPORT_OPENING = /本(?:年度)?报告[^。]{0,80}政府信息公开|政府信息公开[^。]{0,20}(?:年度)?报告/u;

/**
 * 「XX办公室关于做好2009年度政府信息公开工作年度报告有关事项的通知」 on a line of its own: a notice telling
 * bodies how to write their reports (its outline names a report's topics and headings), not a report
 * (「关于公布…报告的通知」 carries one; a notice the text cites is inside 《》).
 */
const NOTICE_ON_REPORTS = /^[^《》]*关于(?:认真)?(?:做好|报送|编制|编写|编报)[^《》]*?报告[^《》]*?通知$/u;

/** The first lines' notice on compiling reports (see NOTICE_ON_REPORTS), or null (also when a title is found). */
export function noticeOnReports(lines: Line[], tol: SectionSettings = DEFAULT_SETTINGS.sections): string | null {
  if (findTitle(lines, -1, tol).title) return null;
  return (
    lines
      .slice(0, tol.titleSearchLines)
      .map((l) => squash(l.text))
      .find((t) => NOTICE_ON_REPORTS.test(t)) ?? null
  );
}

/**
 * The report's title as its first lines print it: the full title (findTitle), or a line (or two
 * joined) of the first `titleSearchLines` saying 年度报告 with a year; null when there is none.
 */
export function reportTitle(lines: Line[], tol: SectionSettings = DEFAULT_SETTINGS.sections): string | null {
  const title = findTitle(lines, -1, tol).title;
  if (title) return title;
  const head = lines.slice(0, tol.titleSearchLines).map((l) => squash(l.text));
  for (let i = 0; i < head.length; i++) {
    const joined = head[i] + (head[i + 1] ?? '');
    if (NOTICE_ON_REPORTS.test(head[i])) continue;
    if (ANNUAL_REPORT.test(head[i])) return head[i];
    if (ANNUAL_REPORT.test(joined) && !NOTICE_ON_REPORTS.test(head[i + 1] ?? '')) return joined;
  }
  return null;
}

/**
 * Why `lines` read as a 年报 (two of the headings 一 … 六, one table's heading, or the report's
 * title), or null: nothing says so.
 */
export function reportEvidence(lines: Line[], tol: SectionSettings = DEFAULT_SETTINGS.sections): string | null {
  const spans = findSections(lines, tol);
  if (spans.length >= 2) return `headings ${spans.map((s) => s.heading).join(', ')}`;
  if (spans.length === 1 && TABLE_SECTION_KEYS.has(spans[0].key)) return `the heading ${spans[0].heading}`;
  const title = reportTitle(lines, tol);
  if (title) return `the title ${title}`;
  const opening = REPORT_OPENING.exec(
    squash(
      lines
        .slice(0, tol.titleSearchLines * 2)
        .map((l) => l.text)
        .join(''),
    ),
  );
  return opening ? `the opening ${opening[0]}` : null;
}
