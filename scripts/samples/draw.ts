// What both sample generators (Chromium: make-samples, Word/LibreOffice: make-docx-samples) do alike:
// a sample's numbers from its seeded draw, the facts its overview prose states, and its expected record.
import { applicationsRecord, disclosureRecord, reviewRecord, type Expected } from './expected.js';
import { generateNumbers, type ReportNumbers, type Scale } from './numbers.js';
import { applyZeroPolicy, type ZeroPolicy } from './printing.js';
import type { Rng } from './prng.js';
import type { ProseFacts } from './prose.js';
import { checkGenerated } from './sanity.js';
import { SECTION_HEADINGS, type OtherHandlingMode, type SectionKey, type TemplateId } from './template.js';

/** The parts of a sample's spec the draw and the expected record read. */
export interface DrawSpec {
  name: string;
  agency: string;
  year: number;
  template: TemplateId;
  otherHandling: OtherHandlingMode;
  scale: Scale;
  zeros?: ZeroPolicy;
  restyle?: (n: ReportNumbers) => void;
  failedChecks: string[];
}

/** The report's numbers: drawn (and checked consistent before any deliberate change), then printed zeros and restyling applied. */
export function drawNumbers(spec: DrawSpec, rng: Rng): ReportNumbers {
  const numbers = generateNumbers(rng, spec.scale, spec.template, spec.otherHandling);
  checkGenerated(numbers); // the draw itself must be consistent before any deliberate error
  if (spec.zeros) applyZeroPolicy(numbers, spec.zeros);
  spec.restyle?.(numbers);
  return numbers;
}

const total = (n: ReportNumbers, p: string): number => n.applications.get(p)![6].value ?? 0;

/** The facts the overview prose states, from table 三's totals. */
export function overviewFacts(spec: DrawSpec, numbers: ReportNumbers): ProseFacts {
  return {
    agency: spec.agency,
    year: spec.year,
    newReceived: total(numbers, 'newReceived'),
    carriedOver: total(numbers, 'carriedOver'),
    granted: total(numbers, 'results.granted'),
    carriedForward: total(numbers, 'carriedForward'),
  };
}

/** The expected record of the sample `<name>.pdf`, with its title and headings as printed. */
export function expectedRecord(spec: DrawSpec, numbers: ReportNumbers, title: string, headings: Record<SectionKey, string>): Expected {
  return {
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
}
