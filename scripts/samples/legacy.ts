// Reports for 2008–2018 (template "2008"), generated with the variety real ones show: city, district
// and department reports, tiny ones (「本局未收到…」), with and without the old 统计表, simplified or
// traditional script, and each phrasing class of the prose. Every report comes with its expected
// `legacy` figures and the phrasing classes it uses (npm run eval counts accuracy per class).
import * as OpenCC from 'opencc-js/cn2t';
import type { Rng } from './prng.js';

export type LegacyKind = 'city' | 'district' | 'department' | 'tiny';

/** The phrasing classes of the prose; a report names the ones it uses. */
export const PHRASINGS = [
  'total-parts-one-sentence', 'total-parts-several-sentences', 'chinese-numerals', 'full-width-digits', 'thousands-separator',
  'results-counts', 'results-with-share', 'results-share-only', 'none-statement', 'none-section', 'other-year', 'sub-unit',
  'consultation', 'petition', 'approximate', 'chinese-digit-year', 'period-sentence', 'statistics-table', 'traditional',
  // Wordings seen in real reports (tests/fixtures/legacy-real): the report's own parts counted, counts of
  // information items beside result words, denials naming each case, the variant 谘询, a title without 政府.
  'report-parts', 'information-items', 'none-wordings', 'variant-characters', 'title-without-zhengfu',
  // A web page's body (no title, no sign-off) whose opening names the issuer; a mirror's pinyin glosses.
  'opening-names-agency', 'pinyin-glosses',
  // The fourth real batch: counts by category beside the whole's total (「全县各级各部门…共计」), the total of
  // applications named after its number (「收到12起政府信息依申请公开」), blocks whose body is 「我镇2016年度无申请」.
  'category-counts', 'received-noun-after', 'none-block-bodies',
  // A sub-heading without 。 (「（一）主动公开的途径」) before a sentence counting something else (「设立了3个查阅点」).
  'sub-headings',
  // The sixth real batch: counts of categories (「四大类共七个小类的事项」), none of either kind (「无依申请公开政府信息
  // 和不予以公开政府信息」「没有发生相关收费和减免情况」), a title whose name shares 政府 (「2008年度XX人民政府信息公开工作报告」).
  'category-kinds', 'none-both-kinds', 'shared-zhengfu-title',
  // The seventh real batch: a running total to a date beside the year's items (「截至2013年底累计…」), 咨询 and 投诉
  // counted in one number, a title with the year after its topic (「XX局政府信息公开工作2009年度报告」), the items
  // said as published (「全镇共发布各类信息内容46条」), an opening that compiles the report (「特编制2017年XX…报告」).
  'running-total', 'consultations-with-complaints', 'year-after-topic-title', 'items-said-published', 'opening-compiles',
] as const;
export type Phrasing = (typeof PHRASINGS)[number];

export interface LegacySample {
  name: string;
  title: string | null;
  /** Paragraphs in order; a heading is a paragraph of its own. */
  paragraphs: string[];
  /** The 统计表 (指标名称, 单位, 数量), when the report has one. */
  table: Array<[string, string, string]> | null;
  /** The closing sign-off lines. */
  signOff: string[];
  expected: { title: string | null; agency: string; year: number; template: '2008'; legacy: Record<string, number> };
  phrasings: Phrasing[];
}

const PLACES = ['临江', '青山', '白沙', '东湖', '南溪', '北塘', '西岭', '石门'];
const DEPTS = ['地方税务局', '档案局', '卫生局', '教育局', '环境保护局', '统计局'];
const CN = '〇一二三四五六七八九';
const cnYear = (y: number) => [...String(y)].map((d) => CN[Number(d)]).join('').replace(/〇/gu, '○');

/** A Chinese numeral for 0 < n < 10 000 (「一百零五」「十二」). */
export function cnNumber(n: number): string {
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && units[i] === '十' && out === '' ? '' : CN[d]) + units[i];
  });
  return out;
}

const fullWidth = (s: string) => s.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Split `total` into `k` non-negative parts. */
function split(rng: Rng, total: number, k: number): number[] {
  const cuts = Array.from({ length: k - 1 }, () => rng.int(0, total)).sort((a, b) => a - b);
  return [...cuts, total].map((c, i) => c - (i ? cuts[i - 1] : 0));
}

