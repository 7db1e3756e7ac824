// The columns of tables 三 and 四 as the national forms print them.
import type { ApplicantColumn, ReviewColumn } from './record.js';

export const APPLICANT_LABELS: Readonly<Record<string, string>> = {
  naturalPerson: '自然人',
  commercialEnterprise: '商业企业',
  researchInstitution: '科研机构',
  socialWelfareOrg: '社会公益组织',
  legalServiceOrg: '法律服务机构',
  otherOrg: '其他',
  total: '总计',
} satisfies Record<ApplicantColumn, string>;

export const REVIEW_LABELS: Readonly<Record<string, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
} satisfies Record<ReviewColumn, string>;
