// The agency's pairing key: one name for one body across years, however it printed its name.
// 「淮安市洪泽区人民政府」 one year and 「洪泽区人民政府」 the next are the same agency.
import { squash } from './normalize.js';

/** Brackets an agency line is often wrapped in (「（洪泽区人民政府）」), full- and half-width. */
const BRACKETS = /[()（）[\]【】〔〕〖〗<>《》「」『』]/gu;

/**
 * A leading higher region: a province (省, 自治区) or a prefecture-level unit (市, 自治州, 盟, 地区)
 * that is followed by a lower one (区, 县, 市, 旗) which itself names more than a bare place.
 * 「淮安市人民政府」 or 「淮安市市场监督管理局」 keep their 市: nothing lower follows it.
 */
const HIGHER_REGION =
  /^(\p{Script=Han}{1,7}?(?:省|自治区|特别行政区|自治州|市|盟|地区))(?=\p{Script=Han}{1,8}?(?:区|县|市|旗)\p{Script=Han}{2,})/u;

export interface AgencyKey {
  /** The agency normalised for pairing years: spaces and brackets removed, higher regions dropped. */
  key: string;
  /** How `key` was formed from the printed name, for a reader. */
  from: string;
}

/** The pairing key of a printed agency name (see record.md, `agencyKey`). */
export function agencyKeyOf(printed: string): AgencyKey {
  const steps: string[] = [];
  let key = squash(printed);
  if (/\s/u.test(printed)) steps.push('spaces removed');
  const unbracketed = key.replace(BRACKETS, '');
  if (unbracketed !== key) steps.push('brackets removed');
  key = unbracketed;
  const dropped: string[] = [];
  for (let m = HIGHER_REGION.exec(key); m; m = HIGHER_REGION.exec(key)) {
    dropped.push(m[1]);
    key = key.slice(m[1].length);
  }
  if (dropped.length) steps.push(`higher region 「${dropped.join('')}」 dropped`);
  return { key, from: `「${printed}」${steps.length ? `: ${steps.join(', ')}` : ' as printed'}` };
}

/** Just the key (cross-year pairing of stored records, which keep only the printed name). */
export const agencyKey = (printed: string): string => agencyKeyOf(printed).key;