/** One legacy report from `seed`'s draws. */
export function legacySample(rng: Rng, name: string): LegacySample {
  const kind = rng.pick<LegacyKind>(['city', 'district', 'department', 'tiny']);
  const year = rng.int(2008, 2018);
  const place = rng.pick(PLACES);
  const agency = kind === 'city' ? `${place}市人民政府` : kind === 'district' ? `${place}区人民政府` : `${place}市${rng.pick(DEPTS)}`;
  const used = new Set<Phrasing>();
  const num = numberStyle(rng, used);
  const yearText = rng.chance(0.3) ? (used.add('chinese-digit-year'), cnYear(year)) : String(year);
  const noTitle = kind !== 'tiny' && rng.chance(0.1);
  const plain = !noTitle && rng.chance(0.1) && (used.add('title-without-zhengfu'), true);
  const shared = !noTitle && !plain && agency.endsWith('人民政府') && rng.chance(0.15) && (used.add('shared-zhengfu-title'), true);
  const late = !noTitle && !plain && !shared && rng.chance(0.1) && (used.add('year-after-topic-title'), true);
  const title = noTitle
    ? null
    : shared
      ? `${yearText}年度${agency}信息公开工作报告`
      : late
        ? `${agency.replace(/政府$/u, '')}政府信息公开工作${yearText}年度报告`
        : `${agency}${yearText}年${plain ? '度信息公开工作' : '政府信息公开工作'}年度报告`;
  const legacy: Record<string, number> = {};
  const paragraphs: string[] = [];
  // Half the untitled ones are a web page's body: no sign-off either, the opening names the issuer.
  const bodyOnly = noTitle && rng.chance(0.5);
  if (bodyOnly) {
    used.add('opening-names-agency').add('period-sentence');
    paragraphs.push(openingNaming(rng, kind, agency, year, used));
  } else if (noTitle || rng.chance(0.4)) {
    used.add('period-sentence');
    paragraphs.push(`本报告由${agency}编制，所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`);
  }
  if (rng.chance(0.3)) {
    used.add('report-parts');
    paragraphs.push(`本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、因政府信息公开申请行政复议和提起行政诉讼情况、存在的主要问题和改进措施等${rng.pick(['五个部分', '五个方面', '五部分'])}组成。`);
  }
  const body = kind === 'tiny' ? tinyBody(rng, legacy, used, year) : fullBody(rng, { legacy, used, num, year });
  paragraphs.push(...body);
  const table = kind !== 'tiny' && year >= 2012 && rng.chance(0.4) ? (used.add('statistics-table'), statTable(legacy)) : null;
  const dateYear = rng.chance(0.5) ? cnYear(year + 1) : String(year + 1);
  const signOff = bodyOnly ? [] : [agency, `${dateYear}年${rng.pick(['一', '二', '三'])}月${rng.pick(['五', '十二', '二十', '三十'])}日`];
  let sample: LegacySample = { name, title, paragraphs, table, signOff, expected: { title, agency, year, template: '2008', legacy }, phrasings: [] };
  if (rng.chance(0.2)) {
    used.add('traditional');
    sample = traditional(sample);
  }
  if (rng.chance(0.1)) {
    used.add('pinyin-glosses');
    sample = { ...sample, paragraphs: sample.paragraphs.map(glossed) };
  }
  sample.phrasings = PHRASINGS.filter((p) => used.has(p));
  return sample;
}

/**
 * The opening of a page's body that names the issuer, as real ones do: the report it presents, a
 * government's office summing up its bodies' reports, or a department calling itself 本局 beside its contact.
 */
function openingNaming(rng: Rng, kind: LegacyKind, agency: string, year: number, used: Set<Phrasing>): string {
  const period = `所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`;
  const level = agency.includes('区人民政府') ? '区' : '市';
  const ways = [
    `根据《中华人民共和国政府信息公开条例》规定，现公布${agency}${year}年政府信息公开工作年度报告。报告${period}`,
    kind === 'department'
      ? `本局根据《条例》要求编制本报告，${period}如对本报告有任何疑问，请与${agency}办公室联系（电话：0000-1234567）。`
      : `本年报由${agency}办公室综合${level}政府所属各部门的政府信息公开年度报告编制而成，${period}`,
  ];
  if (rng.chance(0.3)) {
    used.add('opening-compiles');
    const topic = `${agency.replace(/政府$/u, '')}政府信息公开工作年度报告`;
    return `根据《中华人民共和国政府信息公开条例》规定，特编制${year}年${topic}，并向社会公布。本报告${period}`;
  }
  return rng.pick(ways);
}

