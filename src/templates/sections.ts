// The six section headings as both forms print them (reports vary the wording; src/sections matches loosely).
import type { SectionKeyName } from './types.js';

export const SECTION_HEADINGS: Readonly<Record<SectionKeyName, string>> = {
  overview: '一、总体情况',
  activeDisclosure: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
};
