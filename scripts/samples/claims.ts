// Figures a report's prose states about its own tables (「部分公开N件」「被申请行政复议N件」
// 「制发行政规范性文件N件」「行政事业性收费N万元」), as the paragraphs real reports print under
// sections 二/三/四 — agreeing with the tables, or deliberately misstated for the text-vs-table checks.
import type { ReportNumbers } from './numbers.js';
import type { ProseFacts } from './prose.js';
import type { SectionKey } from './template.js';

/** Each figure a sample's prose can state (and a misstatement can change). */
export type Claim =
  | 'newReceived'
  | 'carriedOver'
  | 'granted'
  | 'carriedForward'
  | 'partiallyGranted'
  | 'withheld'
  | 'review'
  | 'litigation'
  | 'normativeIssued'
  | 'normativeInForce'
  | 'fees';

export interface ClaimOptions {
  /** Add this much to what the prose says (never to the table): a deliberate disagreement. */
  misstate?: Partial<Record<Claim, number>>;
  /** State 行政事业性收费 in 元 rather than the table's 万元. */
  feesInYuan?: boolean;
}

const total = (n: ReportNumbers, path: string): number => n.applications.get(path)?.[6].value ?? 0;
const sumRows = (n: ReportNumbers, prefix: string): number =>
  [...n.applications.entries()].filter(([p]) => p.startsWith(prefix)).reduce((s, [, cells]) => s + (cells[6].value ?? 0), 0);

/** The overview's figures (facts), misstated where asked. */
export function misstateFacts(f: ProseFacts, o: ClaimOptions | undefined): ProseFacts {
  const m = o?.misstate ?? {};
  return {
    ...f,
    newReceived: f.newReceived + (m.newReceived ?? 0),
    carriedOver: f.carriedOver + (m.carriedOver ?? 0),
    granted: f.granted + (m.granted ?? 0),
    carriedForward: f.carriedForward + (m.carriedForward ?? 0),
  };
}

/** Paragraphs printed right under the headings of sections 二, 三 and 四, before their tables. */
export function claimParagraphs(n: ReportNumbers, o: ClaimOptions): Partial<Record<SectionKey, string[]>> {
  const m = o.misstate ?? {};
  const say = (c: Claim, v: number) => v + (m[c] ?? 0);
  const d = n.disclosure;
  const docs = d.normativeDocuments;
  let active: string;
  if (n.template === '2021') {
    const fees = d.administrativeFees.amountTenThousandYuan.value ?? 0;
    const decimals = (d.administrativeFees.amountTenThousandYuan.text.split('.')[1] ?? '').length;
    const feeText =
      fees === 0 && !m.fees
        ? '本年度未收取行政事业性收费。'
        : o.feesInYuan
          ? `本年度行政事业性收费${Math.round(say('fees', fees) * 10000)}元。`
          : `本年度行政事业性收费金额${say('fees', fees).toFixed(decimals)}万元。`;
    active =
      `本年度制发行政规范性文件${say('normativeIssued', docs.issued.value ?? 0)}件，` +
      `截至年底现行有效行政规范性文件${say('normativeInForce', docs.inForce.value ?? 0)}件，均已在门户网站集中公开。${feeText}`;
  } else {
    active = `本年新制作规范性文件${say('normativeIssued', docs.newlyMade.value ?? 0)}件，均已按规定向社会公开。`;
  }
  const partial = say('partiallyGranted', total(n, 'results.partiallyGranted'));
  const withheld = say('withheld', sumRows(n, 'results.withheld.'));
  const review = say('review', n.review.review[4].value ?? 0);
  const lit = say('litigation', (n.review.litigationDirect[4].value ?? 0) + (n.review.litigationAfterReview[4].value ?? 0));
  return {
    activeDisclosure: [active],
    applications: [`本年度办结的申请中，部分公开${partial}件，不予公开${withheld}件，具体情况如下表。`],
    reviewLitigation: [`本年度因政府信息公开工作被申请行政复议${review}件，被提起行政诉讼${lit}件。`],
  };
}
