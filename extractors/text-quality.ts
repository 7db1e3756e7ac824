// Is a page's text layer usable, or should the page be OCR'd? Text layers fail in three ways:
// nothing there (a scan), private-use / control code points (fonts without a ToUnicode map),
// or valid-looking characters that are the wrong ones (a wrong map). The last is caught by
// familiarity: report text is made of a few hundred common characters and template words.
import { DEFAULT_EXTRACTOR_SETTINGS, type TextQualitySettings } from './settings.js';
import type { SourcePage } from './types.js';

export interface TextLayerAssessment {
  plausible: boolean;
  /** 0 (garbage or empty) … 1 (clean report text). */
  score: number;
  reason: string;
}

/** Words every 年报 template prints; a page of the report nearly always has some. */
const TEMPLATE_WORDS = [
  '政府信息',
  '信息公开',
  '年度报告',
  '主动公开',
  '申请',
  '公开',
  '政府',
  '行政',
  '情况',
  '总计',
  '复议',
  '诉讼',
  '本年',
  '处理',
  '决定',
  '工作',
  '问题',
  '改进',
  '规章',
  '规范性文件',
  '予以公开',
  '不予公开',
  '自然人',
  '法人',
  '其他',
  '结转',
  '办理',
  '收费',
  '许可',
  '处罚',
  '强制',
];

/**
 * Common characters of Chinese official prose: those of the seed report and of the most frequent
 * characters of modern Chinese. Wrongly mapped glyphs land anywhere in the ~20 000 CJK code points,
 * so only a few percent of them fall in this set; real text has most of its characters here.
 */
const COMMON =
  '开公政信息府作工的行一安经申请分年务局结平二理区情进机主其第况动时是制内提不众法数各及他部关容加要三项条本果度等和量发性人处了办正领更新复组强总件步规号在高力定导议保类于建全微程效方群大会业布有收四求计报形为供服依事好十构重题审查织用培训属确诉未体水深展市渠道过中职能万读门解以台改对五督促费无需维持按认实上相文完设范推入网站民便据障地共宣传视位现执问到立由室施应积极益或出员补考核六予期续存纠尚学习告贯彻落级善丰富式断常询获评明济例权资金日受商合序答参负责具社涉利措研版功充成下通专质增识与止决单之科律转国密护后当逾再继讼够送起限证准健照委署真精神面升多种率运咨均得努透履财点域态营放电课堂示讯余最阅超省闻媒官严格承管牵头小党回切互交流广间策目录修指南如何详细究融熟练模块并将同监司畅联络召素意验缺漏挥根压战废章许可罚八额元列勾稽系自然企只记这家禁危稳案卷掌握没另仍访举投物已取知缴纳七直接还些距离敏感而且察检讲整华干长' +
  '我这个们来到说就也着那你么她很看起把好还想都没样只从又能己心天子去道对里后以过时家得下自而方前所手么什话心现两已地见种老面全表间走问又意情口气开给看向把因路头进行已同多经些么正新月打色接比象美定知本像当处想长再十被现活与意明题加度次件期向正使利外品合从实使产心世战月头样前物公相明应第用着由手理位入教声反光法理主产部好门机重路问气点名问力次公路山题性先又第作所把没想都没样实年制给看马决神白保线点做果文安常少提活定女给手代体放表期水物动问只性量少';

const COMMON_SET = new Set(Array.from(COMMON));

const isCjk = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
/** Kangxi / CJK radicals: some fonts map ideographs to these look-alikes (layout maps them back). */
const isRadical = (c: number) => c >= 0x2e80 && c <= 0x2fdf;
const isCjkPunct = (c: number) =>
  (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x2027);
const isAsciiWordy = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiOther = (c: number) => c >= 0x21 && c <= 0x7e && !isAsciiWordy(c);
const isBad = (c: number) =>
  (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c < 0x20 || (c >= 0x7f && c <= 0x9f) || c >= 0xf0000;

/** Is the page's text layer report text? Thresholds: `textQuality` settings (extractors/settings.ts). */
export function assessTextLayer(
  page: SourcePage,
  s: TextQualitySettings = DEFAULT_EXTRACTOR_SETTINGS.textQuality,
): TextLayerAssessment {
  const text = page.runs
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, '');
  const chars = Array.from(text);
  const n = chars.length;
  if (n === 0) return { plausible: false, score: 0, reason: 'no text layer' };
  let cjk = 0;
  let familiar = 0;
  let punct = 0;
  let wordy = 0;
  let asciiOther = 0;
  let bad = 0;
  for (const ch of chars) {
    const c = ch.codePointAt(0)!;
    if (isCjk(c)) {
      cjk++;
      if (COMMON_SET.has(ch)) familiar++;
    } else if (isRadical(c)) {
      cjk++;
      familiar++;
    } else if (isCjkPunct(c)) punct++;
    else if (isAsciiWordy(c)) wordy++;
    else if (isAsciiOther(c)) asciiOther++;
    else if (isBad(c)) bad++;
  }
  const hits = TEMPLATE_WORDS.filter((w) => text.includes(w)).length;
  const badShare = bad / n;
  const cjkShare = cjk / n;
  const familiarity = cjk ? familiar / cjk : 0;
  const validShare = (cjk + punct + wordy + 0.5 * asciiOther) / n;
  const score = clamp01(validShare * (0.2 + 0.8 * familiarity) + Math.min(hits, 5) * 0.04 - 2 * badShare);
  const facts = `${n} chars, CJK ${pct(cjkShare)}, familiar ${pct(familiarity)}, private-use/control ${pct(badShare)}, template words ${hits}`;
  if (n < s.minChars && hits === 0) return { plausible: false, score, reason: `almost no text (${facts})` };
  if (badShare >= s.maxBadShare) return { plausible: false, score, reason: `undecodable characters (${facts})` };
  if (hits >= s.reportWords && familiarity >= s.reportFamiliarity)
    return { plausible: true, score, reason: `report text (${facts})` };
  if (cjkShare >= s.chineseCjkShare && familiarity >= s.chineseFamiliarity)
    return { plausible: true, score, reason: `Chinese text (${facts})` };
  if (cjkShare < s.chineseCjkShare && asciiOther > wordy)
    return { plausible: false, score, reason: `symbol soup (${facts})` };
  if (cjk > 0 && familiarity < s.chineseFamiliarity)
    return { plausible: false, score, reason: `unfamiliar characters, likely a wrong font map (${facts})` };
  // Mostly Latin letters and digits with no report words: not what a 年报 page contains.
  return { plausible: hits > 0, score, reason: `${hits > 0 ? 'some' : 'no'} report text (${facts})` };
}

/**
 * Can a page's text layer be read as it stands — report text, Chinese text, or prose in Latin letters
 * (settings prose*) — so that OCR would tell nothing new about what the page says?
 */
export function readableText(
  page: SourcePage,
  s: TextQualitySettings = DEFAULT_EXTRACTOR_SETTINGS.textQuality,
): boolean {
  return assessTextLayer(page, s).plausible || latinProse(page.runs.map((r) => r.text).join(' '), s);
}

function latinProse(text: string, s: TextQualitySettings): boolean {
  const words = text.match(/[A-Za-z]+/g) ?? [];
  const letters = words.join('');
  if (letters.length < s.proseMinLetters) return false;
  if (letters.length < s.proseLetterShare * text.replace(/\s+/g, '').length) return false;
  const vowels = (letters.match(/[aeiouy]/gi) ?? []).length / letters.length;
  return vowels >= s.proseVowelMin && vowels <= s.proseVowelMax;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const pct = (x: number) => `${Math.round(x * 100)}%`;
