// Check and warning messages in Chinese and English. The English is the record's own message; the
// Chinese is composed from the check's id and its numbers (the record carries no Chinese text).
import type { WarningCode } from '../../core/warnings.js';
import type { Check, Warning } from '../schema/record.js';
import type { Finding } from '../findings/findings.js';
import {
  columnName as columnLabel,
  rowName as rowLabel,
  SECTION_HEADINGS,
  type SectionKeyName,
} from '../templates/index.js';

export interface Bilingual {
  zh: string;
  en: string;
}

const blanksNote = (c: Check) =>
  c.blanksAsZero ? { zh: '（空白格按 0 计）', en: ' (blank cells counted as 0)' } : { zh: '', en: '' };

export function checkMessage(c: Check): Bilingual {
  const [kind, arg = ''] = splitId(c.id);
  const e = c.expected;
  const a = c.actual;
  const note = blanksNote(c);
  const en = c.message + note.en;
  let zh: string;
  if (c.totalBlank && !c.passed) return { zh: blankTotalZh(kind, arg, a), en };
  switch (kind) {
    case 'rowTotal':
      zh = `「${rowLabel(arg)}」行：总计印为 ${e}，六类申请人之和为 ${a}`;
      break;
    case 'resultsTotal':
      zh = `「${columnLabel(arg)}」列：${rowLabel('applications.results.total')}印为 ${e}，各项办理结果之和为 ${a}`;
      break;
    case 'balance':
      zh = `「${columnLabel(arg)}」列：新收 + 上年结转 = ${e}，而办理结果总计 + 结转下年度 = ${a}`;
      break;
    case 'textTable':
      // The record's message says when the table's cells were all printed blank.
      zh = `「${cellLabel(arg)}」：正文称 ${a}，${!c.passed && c.message.includes('the table left it blank') ? '表中未填写' : `表中为 ${e}`}`;
      break;
    case 'groupTotal':
      zh = `「${rowLabel(arg)}」：总计印为 ${e}，维持 + 纠正 + 其他 + 尚未审结 = ${a}`;
      break;
    default:
      zh =
        e !== undefined && a !== undefined
          ? `勾稽关系「${c.id}」不符：应为 ${e}，实为 ${a}`
          : `勾稽关系「${c.id}」不符`;
  }
  return { zh: (c.passed ? '通过：' : '') + zh + note.zh, en };
}

/** A cell path's printed name: 「row」·「column」. */
function cellLabel(path: string): string {
  const dot = path.lastIndexOf('.');
  return `${rowLabel(path.slice(0, dot))}」·「${columnLabel(path.slice(dot + 1))}`;
}

/** A total left blank: 「总计栏未填写」, never "printed 0". */
function blankTotalZh(kind: string, arg: string, parts: number | undefined): string {
  const sum = parts === undefined ? '' : `，而各项之和为 ${parts}`;
  if (kind === 'resultsTotal')
    return `「${columnLabel(arg)}」列：${rowLabel('applications.results.total')}栏未填写${sum}`;
  if (kind === 'rowTotal' || kind === 'groupTotal') return `「${rowLabel(arg)}」：总计栏未填写${sum}`;
  return `勾稽关系「${kind}」：总计栏未填写${sum}`;
}

/**
 * A finding's message: a failed check's own, or for totals left blank in one column of a table one
 * message for all its rows ("总计 column left blank on 12 rows").
 */
export function findingMessage(f: Finding): Bilingual {
  if (f.kind === 'check') return checkMessage(f.checks[0]);
  const col = columnLabel(f.column);
  const n = f.rows.length;
  const MAX_NAMED = 4;
  const named = f.rows.slice(0, MAX_NAMED).map((r) => rowLabel(`${f.table}.${r}`));
  const rows = named.join('、') + (n > MAX_NAMED ? ` 等 ${n} 行` : '');
  return {
    zh: `${tableName(f.table)}「${col}」栏未填写：${n} 行的总计栏空白，而其各项不全为空或 0（${rows}）`,
    en: `${f.table}: ${col} column left blank on ${n} row${n === 1 ? '' : 's'} whose parts are filled in (the total was left blank, not printed 0): ${f.rows.slice(0, MAX_NAMED).join(', ')}${n > MAX_NAMED ? ', …' : ''}`,
  };
}

function splitId(id: string): [string, string] {
  const at = id.indexOf(':');
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}

