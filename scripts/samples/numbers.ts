// Realistic, internally consistent numbers for one report, drawn from a seeded PRNG.
// Consistency is built in: every applicant row's total is the sum of its six columns, the
// result rows add up to （七）总计, and 一 + 二 = 三 + 四 per column; each 复议/诉讼 total is the sum of its parts.
import type { Rng } from './prng.js';
import {
  allApplicationRows,
  disclosureSections,
  resultLeafRows,
  REVIEW_GROUPS,
  type OtherHandlingMode,
  type ReviewGroup,
  type TemplateId,
} from './template.js';

/** A printed cell: what the page shows, and the number it stands for (null for blank/「/」/「—」). */
export interface Cell {
  value: number | null;
  text: string;
}
export const cell = (value: number, text = String(value)): Cell => ({ value, text });

export interface ReportNumbers {
  template: TemplateId;
  otherHandling: OtherHandlingMode;
  /** applications row path → seven cells (six applicant columns + 总计). */
  applications: Map<string, Cell[]>;
  /** table 二 row key → column key → cell. */
  disclosure: Record<string, Record<string, Cell>>;
  /** table 四 group → five cells (维持 纠正 其他 尚未审结 总计). */
  review: Record<ReviewGroup, Cell[]>;
}

/** How busy the body is: ranges for new applications per applicant column, and table 二 magnitudes. */
export interface Scale {
  newReceived: [number, number][]; // six [lo, hi] ranges, one per applicant column
  carriedOverMax: number;
  carriedForwardMax: number;
  licensing: [number, number];
  punishment: [number, number];
  coercion: [number, number];
  reviewMax: number;
  litigationMax: number;
  /** Whether the body issues 规章 (only governments with legislative power do). */
  makesRegulations: boolean;
}

export const SCALES = {
  city: {
    newReceived: [[180, 420], [10, 40], [0, 2], [0, 2], [2, 9], [0, 6]],
    carriedOverMax: 12,
    carriedForwardMax: 15,
    licensing: [8000, 42000],
    punishment: [900, 5200],
    coercion: [40, 300],
    reviewMax: 9,
    litigationMax: 6,
    makesRegulations: true,
  },
  district: {
    newReceived: [[60, 160], [3, 15], [0, 1], [0, 1], [0, 4], [0, 3]],
    carriedOverMax: 6,
    carriedForwardMax: 8,
    licensing: [2000, 9000],
    punishment: [300, 1600],
    coercion: [10, 120],
    reviewMax: 5,
    litigationMax: 3,
    makesRegulations: false,
  },
  bureau: {
    newReceived: [[12, 45], [1, 6], [0, 0], [0, 1], [0, 2], [0, 1]],
    carriedOverMax: 3,
    carriedForwardMax: 3,
    licensing: [900, 4000],
    punishment: [60, 400],
    coercion: [0, 40],
    reviewMax: 3,
    litigationMax: 2,
    makesRegulations: false,
  },
  town: {
    newReceived: [[3, 12], [0, 2], [0, 0], [0, 0], [0, 1], [0, 0]],
    carriedOverMax: 1,
    carriedForwardMax: 1,
    licensing: [40, 300],
    punishment: [5, 60],
    coercion: [0, 6],
    reviewMax: 2,
    litigationMax: 1,
    makesRegulations: false,
  },
} satisfies Record<string, Scale>;

/** Relative frequency of each result row in real reports (予以公开 and 不掌握 dominate). */
const RESULT_WEIGHTS: Record<string, number> = {
  'results.granted': 40,
  'results.partiallyGranted': 8,
  'results.withheld.stateSecret': 0.3,
  'results.withheld.prohibitedByLaw': 1,
  'results.withheld.securityStability': 0.8,
  'results.withheld.thirdPartyRights': 1.5,
  'results.withheld.internalAffairs': 1.5,
  'results.withheld.processInformation': 2.5,
  'results.withheld.enforcementFiles': 2,
  'results.withheld.administrativeQuery': 3,
  'results.unableToProvide.notHeld': 20,
  'results.unableToProvide.needsCreation': 3,
  'results.unableToProvide.unclearAfterCorrection': 2,
  'results.notProcessed.complaint': 3,
  'results.notProcessed.duplicate': 3,
  'results.notProcessed.publication': 0.5,
  'results.notProcessed.excessive': 0.5,
  'results.notProcessed.confirmation': 1,
  'results.otherHandling.overdueCorrection': 3,
  'results.otherHandling.overdueFee': 0.3,
  'results.otherHandling.other': 2,
  'results.otherHandling.total': 5.3,
};

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

function generateApplications(rng: Rng, scale: Scale, mode: OtherHandlingMode): Map<string, Cell[]> {
  const leaves = resultLeafRows(mode).map((r) => r.path);
  const weights = leaves.map((p) => RESULT_WEIGHTS[p]);
  const values = new Map<string, number[]>();
  for (const row of allApplicationRows(mode)) values.set(row.path, [0, 0, 0, 0, 0, 0]);
  for (let c = 0; c < 6; c++) {
    const [lo, hi] = scale.newReceived[c];
    const received = rng.int(lo, hi);
    // Small bodies and rare applicant kinds rarely carry anything over.
    const carriedOver = received > 0 && rng.chance(c === 0 ? 0.7 : 0.2) ? rng.int(0, scale.carriedOverMax) : 0;
    const available = received + carriedOver;
    const forward = available > 0 && rng.chance(c === 0 ? 0.7 : 0.2) ? rng.int(0, Math.min(scale.carriedForwardMax, available)) : 0;
    values.get('newReceived')![c] = received;
    values.get('carriedOver')![c] = carriedOver;
    values.get('carriedForward')![c] = forward;
    // Hand out the applications handled this year one by one over the result rows (a multinomial draw).
    for (let k = available - forward; k > 0; k--) values.get(leaves[rng.weighted(weights)])![c]++;
    values.get('results.total')![c] = sum(leaves.map((p) => values.get(p)![c]));
  }
  const out = new Map<string, Cell[]>();
  for (const [path, six] of values) out.set(path, [...six, sum(six)].map((v) => cell(v)));
  return out;
}

