// Fonts' ToUnicode maps often send common characters to radical code points (「⼈」 U+2F08 for 人,
// 「⺠」 U+2EA0 for 民): text would look right and match nothing. Map them back to the ideographs.

/** CJK Radicals Supplement forms that stand for an ordinary character (NFKC leaves these alone). */
const SUPPLEMENT: Record<string, string> = {
  '⺁': '厂', '⺅': '亻', '⺆': '冂', '⺉': '刂', '⺊': '卜', '⺋': '卩', '⺌': '小', '⺍': '小', '⺎': '兀',
  '⺐': '尢', '⺒': '巳', '⺓': '幺', '⺔': '彐', '⺖': '忄', '⺗': '心', '⺘': '扌', '⺙': '攵', '⺛': '旡',
  '⺜': '日', '⺝': '月', '⺟': '母', '⺠': '民', '⺡': '氵', '⺢': '氺', '⺣': '灬', '⺤': '爫', '⺥': '爫',
  '⺦': '丬', '⺧': '牛', '⺨': '犭', '⺩': '王', '⺪': '疋', '⺫': '目', '⺬': '示', '⺭': '礻', '⺮': '竹',
  '⺯': '糸', '⺰': '纟', '⺱': '网', '⺲': '罒', '⺳': '罓', '⺴': '罒', '⺵': '网', '⺶': '羊', '⺷': '羊',
  '⺹': '耂', '⺺': '肀', '⺻': '聿', '⺼': '月', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎',
  '⻂': '衤', '⻃': '覀', '⻄': '西', '⻅': '见', '⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻊': '足',
  '⻋': '车', '⻌': '辶', '⻍': '辶', '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长',
  '⻔': '门', '⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食',
  '⻞': '食', '⻟': '食', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤',
  '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟',
};

const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/gu;

export function normalizeGlyphs(text: string): string {
  if (!RADICAL.test(text)) return text;
  RADICAL.lastIndex = 0;
  // Kangxi Radicals (U+2F00–U+2FDF) have NFKC equivalents; the supplement needs the table.
  return text.replace(RADICAL, (c) => SUPPLEMENT[c] ?? c.normalize('NFKC'));
}