/** The Chinese of every warning code: tsc fails when a code of WARNING_CODES has none. */
const WARNING_ZH: Record<WarningCode, (w: Warning) => string> = {
  'column-uncertain': (w) => `${where(w)}印出的数字少于（或多于）列数，所在列为推测`,
  'unmatched-row': (w) => `${where(w)}有一行的标签与模板各行都对不上，其数字未采用`,
  'blank-row': (w) => `${where(w)}该行未印任何数字，全部记为空`,
  'missing-row': (w) => `${where(w)}未找到该行`,
  'missing-section': (w) => `未找到「${sectionHeading(w.path)}」这一部分的标题`,
  'title-not-found': () => '在「一、总体情况」之前未找到报告标题',
  'template-unknown': () => '无法判断所用模板（2019 或 2021 版）',
  'low-confidence': (w) => `${where(w)}OCR 识别置信度偏低，请核对`,
  'amount-unit-assumed': () => '表二：采购总金额未印单位，按「元」计',
  'label-uncertain': (w) => `${where(w)}行标签与模板相似度不高，可能对应错行`,
  'row-inferred': (w) => `${where(w)}该行标签无法辨认，按模板行序推定为此行，勾稽关系未能证实`,
  'stacked-value': (w) => `${where(w)}单元格下方另有一行数字（窄格内折行的数字或丢失标签的一行），请核对`,
  'cell-unreadable': (w) => `${where(w)}数字格中识别出非数字，按空记录，请核对`,
  implausible: (w) => `${where(w)}各列数字的大小关系与该行各列的定义不符（英文说明哪几列），请核对`,
  'image-ignored': (w) => `${where(w)}Markdown 中的图片未读取；若图片是表格，其数字缺失`,
  'invariant-repaired': (w) => `${where(w)}程序内部错误：该项未能可靠读出，已留空，请核对原文并报告此问题`,
  'correction-not-applied': (w) => `${where(w)}更正未采用：本报告没有这一格（该行或该表未印出）`,
  'not-stated': (w) =>
    `报告未说明以下数字：${[w.path, ...(w.paths ?? [])].filter((p, k, a) => p && a.indexOf(p) === k).length} 项（见英文说明）`,
  approximate: (w) => `${where(w)}报告只给出约数（约/余/多），未采用`,
  'figure-ambiguous': (w) => `${where(w)}报告对同一数字有不同说法，未采用，请核对`,
  'agency-not-found': () => '在标题处和落款处均未找到发布机关',
  'year-not-found': () => '在标题和「一、总体情况」中均未找到报告年度',
  'ocr-text': (w) =>
    `${w.path === 'agency' ? '发布机关' : '报告标题'}系 OCR 从图像识别${w.page ? `（第 ${w.page} 页）` : ''}，请核对文字`,
  'table-not-read': (w) => `${where(w)}未能读出该表（标题下未找到表格的行，或模板不明而无法确定列），记为空`,
  'table-incomplete': (w) => `${where(w)}读出的内容太少，不足以构成该表，记为空`,
  'column-inferred': (w) => `${where(w)}印出的数字少于列数，空白格所在列按数字的位置推定`,
  unreadable: (w) => `${where(w)}此处所印内容无法读取（位置或数值损坏），已略去`,
  'invalid-bytes': (w) =>
    `${w.path === 'title' ? '报告标题' : w.path === 'agency' ? '发布机关' : '网页'}中有字节不符合其字符编码，` +
    '已如浏览器一样显示为「�」（位置见英文说明），该处文字或数字可能受损，请核对',
  'agency-prefix-dropped': () => '发布机关名称前印有不属于任何地名的文字（如镜像网站插入的字样），已略去，请核对',
  'agency-from-page': () => '报告的标题和落款均未写明发布机关，此处取自网页上的「发布机构／来源」栏，请核对',
  'damaged-file': () => '文件已损坏（其目录结构受损），正文经校验完整并已读取，建议向发布机关索取完好文件',
  'damaged-page': () => '扫描件有一页已损坏，无法解码，未能读取（见英文说明中的页码），请核对原件',
  'charset-mismatch': () => '网页声明的字符编码与其内容不符，已按能正确解码的编码读取，请核对文字',
};

function where(w: Warning): string {
  if (!w.path) return '';
  const parts = w.path.split('.');
  if (parts.length === 1) return `${tableName(parts[0])}：`;
  // A cell path (ends in a column) or a row path.
  const last = parts[parts.length - 1];
  const isColumn = columnLabel(last) !== last;
  return isColumn
    ? `「${rowLabel(parts.slice(0, -1).join('.'))}」·「${columnLabel(last)}」：`
    : `「${rowLabel(w.path)}」：`;
}

function sectionHeading(path: string | undefined): string {
  const key = (path ?? '').replace(/^sections\./, '');
  return SECTION_HEADINGS[key as SectionKeyName] ?? key;
}

function tableName(t: string): string {
  return t === 'activeDisclosure'
    ? '表二'
    : t === 'applications'
      ? '表三'
      : t === 'reviewLitigation'
        ? '表四'
        : t === 'legacy'
          ? '年报数据'
          : t;
}

export function warningMessage(w: Warning): Bilingual {
  const zh = WARNING_ZH[w.code]?.(w) ?? `提示（${w.code}），见英文`;
  return { zh, en: w.message };
}