/** 本年收费金额 printed like 「0.4020」 or 「12.35」; the value is the decimal as printed. */
function feeCell(rng: Rng): Cell {
  if (rng.chance(0.15)) return cell(0);
  const text = rng.chance(0.5) ? (rng.int(1, 9999) / 10000).toFixed(4) : (rng.int(100, 90000) / 100).toFixed(2);
  return { value: Number(text), text };
}

/** 本年增/减 printed signed: 「+3」, 「-2」, 「0」. */
function signedCell(rng: Rng, lo: number, hi: number): Cell {
  const v = rng.int(lo, hi);
  return { value: v, text: v > 0 ? `+${v}` : String(v) };
}

function generateDisclosure(rng: Rng, scale: Scale, template: TemplateId): Record<string, Record<string, Cell>> {
  const d: Record<string, Record<string, Cell>> = {};
  if (template === '2021') {
    const reg = scale.makesRegulations;
    const regIssued = reg ? rng.int(0, 3) : 0;
    d.regulations = {
      issued: cell(regIssued),
      repealed: cell(reg ? rng.int(0, 2) : 0),
      inForce: cell(reg ? rng.int(15, 60) : 0),
    };
    d.normativeDocuments = {
      issued: cell(rng.int(1, 18)),
      repealed: cell(rng.int(0, 6)),
      inForce: cell(rng.int(20, 160)),
    };
    d.administrativeLicensing = { decisions: cell(rng.int(...scale.licensing)) };
    d.administrativePunishment = { decisions: cell(rng.int(...scale.punishment)) };
    d.administrativeCoercion = { decisions: cell(rng.int(...scale.coercion)) };
    d.administrativeFees = { amountTenThousandYuan: feeCell(rng) };
    return d;
  }
  const made = rng.int(2, 20);
  d.regulations = { newlyMade: cell(0), newlyPublished: cell(0), totalPublished: cell(0) };
  d.normativeDocuments = { newlyMade: cell(made), newlyPublished: cell(made), totalPublished: cell(rng.int(40, 200)) };
  d.administrativeLicensing = {
    previousYearItems: cell(rng.int(120, 420)),
    changeThisYear: signedCell(rng, -6, 9),
    decisions: cell(rng.int(...scale.licensing)),
  };
  d.otherExternalServices = {
    previousYearItems: cell(rng.int(20, 90)),
    changeThisYear: signedCell(rng, -4, 5),
    decisions: cell(rng.int(100, 900)),
  };
  d.administrativePunishment = {
    previousYearItems: cell(rng.int(400, 1800)),
    changeThisYear: signedCell(rng, -30, 40),
    decisions: cell(rng.int(...scale.punishment)),
  };
  d.administrativeCoercion = {
    previousYearItems: cell(rng.int(10, 60)),
    changeThisYear: signedCell(rng, -3, 3),
    decisions: cell(rng.int(...scale.coercion)),
  };
  d.administrativeFees = { previousYearItems: cell(rng.int(3, 25)), changeThisYear: signedCell(rng, -2, 1) };
  // 采购总金额 printed with its unit; recorded in yuan. Drawn in tenths of 万元 to stay exact.
  const tenths = rng.int(3000, 250000);
  const text = tenths % 10 === 0 ? `${tenths / 10}万元` : `${(tenths / 10).toFixed(1)}万元`;
  d.governmentProcurement = { projects: cell(rng.int(12, 160)), totalAmount: { value: tenths * 1000, text } };
  return d;
}

function generateReview(rng: Rng, scale: Scale): Record<ReviewGroup, Cell[]> {
  const group = (max: number): Cell[] => {
    const parts = [0, 0, 0, 0];
    for (let k = rng.int(0, max); k > 0; k--) parts[rng.weighted([6, 1.5, 1, 1.5])]++;
    return [...parts, sum(parts)].map((v) => cell(v));
  };
  return {
    review: group(scale.reviewMax),
    litigationDirect: group(scale.litigationMax),
    litigationAfterReview: group(Math.max(0, scale.litigationMax - 1)),
  };
}

export function generateNumbers(rng: Rng, scale: Scale, template: TemplateId, mode: OtherHandlingMode): ReportNumbers {
  // Check that template 二 sections and generated keys agree, so a renamed key can't print an empty row.
  const disclosure = generateDisclosure(rng, scale, template);
  for (const s of disclosureSections(template))
    for (const r of s.rows)
      for (const c of s.columns)
        if (!disclosure[r.key]?.[c.key]) throw new Error(`no value for table 二 ${r.key}.${c.key}`);
  return {
    template,
    otherHandling: mode,
    applications: generateApplications(rng, scale, mode),
    disclosure,
    review: generateReview(rng, scale),
  };
}

export { REVIEW_GROUPS };
