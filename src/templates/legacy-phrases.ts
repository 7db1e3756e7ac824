// What the prose of a report for 2008–2018 says, as data: the classes of phrases that tie a number to a
// `legacy` figure, and those that rule a number out (another year, a sub-unit, 咨询, 信访, an
// approximation). src/legacy reads them; rules are keyed to what a phrase means, never to one
// report's wording. Patterns run on simplified-script text, NFKC-folded, without white space.

/** The topics a sentence can be about; a part (「其中维持1起」) belongs to the topic last named. */
export type LegacyTopic = 'applications' | 'results' | 'review' | 'litigation' | 'fees' | 'consultations' | 'active';

/** A class of phrase naming one figure: the words before its number. */
export interface FigurePhrase {
  /** Path under `legacy.`. */
  path: string;
  /** Tested on the words between the previous figure (or the clause start) and this number. */
  words: RegExp;
  /** Only in a sentence about this topic (the topic last named before the number). */
  topic?: LegacyTopic;
  /** The topic a figure of this class sets for the parts after it. */
  sets?: LegacyTopic;
  /** A word that also qualifies other figures (「同意公开答复98件」): it names the figure only when no other class does. */
  weak?: true;
  /**
   * Only after the sentence has come to applications (a total, an answer count, a result): 「不予公开信息
   * 1535条」 in an overview of information items is no answer to an application, 「通过其他方式回应事件3次」
   * no channel of one.
   */
  inApplications?: true;
}

const p = (path: string, words: RegExp, more: Omit<FigurePhrase, 'path' | 'words'> = {}): FigurePhrase => ({
  path,
  words,
  ...more,
});
const A = 'applications';

/**
 * The figure phrases. The class whose words stand closest before the number names it (ties: the one
 * listed first, the more specific); two classes of one group matching apart (「当面或网上申请5件」,
 * 「涉及商业秘密、个人隐私的2件」) name no figure: the number is ambiguous.
 */
