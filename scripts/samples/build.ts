// One sample report from its spec: the numbers (seeded by the spec's name, so a rerun reproduces
// them), the HTML Chromium lays out, and the expected record. Used by make-samples and the bench corpus.
import { applicationsRecord, disclosureRecord, reviewRecord, type Expected } from './expected.js';
import { renderHtml } from './html.js';
import { generateNumbers, type ReportNumbers } from './numbers.js';
import { applyZeroPolicy } from './printing.js';
import { seededRng, seedFromName } from './prng.js';
import { otherMatterParagraphs, overviewBlocks, problemParagraphs } from './prose.js';
import { checkGenerated } from './sanity.js';
import type { SampleSpec } from './specs.js';
import { SECTION_HEADINGS, type SectionKey } from './template.js';

const value = (n: ReportNumbers, p: string, col = 6): number => n.applications.get(p)![col].value ?? 0;

export function buildSample(spec: SampleSpec): { numbers: ReportNumbers; html: string; expected: Expected } {
  const rng = seededRng(seedFromName(spec.name));
  const numbers = generateNumbers(rng, spec.scale, spec.template, spec.otherHandling);
  checkGenerated(numbers); // the draw itself must be consistent before any deliberate error
  if (spec.zeros) applyZeroPolicy(numbers, spec.zeros);
  spec.restyle?.(numbers);
  spec.perturb?.(numbers);
  const title = `${spec.agency}${spec.year}年政府信息公开工作年度报告`;
  const titleLines = spec.titleLines ?? [title];
  if (titleLines.join('') !== title) throw new Error(`${spec.name}: title lines do not join to the title`);
  const headings = { ...SECTION_HEADINGS, ...spec.headings };
  const facts = {
    agency: spec.agency,
    year: spec.year,
    newReceived: value(numbers, 'newReceived'),
    carriedOver: value(numbers, 'carriedOver'),
    granted: value(numbers, 'results.granted'),
    carriedForward: value(numbers, 'carriedForward'),
  };
  const html = renderHtml(
    {
      titleLines,
      headings,
      overview: overviewBlocks(facts, rng, spec.overviewBlocks),
      problems: problemParagraphs(),
      otherMatters: otherMatterParagraphs(rng),
      numbers,
      labels: spec.labels ?? {},
      signature: [spec.agency, `${spec.year + 1}年1月${rng.int(10, 28)}日`],
      metaBox: spec.metaBox,
    },
    spec.style,
  );
  const expected: Expected = {
    file: `${spec.name}.pdf`,
    title,
    agency: spec.agency,
    year: spec.year,
    template: spec.template,
    activeDisclosure: disclosureRecord(numbers),
    applications: applicationsRecord(numbers),
    reviewLitigation: reviewRecord(numbers),
    failedChecks: spec.failedChecks,
    sections: (Object.keys(SECTION_HEADINGS) as SectionKey[]).map((key) => ({ key, heading: headings[key] })),
  };
  return { numbers, html, expected };
}