/** Pinyin a glossing mirror puts after some characters (either script), tone marks and all. */
const GLOSSES: Record<string, string> = {
  报: 'bào', 報: 'bào', 告: 'gào', 据: 'jù', 據: 'jù', 数: 'shù', 數: 'shù', 请: 'qǐng', 請: 'qǐng',
  开: 'kāi', 開: 'kāi', 统: 'tǒng', 統: 'tǒng', 计: 'jì', 計: 'jì', 复: 'fù', 復: 'fù', 议: 'yì', 議: 'yì',
};
const glossed = (p: string) => p.replace(/./gu, (ch) => (GLOSSES[ch] ? `${ch}(${GLOSSES[ch]})` : ch));

type Num = (n: number) => string;

function numberStyle(rng: Rng, used: Set<Phrasing>): Num {
  const style = rng.weighted([5, 1, 1]);
  if (style === 1) {
    used.add('chinese-numerals');
    return (n) => (n < 10_000 ? cnNumber(n) : String(n));
  }
  if (style === 2) {
    used.add('full-width-digits');
    return (n) => fullWidth(String(n));
  }
  return String;
}

function tinyBody(rng: Rng, legacy: Record<string, number>, used: Set<Phrasing>, year: number): string[] {
  used.add('none-statement');
  legacy['applications.received'] = 0;
  legacy['review.total'] = 0;
  legacy['litigation.total'] = 0;
  const self = rng.pick(['本局', '本单位', '我局']);
  if (rng.chance(0.25)) return noneBlocks(rng, legacy, used, `${self}${year}年度`);
  if (rng.chance(0.5)) return tinyRealWordings(rng, legacy, used, self);
  const fees = rng.chance(0.5);
  if (fees) legacy['fees.collectedYuan'] = 0;
  return [`本年度${self}未收到政府信息公开申请，未发生因政府信息公开引起的行政复议、行政诉讼${fees ? '，未收取任何费用' : ''}。`];
}

/** Each block's whole body a none-statement (「我镇2016年度无申请。」), the one on applications maybe 「未接受」. */
function noneBlocks(rng: Rng, legacy: Record<string, number>, used: Set<Phrasing>, who: string): string[] {
  used.add('none-block-bodies');
  legacy['fees.collectedYuan'] = 0;
  const none = `${who}无申请。`;
  return [
    '一、依申请公开政府信息情况',
    rng.chance(0.5) ? none : '截止目前，我单位未接受政府信息公开申请。',
    '二、依申请公开政府信息收费及减免情况',
    none,
    '三、因政府信息公开申请行政复议、提起行政诉讼的情况',
    none,
  ];
}

/** A tiny report in the words real ones use: each denial its own, items withheld counted in 条. */
function tinyRealWordings(rng: Rng, legacy: Record<string, number>, used: Set<Phrasing>, self: string): string[] {
  used.add('none-wordings');
  const both = rng.chance(0.25) && (used.add('none-both-kinds'), true);
  const out = [
    both
      ? `本年度${self}无依申请公开政府信息和不予以公开政府信息。`
      : rng.pick([`本年度${self}没有依申请公开信息的情况。`, `本年度${self}没有接到群众主动要求公开政府信息的申请。`]),
  ];
  if (rng.chance(0.5)) {
    used.add('information-items');
    out.push(`不予公开信息有${rng.int(2, 40)}条，主要是人事安排方面的信息。`);
  }
  const denial = rng.int(0, 2);
  if (denial > 0) legacy.complaints = 0;
  out.push([
    '所有信息公开都没有发生行政复议、行政诉讼的情况。',
    `未发生针对${self}有关政府信息公开事务的行政复议案、行政诉讼案和有关的申诉案。`,
    '本年度未接到有关政府信息公开方面的复议、诉讼和申诉。',
  ][denial]);
  const fee = rng.int(0, 2);
  if (fee > 0) legacy['fees.collectedYuan'] = 0;
  if (fee === 1) legacy['fees.waivedYuan'] = 0;
  const feesAndWaivers = both ? '本年度没有发生相关收费和减免情况。' : '本年度没有关于信息公开的收费及减免情况。';
  if (fee > 0) out.push(fee === 1 ? feesAndWaivers : '对依申请提供政府信息未收取检索、复印、邮寄等费用，未产生与诉讼有关的费用支出。');
  if (rng.chance(0.5)) {
    legacy.consultations = 0;
    out.push('本年度未收到任何形式的有关信息公开方面的咨询。');
  }
  return out;
}