export const FIGURE_PHRASES: readonly FigurePhrase[] = [
  // Reasons for refusal (before the results: 「不予公开…其中涉及国家秘密2件」).
  p(`${A}.refusedReasons.stateSecret`, /国家秘密/u, { inApplications: true }),
  p(`${A}.refusedReasons.commercialSecret`, /商业秘密/u, { inApplications: true }),
  p(`${A}.refusedReasons.privacy`, /个人隐私/u, { inApplications: true }),
  p(`${A}.refusedReasons.security`, /国家安全|公共安全|经济安全|社会稳定/u, { inApplications: true }),
  p(
    `${A}.refusedReasons.notGovernmentInformation`,
    /不(?:是|属于)(?:《条例》|条例)?所(?:指|称)的?政府信息|非政府信息/u,
    { inApplications: true },
  ),
  p(`${A}.refusedReasons.otherLaw`, /法律、?法规规定的其他/u, { inApplications: true }),
  p(`${A}.refusedReasons.process`, /过程性|内部管理/u, { inApplications: true }),
  // Results of the answers.
  p(`${A}.results.alreadyPublic`, /已(?:经)?主动公开/u, { sets: 'results', inApplications: true }),
  p(`${A}.results.partiallyGranted`, /部分公开/u, { sets: 'results', inApplications: true }),
  p(`${A}.results.refused`, /不同意公开|不予公开|不公开/u, { sets: 'results', inApplications: true }),
  p(`${A}.results.granted`, /同意公开|予以公开|全部公开/u, { sets: 'results', inApplications: true }),
  p(
    `${A}.results.notThisAgency`,
    /不属于本(?:行政)?机关|非本(?:行政)?机关|不属本机关|不属于本(?:局|单位|部门)|不属于(?:公开|本机关)?职责/u,
    { sets: 'results', inApplications: true },
  ),
  p(`${A}.results.notExist`, /不存在/u, { sets: 'results', inApplications: true }),
  p(`${A}.results.clarification`, /更改|补充|补正|不明确/u, { sets: 'results', inApplications: true }),
  p(`${A}.results.otherChannel`, /其他途径/u, { sets: 'results', inApplications: true }),
  // Channels and applicants.
  p(`${A}.byChannel.inPerson`, /当面|现场/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byChannel.email`, /电子邮件|电子邮箱|邮件/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byChannel.online`, /网上|网络|在线|互联网|网站/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byChannel.letter`, /信函|来信|邮寄(?!费)/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byChannel.fax`, /传真/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byChannel.phone`, /电话/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byChannel.other`, /其他(?:形式|方式)/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byApplicant.naturalPerson`, /公民|自然人/u, { sets: 'applications', inApplications: true }),
  p(`${A}.byApplicant.legalPerson`, /法人|组织名义/u, { sets: 'applications', inApplications: true }),
  // Handling.
  p(`${A}.completedOnTime`, /按时办结|按期办结|按时答复/u, { sets: 'applications' }),
  p(`${A}.completedExtended`, /延期办结|延期答复|延长答复/u, { sets: 'applications' }),
  p(`${A}.completed`, /办结/u, { sets: 'applications' }),
  p(`${A}.answered`, /答复|回复/u, { sets: 'results', weak: true }),
  // Review and litigation: the total, then its parts under the topic last named.
  p('review.upheld', /维持/u, { topic: 'review' }),
  p('review.corrected', /纠错|纠正|撤销|变更|确认违法/u, { topic: 'review' }),
  p('review.other', /其他/u, { topic: 'review' }),
  p('litigation.upheld', /维持|驳回/u, { topic: 'litigation' }),
  p('litigation.corrected', /纠错|纠正|撤销|败诉|确认违法/u, { topic: 'litigation' }),
  p('litigation.other', /其他/u, { topic: 'litigation' }),
  p(`${A}.results.other`, /其他/u, { topic: 'results' }),
  p('review.total', /行政复议/u, { sets: 'review' }),
  p('litigation.total', /行政诉讼|提起诉讼|起诉/u, { sets: 'litigation' }),
  // Fees.
  p('fees.waivedYuan', /减免|免收|免除/u),
  p('fees.collectedYuan', /收取|收费|费用/u, { sets: 'fees' }),
  // Complaints and consultations (咨询 is never an application).
  p('complaints', /举报|投诉|申诉/u),
  p('consultations', /咨询/u, { sets: 'consultations' }),
  // Active disclosure.
  p('activeDisclosure.normativeDocumentsIssued', /(?:制发|制定|出台|印发)(?:了)?(?:各类)?规范性文件/u, {
    sets: 'active',
  }),
  p('activeDisclosure.normativeDocuments', /规范性文件/u, { topic: 'active' }),
  p('activeDisclosure.items', /主动公开/u, { sets: 'active' }),
  // The total of applications, last: 申请 with a word of receiving or a total.
  p(
    `${A}.received`,
    /(?:受理|收到|接到|接收|办理)(?:了)?.*(?<!复议)申请|(?<!复议)申请.*(?:共|总计|合计|总数)|(?:共|总计|合计).*(?<!复议)申请/u,
    { sets: 'applications' },
  ),
];

/**
 * The total of applications named after its number (「我局收到12起政府信息依申请公开」「共受理3件信息公开申请」):
 * a receiving verb right before the number, the request right after its unit.
 */
export const RECEIVED_NOUN_AFTER = {
  before: /(?:受理|收到|接到|接收)(?:了)?(?:共)?$/u,
  after: /^(?:政府信息公开|政府信息依申请公开|依申请公开|信息公开)?的?申请|^(?:政府)?信息依申请公开/u,
};

/** Parts of consultations by channel (「其中电话咨询200人次」) are no figure of the record. */
/** Variant characters old reports print for the same word (「谘询」 for 咨询), folded before matching (same length). */
export const VARIANT_CHARS: Readonly<Record<string, string>> = { 谘: '咨' };

export const CONSULTATION_PART = /其中.*咨询|(?:当面|电话|网上|网络|来信|在线)咨询/u;

/**
 * The total of items disclosed said without 「主动公开」 (「全镇共发布各类信息内容46条」「2016年我镇共公开政府信息89条」):
 * in the overview or the part on active disclosure, words right before the number that publish (发布, 公开)
 * information with a word of a total (共, 总计, 合计, 全年, 各类). Not when the clause names a channel (a
 * website's or a platform's count is one channel's, 「网站共发布政府信息60条」) or an application.
 */
export const ITEMS_TOTAL = {
  sections: ['overview', 'activeDisclosure'] as readonly string[],
  words:
    /(?:(?:共|总计|合计|全年)[^,]{0,6}?(?:发布|公开)(?:了)?(?:各类)?|(?:发布|公开)(?:了)?各类)(?:政府|政务)?信息(?:内容)?$/u,
  notWith:
    /申请|网站|网上|网络|门户|微博|微信|公众号|客户端|报纸|报刊|日报|晚报|公开栏|宣传栏|公示栏|电子屏|显示屏|电视|广播|媒体|平台|短信|专栏/u,
};

/** 「处理咨询投诉23条」: one number for consultations and complaints together names neither figure. */
export const COMPLAINT_WORDS = /举报|投诉|申诉/u;

/**
 * One number for 行政复议 and 行政诉讼 together (「被申请行政复议、提起行政诉讼的案件0件」): 0 or 「各N件」 is each's;
 * any other count names neither (read as the nearer word, it went to litigation alone).
 */
export const JOINT_REVIEW_LITIGATION =
  /复议(?:案件?)?(?:[、和及与或]|以及)(?:被)?(?:提起|提出)?(?:行政)?(?:诉讼|起诉)/u;

/**
 * A running total to a date (「截止到2009年底，我局累计主动公开…489条」「本局到2017年底累计…401条」): 累计 after an
 * end date with no start (not 「1月1日至12月31日」, the year's period) and no word of the year between
 * (「截至12月31日，本年度累计…」 is the year's). Tested on the sentence up to the number; 「2012年，全局累计…12条」
 * (累计 alone) is the year's sum.
 */
export const RUNNING_TOTAL =
  /(?:截至|截止|(?<![日起])(?:到|至))[^。]{0,16}?(?:年底|年末|月底|日|目前|今)(?:(?!本年|全年|年内|当年|年度)[^。])*累计/u;

/**
 * Words that rule a number out: it is about another year, a sub-unit, 信访, or is a change. Tested on
 * the clause holding the number (up to the number).
 */
export const NOT_THIS_FIGURE: ReadonlyArray<{ why: string; words: RegExp }> = [
  // 「累计」 alone is the year's sum (「2012年，全局累计主动公开…12条」); with a date it runs to it (「到目前累计」).
  {
    why: 'another year',
    words:
      /比上年|较上年|同比|比去年|较去年|上年度?|去年|上一年|前一年|往年|历年|(?:截至|截止|到目前|至今|迄今|以来)[^,]*累计|累计至今/u,
  },
  { why: 'a change', words: /增加|减少|增长|下降|上升|持平/u },
  { why: '信访', words: /信访/u },
  // A clause opening with another body's name (「区教育局受理申请35件」), not 本局/我局/该局.
  {
    why: 'another body',
    words:
      /^(?:其中)?(?!本|我|全)[\u4e00-\u9fa5]{1,12}?(?<![本我该])(?:局|委员会|委|办公室|办|镇|乡|街道|中心|公司|所|院|站)(?:共|全年|本年)?(?:受理|收到|办理|接到|接收)/u,
  },
  // 「规划计划类2条」「机构职能类信息1条」: one category of the items, not their total (「各类信息247条」 is).
  { why: 'a category', words: /(?<![各几两三四五六七八九十多\d])类(?:政府)?(?:信息|文件|事项)?$/u },
  // 「全县各级各部门主动公开…」 is the whole the report is about, not a part of it.
  {
    why: 'a sub-unit',
    words:
      /下属|所属|(?<!全[县市区镇乡旗](?:各级)?)(?:各乡镇|各街道|各部门|各单位)|区属|市属|县属|直属|其中[^，,]{2,14}(?:局|委|办|镇|乡|街道|中心|公司)(?:共)?(?:受理|收到|办理|接到)/u,
  },
];

/** Approximations: the number is not exact (「约120件」「100余件」「100多件」「近百件」「120件左右」). */
export const APPROXIMATE_BEFORE = /(?:约|大约|近|将近|接近|逾|超过)$/u;
export const APPROXIMATE_AFTER = /^(?:余|多|来)|^(?:件|条|项|起|宗|个|人次|次)?(?:左右|上下)/u;

/** 「本报告由…等六个部分组成」: a count of the report's own parts (after 「个」) is no figure. */
export const REPORT_PARTS_AFTER = /^(?:部分|方面|板块|章节)/u;

/** 「四大类共七个小类的事项」: a count of categories (after the unit) is no count of what they hold. */
export const CATEGORIES_AFTER = /^(?:大|小)?类(?!信息|文件|事项)|^(?:类别|种类)/u;

/** Units of a counted figure, and of an amount (to yuan). */
export const COUNT_UNITS = '件|条|项|起|宗|个|人次|次|份|例';
export const AMOUNT_UNITS: Readonly<Record<string, number>> = { 元: 1, 万元: 10_000 };

/** An application for information as the thing a none-statement denies (「依申请信息公开」「政府信息公开申请」). */
const APPLICATION_NOUN =
  '依申请(?:公开)?(?:政府|政务)?信息(?:公开)?|依申请公开|(?:政府|政务)?信息公开的?申请|申请公开(?:政府|政务)?信息';

/**
 * Statements that a figure is none (0), with the figures they cover; the phrase is the provenance.
 * Tested on a whole sentence.
 */
export const NONE_STATEMENTS: ReadonlyArray<{ words: RegExp; paths: readonly string[] }> = [
  // 「未收到…申请」「没有接到群众主动要求公开政府信息的申请」, not 「未收到行政复议…的申请」.
  {
    words:
      /(?:未|没有|无)(?:收到|接到|受理|接受)(?:过)?(?:(?!复议|诉讼)[^,;:。]){0,24}?申请(?!行政复议|复议|行政诉讼|提起)(?![^,;:。]*?(?:\d|[一二两三四五六七八九十]+[件条个]))/u,
    paths: [`${A}.received`],
  },
  { words: /(?:没有|无|未发生|未有)(?:依申请公开(?:政府)?信息|政府信息公开申请)的?情况/u, paths: [`${A}.received`] },
  // 「没有发生依申请信息公开事件」「未出现政府信息公开申请事项」: the application itself denied as an event, the
  // clause ending with it (not 「…申请引起的行政复议」「…申请人投诉」「…申请的收费」, another topic).
  {
    words: new RegExp(
      `(?:未|没有|无|未有|不存在)(?:发生|出现|收到|接到|受理|有)?(?:过)?(?:任何)?(?:${APPLICATION_NOUN})的?(?:事件|事项|情况|案件|案例)?(?=[,;:。、]|$)`,
      'u',
    ),
    paths: [`${A}.received`],
  },
  // 「无依申请公开政府信息和不予以公开政府信息」: nothing disclosed on application and nothing refused, no application.
  {
    words: /(?:没有|无|未有)依申请公开(?:的)?(?:政府)?信息(?:和|及|与|、)不予(?:以)?公开(?:的)?(?:政府)?信息/u,
    paths: [`${A}.received`],
  },
  // (「…信息公开申请人投诉」 denies a complaint by an applicant, not the application.)
  {
    words:
      /(?:未|没有|无)(?:收到|接到|受理|接受|发生)(?:过)?(?:任何)?(?:公民|群众|申请人)?(?:、法人(?:和|或)其他组织)?(?:提出|提交)?的?(?:政府)?信息公开申请(?!人)/u,
    paths: [`${A}.received`],
  },
  // 「未发生针对本单位有关政府信息公开事务的行政复议案、行政诉讼案和有关的申诉案」「未接到…的复议、诉讼和申诉」
  // 「未收取检索、复印、邮寄等费用」「未收到任何形式的…咨询」: each case named.
  ...noneCases(),
  {
    words:
      /(?:未|没有|不|无)(?:收取|产生|发生)?(?:过)?(?:任何|关于|有关)?(?:依申请)?(?:政府)?(?:信息)?(?:公开)?(?:相关)?(?:工作)?的?(?:收费|费用)(?!支出)|(?:收费|收取费用)(?:情况)?为?(?:零|0|无)|无收费/u,
    paths: ['fees.collectedYuan'],
  },
  {
    // 「没有发生相关收费和减免情况」「未产生任何收费及减免」.
    words:
      /(?:没有|无|不存在|未有|未)(?:发生|产生|出现)?(?:过)?(?:任何)?(?:相关|关于|有关)?(?:政府)?(?:信息公开)?的?收费(?:及|和|与|、)减免/u,
    paths: ['fees.collectedYuan', 'fees.waivedYuan'],
  },
  { words: /(?:没有|无|不存在|未发生|未有)(?:任何)?减免/u, paths: ['fees.waivedYuan'] },
];

/**
 * A denial (「未发生」「没有」「未收到」) and, within its clause, the cases it names: 复议, 诉讼, 申诉/举报/投诉,
 * 咨询, fees — each is none. The clause may name no number (「…行政复议0件」 is read as a figure).
 */
function noneCases(): Array<{ words: RegExp; paths: readonly string[] }> {
  const denial = '(?:未|没有|无|不存在)(?:发生|出现|收到|接到|产生|有)?(?:过)?';
  // Up to the clause's end, no punctuation and no number (a stated count is a figure, not a denial).
  const rest = '(?:(?!\\d|[零一二两三四五六七八九十]+[件起宗个次])[^,;:。])';
  // 「未产生…诉讼相关的费用支出」 denies costs, not cases.
  const notCosts = '(?![^,;:。]*(?:费用支出|相关的?费用|有关的?费用))';
  const cases: Array<[string, string, string]> = [
    ['复议', 'review.total', notCosts],
    ['诉讼', 'litigation.total', notCosts],
    ['申诉|举报|投诉', 'complaints', notCosts],
    ['咨询', 'consultations', notCosts],
    ['收费|费用', 'fees.collectedYuan', ''],
  ];
  return cases.map(([noun, path, not]) => ({
    words: new RegExp(`${denial}${not}${rest}{0,40}?(?:${noun})(?!支出)${rest}*(?=[,;:。]|$)`, 'u'),
    paths: [path],
  }));
}

/**
 * A section whose whole body says none (「无。」「无此情况。」「我镇2016年度无申请。」, said under the heading of
 * fees or of 复议 and 诉讼): every total of that section's topic is 0.
 */
export const NONE_BODY =
  /^(?:(?:本|我)[\u4e00-\u9fa5]{1,3}?)?(?:(?:\d{4}|[〇零一二三四五六七八九○]{4})年度?)?(?:无|没有|无此情况|无相关情况|本年度无|暂无)(?:申请|此类情况)?[。.]?$/u;

/** The sections of an old report by what their heading says (numbering and order vary). */
export const LEGACY_HEADINGS: ReadonlyArray<{ key: string; words: RegExp; topics?: readonly string[] }> = [
  { key: 'overview', words: /概述|概况|总体情况|基本情况/u },
  // Review and fees first: their headings also say 「公开申请」「依申请公开」.
  { key: 'reviewLitigation', words: /行政复议|行政诉讼|复议|诉讼/u, topics: ['review.total', 'litigation.total'] },
  { key: 'fees', words: /收费|减免/u, topics: ['fees.collectedYuan'] },
  { key: 'activeDisclosure', words: /主动公开/u },
  { key: 'applications', words: /依申请公开|申请公开|公开申请/u, topics: ['applications.received'] },
  { key: 'problems', words: /存在的(?:主要)?问题|问题和(?:不足|改进)|不足|改进措施/u },
  { key: 'otherMatters', words: /其他需要报告|其他事项/u },
];
