// The early refusal: is the document a 年报? Decided from the cheapest evidence, before OCR — the text
// layer's title and headings; a scan's first OCR'd pages — and the read stops when the answer is no.
import { layoutDocument, type Line } from '../layout/lines.js';
import { hasNationalForm, legacyHead, simplifiedLines } from '../legacy/index.js';
import { reportEvidence } from '../sections/evidence.js';
import type { Settings } from '../settings.js';
import { readableText } from '../../extractors/text-quality.js';
import type { PageScreen, ScreenInput, ScreenVerdict } from '../../extractors/types.js';

const NOT_A_REPORT = 'not a 政府信息公开工作年度报告';

/**
 * The screen a reader asks before OCR (see `PageScreen`): 'report' when the pages read so far show
 * two headings, a table's heading or the report's title; a refusal when they show none and either
 * the text layer is readable on `sections.screenReadableShare` of the pages (no OCR needed to know)
 * or `sections.screenOcrPages` pages were OCR'd; 'unsure' otherwise (read on).
 */
export function reportScreen(settings: Settings): PageScreen {
  return (input) => screenPages(input, settings);
}

function screenPages(input: ScreenInput, settings: Settings): ScreenVerdict {
  // Everything read already: nothing is saved by stopping; the record's own gate decides.
  if (input.pendingOcr === 0) return 'report';
  const doc = { kind: 'pdf' as const, pageCount: input.pages.length, pages: input.pages, ocrPages: input.ocrPages };
  const { lines } = layoutDocument(doc, settings.layout);
  if (reportEvidence(lines, settings.sections) || legacyReport(lines, settings)) return 'report';
  const n = input.pages.length;
  if (input.ocrPages.length === 0) {
    const readable = input.pages.filter((p) => readableText(p, settings.textQuality)).length;
    if (readable < settings.sections.screenReadableShare * n) return 'unsure';
    return {
      refuse: `${NOT_A_REPORT}: its text (${readable} of ${n} pages readable) has no report title and not the headings 一、总体情况 … 六`,
    };
  }
  if (input.ocrPages.length < settings.sections.screenOcrPages) return 'unsure';
  const pages = input.ocrPages.join(', ');
  return {
    refuse: `${NOT_A_REPORT}: OCR of page${input.ocrPages.length > 1 ? 's' : ''} ${pages} shows no report title and not the headings 一、总体情况 … 六`,
  };
}

/**
 * A report for 2008–2018 as the legacy reader takes one, untitled copies included (opening with 「一、概述」
 * of the year's 政府信息公开 work, or 「现将…信息公开…报告如下」): what the record's gate would read is not refused
 * before it.
 */
function legacyReport(lines: Line[], settings: Settings): boolean {
  if (hasNationalForm(lines)) return false;
  return legacyHead(simplifiedLines(lines, settings.sections.pinyinGlossesMin), settings.sections) !== null;
}