interface BodyContext {
  legacy: Record<string, number>;
  used: Set<Phrasing>;
  num: Num;
  year: number;
}

const CHANNELS: Array<[string, (n: string) => string]> = [
  ['inPerson', (n) => `当面申请${n}件`], ['online', (n) => `网上申请${n}件`], ['letter', (n) => `信函申请${n}件`],
  ['email', (n) => `电子邮件申请${n}件`], ['fax', (n) => `传真申请${n}件`],
];
const CHANNELS_APART: Record<string, (n: string) => string> = {
  inPerson: (n) => `当面提出申请${n}件`, online: (n) => `通过网络提交申请${n}件`, letter: (n) => `以信函方式申请${n}件`,
  email: (n) => `通过电子邮件申请${n}件`, fax: (n) => `通过传真申请${n}件`,
};
const RESULTS: Array<[string, string]> = [
  ['alreadyPublic', '属于已主动公开范围'], ['granted', '同意公开'], ['partiallyGranted', '同意部分公开'], ['refused', '不同意公开'],
  ['notThisAgency', '不属于本机关公开范围'], ['notExist', '申请信息不存在'], ['clarification', '告知作出更改补充'],
];

function fullBody(rng: Rng, c: BodyContext): string[] {
  const { legacy: L, used, num, year } = c;
  const out: string[] = ['一、概述'];
  const items = rng.int(30, 3000);
  const nd = rng.int(0, 40);
  if (rng.chance(0.15)) {
    used.add('approximate');
    out.push(`${year}年，我们认真贯彻落实《条例》，全年主动公开政府信息约${num(items)}条。`);
  } else {
    const printed = items >= 1000 && rng.chance(0.6) ? (used.add('thousands-separator'), items.toLocaleString('en-US')) : num(items);
    const whole = rng.chance(0.2) ? (used.add('category-counts'), `全${rng.pick(['市', '区', '县'])}各级各部门`) : '全年';
    if (rng.chance(0.15)) {
      used.add('items-said-published');
      out.push(`${year}年，我们认真贯彻落实《条例》，${whole}共发布各类信息内容${printed}条，内容涵盖机构概况、政策文件、规划计划等方面。`);
    } else {
      out.push(`${year}年，我们认真贯彻落实《条例》，${whole}主动公开政府信息${printed}条，其中规范性文件${num(nd)}条。`);
      L['activeDisclosure.normativeDocuments'] = nd;
    }
    L['activeDisclosure.items'] = items;
  }
  out.push('二、主动公开政府信息情况');
  if (rng.chance(0.2)) {
    used.add('running-total');
    const since = num(items + rng.int(100, 5000));
    out.push(rng.pick([`截至${year}年底，本单位累计主动公开政府信息${since}条。`, `本单位到${year}年底累计主动公开政府信息${since}条，全文电子化率达100%。`]));
  }
  if (rng.chance(0.25)) {
    used.add('sub-headings');
    out.push(rng.pick(['（一）主动公开的途径', '(一)主动公开政府信息的形式']), `本单位设立了${num(rng.int(1, 9))}个政府信息查阅点，方便群众查阅。`);
  }
  if (rng.chance(0.2)) {
    used.add('category-kinds');
    out.push(`全年主动公开了涵盖各方面的${num(rng.int(2, 6))}大类共${num(rng.int(6, 20))}个小类的事项。`);
  }
  const ndi = rng.int(nd, nd + 20);
  out.push(`全年共制发规范性文件${num(ndi)}件，均按规定向社会公开。`);
  if (rng.chance(0.25)) {
    used.add('category-counts');
    out.push(`通过政府网站主动公开规划计划类${num(rng.int(0, 30))}条，人事信息${num(rng.int(0, 30))}条，工作动态${num(rng.int(0, 90))}条。`);
  }
  L['activeDisclosure.normativeDocumentsIssued'] = ndi;
  if (rng.chance(0.25)) {
    used.add('information-items');
    out.push(`不予公开信息${num(rng.int(5, 2000))}条，依申请公开信息${num(rng.int(1, 500))}条，通过其他方式回应社会关注${num(rng.int(1, 9))}次。`);
  }
  out.push('三、依申请公开政府信息情况', ...applications(rng, c));
  out.push('四、政府信息公开的收费及减免情况', fees(rng, c));
  out.push('五、因政府信息公开申请行政复议、提起行政诉讼的情况', ...reviewLitigation(rng, c));
  out.push('六、政府信息公开工作存在的主要问题及改进情况', '公开内容还不够全面，下一步将进一步完善工作机制，提高公开质量。');
  return out;
}

