// Which national template the report follows: the column heads of table 二 tell, else the year.
import type { Template } from '../schema/record.js';
import { squash } from '../text/normalize.js';

export function detectTemplate(activeDisclosureText: string, applicationsText: string, year: number | null): Template | null {
  const t2 = squash(activeDisclosureText);
  const t3 = squash(applicationsText);
  if (/本年制发件数|现行有效件数|本年处理决定数量|本年收费金额/u.test(t2)) return '2021';
  if (/本年新制作数量|本年新公开数量|上一年项目数量|对外公开总数量|政府集中采购/u.test(t2)) return '2019';
  if (/逾期不补正|收费通知/u.test(t3)) return '2021';
  if (year !== null) return year >= 2021 ? '2021' : '2019';
  return null;
}