function applications(rng: Rng, c: BodyContext): string[] {
  const { legacy: L, used, num, year } = c;
  const R = rng.pick([0, rng.int(1, 20), rng.int(20, 300)]);
  L['applications.received'] = R;
  if (R === 0) {
    used.add('none-statement');
    return ['全年未收到政府信息公开申请。'];
  }
  const out: string[] = [];
  const chans = CHANNELS.slice(0, rng.int(2, 5));
  const parts = split(rng, R, chans.length);
  chans.forEach(([k], i) => (L[`applications.byChannel.${k}`] = parts[i]));
  const tail = rng.chance(0.3) ? (used.add('other-year'), `，比上年增加${num(rng.int(1, 30))}件`) : '';
  if (rng.chance(0.5)) {
    used.add('total-parts-one-sentence');
    const total = rng.chance(0.3) ? (used.add('received-noun-after'), `全年共收到${num(R)}起政府信息依申请公开`) : `全年共受理政府信息公开申请${num(R)}件`;
    out.push(`${total}${tail}，其中${chans.map(([, f], i) => f(num(parts[i]))).join('、')}。`);
  } else {
    used.add('total-parts-several-sentences');
    out.push(`全年共受理政府信息公开申请${num(R)}件${tail}。其中，${chans.map(([k], i) => CHANNELS_APART[k](num(parts[i]))).join('。')}。`);
  }
  if (rng.chance(0.3)) {
    used.add('other-year');
    out.push(`${year - 1}年受理申请${num(rng.int(1, 300))}件。`);
  }
  if (rng.chance(0.25)) {
    used.add('sub-unit');
    out.push(`${rng.pick(PLACES)}区教育局受理申请${num(rng.int(1, 50))}件。`);
  }
  out.push(results(rng, c, R));
  if (rng.chance(0.3)) {
    used.add('consultation');
    const n = rng.int(20, 900);
    if (rng.chance(0.3)) {
      used.add('approximate');
      out.push(`全年接受公众咨询约${num(n)}人次。`);
    } else {
      const ask = rng.chance(0.3) ? (used.add('variant-characters'), '谘询') : '咨询';
      out.push(`全年接受公众${ask}${num(n)}人次，其中电话${ask}${num(rng.int(0, n))}人次。`);
      L.consultations = n;
    }
  }
  if (rng.chance(0.15)) {
    used.add('consultations-with-complaints');
    out.push(`在政府网站处理咨询投诉${num(rng.int(2, 60))}条。`);
  }
  if (rng.chance(0.2)) {
    used.add('petition');
    out.push(`另受理信访件${num(rng.int(1, 80))}件，均已按信访程序办理。`);
  }
  return out;
}

function results(rng: Rng, c: BodyContext, R: number): string {
  const { legacy: L, used, num } = c;
  const rs = RESULTS.slice(0, rng.int(3, RESULTS.length));
  const parts = split(rng, R, rs.length);
  L['applications.answered'] = R;
  const style = rng.weighted([5, 2, 1]);
  const share = (n: number) => (Math.round((n / R) * 1000) / 10).toFixed(1);
  if (style === 2) {
    used.add('results-share-only');
    return `已答复${num(R)}件，其中${rs.map(([, label], i) => `${label}的占${share(parts[i])}%`).join('，')}。`;
  }
  used.add(style === 1 ? 'results-with-share' : 'results-counts');
  const clauses = rs.map(([k, label], i) => {
    L[`applications.results.${k}`] = parts[i];
    const own = `${label}${num(parts[i])}件${style === 1 && k === 'granted' ? `，占${share(parts[i])}%` : ''}`;
    if (k !== 'refused' || parts[i] === 0) return own;
    const secret = rng.int(0, parts[i]);
    L['applications.refusedReasons.stateSecret'] = secret;
    L['applications.refusedReasons.privacy'] = parts[i] - secret;
    return `${own}，其中涉及国家秘密${num(secret)}件、涉及个人隐私${num(parts[i] - secret)}件`;
  });
  return `已答复${num(R)}件，其中${clauses.join('，')}。`;
}

function fees(rng: Rng, c: BodyContext): string {
  const { legacy: L, used, num } = c;
  if (rng.chance(0.3)) {
    const yuan = rng.int(1, 50) * 10;
    L['fees.collectedYuan'] = yuan;
    return `全年收取检索、复制费用${num(yuan)}元。`;
  }
  L['fees.collectedYuan'] = 0;
  if (rng.chance(0.5)) {
    used.add('none-section');
    return '无。';
  }
  used.add('none-statement');
  return '本年度未收取任何费用。';
}

function reviewLitigation(rng: Rng, c: BodyContext): string[] {
  const { legacy: L, used, num } = c;
  const r = rng.pick([0, 0, rng.int(1, 6)]);
  const l = rng.pick([0, 0, rng.int(1, 4)]);
  L['review.total'] = r;
  L['litigation.total'] = l;
  if (r === 0 && l === 0) {
    used.add(rng.chance(0.5) ? 'none-section' : 'none-statement');
    return [used.has('none-section') && rng.chance(0.99) ? '无。' : '未发生因政府信息公开引起的行政复议、行政诉讼。'];
  }
  const out: string[] = [];
  const group = (path: string, total: number, head: string, upheld: string) => {
    if (total === 0) {
      used.add('none-statement');
      out.push(`未发生${head}的情况。`);
      return;
    }
    const [u, k, o] = split(rng, total, 3);
    Object.assign(L, { [`${path}.upheld`]: u, [`${path}.corrected`]: k, [`${path}.other`]: o });
    out.push(`全年发生${head}${num(total)}起，其中${upheld}${num(u)}起，被依法纠错${num(k)}起，其他情形${num(o)}起。`);
  };
  group('review', r, '因政府信息公开申请行政复议', '维持具体行政行为');
  group('litigation', l, '因政府信息公开提起行政诉讼', '维持具体行政行为或者驳回原告诉讼请求');
  return out;
}

/** The 统计表 rows for the figures stated (values as in the prose; fees in 万元). */
function statTable(L: Record<string, number>): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [];
  const add = (path: string, label: string, unit = '件') => {
    if (L[path] !== undefined) rows.push([label, unit, unit === '万元' ? String(L[path] / 10_000) : String(L[path])]);
  };
  add('activeDisclosure.items', '（一）主动公开政府信息数', '条');
  add('activeDisclosure.normativeDocuments', '其中：主动公开规范性文件数', '条');
  add('activeDisclosure.normativeDocumentsIssued', '（二）制发规范性文件总数');
  add('applications.received', '（一）收到申请数');
  CHANNELS.forEach(([k], i) => add(`applications.byChannel.${k}`, `${i + 1}.${['当面申请数', '网络申请数', '信函申请数', '电子邮件申请数', '传真申请数'][i]}`));
  add('applications.answered', '（二）申请答复数');
  RESULTS.forEach(([k], i) => add(`applications.results.${k}`, `${i + 1}.${['属于已主动公开范围数', '同意公开答复数', '同意部分公开答复数', '不同意公开答复数', '不属于本行政机关公开数', '申请信息不存在数', '告知作出更改补充数'][i]}`));
  add('applications.refusedReasons.stateSecret', '其中：涉及国家秘密');
  add('applications.refusedReasons.privacy', '涉及个人隐私');
  add('review.total', '四、因政府信息公开申请行政复议数');
  add('litigation.total', '五、因政府信息公开提起行政诉讼数');
  add('fees.collectedYuan', '七、依申请公开信息收取的费用', '万元');
  return rows;
}

let toTraditional: ((s: string) => string) | null = null;
/**
 * The report in traditional script (OpenCC), as mirrors print it; the expected figures are unchanged, the
 * title and agency are expected as printed (the record quotes them in the document's script).
 */
function traditional(s: LegacySample): LegacySample {
  const t = (toTraditional ??= OpenCC.Converter({ from: 'cn', to: 't' }));
  return {
    ...s,
    title: s.title && t(s.title),
    paragraphs: s.paragraphs.map(t),
    table: s.table && s.table.map((r) => r.map(t) as [string, string, string]),
    signOff: s.signOff.map(t),
    expected: { ...s.expected, title: s.expected.title && t(s.expected.title), agency: t(s.expected.agency) },
  };
}
