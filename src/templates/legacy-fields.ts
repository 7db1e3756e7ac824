// The figures of a report for 2008–2018 (template "2008", record.md schemaVersion 3) as data: every
import { TEMPLATE_IDS, type TemplateId } from './types.js';
// leaf of the record's `legacy` object with the name reports give it. The zod schema
// (src/schema/legacy.ts) spells the same fields out; tests/legacy-schema.test.ts holds them equal.

/** The record's template id for reports for 2008–2018 that state their figures in prose or the old 统计表. */
export const LEGACY_TEMPLATE = '2008' as const;

/** The first and last reporting years of the old reports (《条例》2007 in force 2008-05-01; the 2019 form after). */
export const LEGACY_YEARS = { first: 2008, last: 2018 } as const;

/** One figure of the legacy object: its path under `legacy.` and what it counts, as reports name it. */
export interface LegacyFieldSpec {
  path: string;
  name: string;
  /** 'count' (件/条/起), 'yuan' (an amount converted to yuan). */
  unit: 'count' | 'yuan';
}

const f = (path: string, name: string, unit: 'count' | 'yuan' = 'count'): LegacyFieldSpec => ({ path, name, unit });

/** Every leaf of `legacy`, in the order of record.md. */
export const LEGACY_FIELDS: readonly LegacyFieldSpec[] = [
  f('activeDisclosure.items', '主动公开政府信息数'),
  f('activeDisclosure.normativeDocuments', '其中主动公开规范性文件数'),
  f('activeDisclosure.normativeDocumentsIssued', '制发规范性文件总数'),
  f('applications.received', '收到申请数'),
  f('applications.byChannel.inPerson', '当面申请数'),
  f('applications.byChannel.online', '网上申请数'),
  f('applications.byChannel.email', '电子邮件申请数'),
  f('applications.byChannel.letter', '信函申请数'),
  f('applications.byChannel.fax', '传真申请数'),
  f('applications.byChannel.phone', '电话申请数'),
  f('applications.byChannel.other', '其他形式申请数'),
  f('applications.byApplicant.naturalPerson', '公民申请数'),
  f('applications.byApplicant.legalPerson', '法人和其他组织申请数'),
  f('applications.completed', '申请办结数'),
  f('applications.completedOnTime', '按时办结数'),
  f('applications.completedExtended', '延期办结数'),
  f('applications.answered', '申请答复数'),
  f('applications.results.alreadyPublic', '属于已主动公开范围数'),
  f('applications.results.granted', '同意公开答复数'),
  f('applications.results.partiallyGranted', '同意部分公开答复数'),
  f('applications.results.refused', '不同意公开答复数'),
  f('applications.results.notThisAgency', '不属于本行政机关公开数'),
  f('applications.results.notExist', '申请信息不存在数'),
  f('applications.results.clarification', '告知作出更改补充数'),
  f('applications.results.otherChannel', '告知通过其他途径办理数'),
  f('applications.results.other', '其他答复数'),
  f('applications.refusedReasons.stateSecret', '涉及国家秘密'),
  f('applications.refusedReasons.commercialSecret', '涉及商业秘密'),
  f('applications.refusedReasons.privacy', '涉及个人隐私'),
  f('applications.refusedReasons.security', '危及国家安全、公共安全、经济安全和社会稳定'),
  f('applications.refusedReasons.notGovernmentInformation', '不是《条例》所指政府信息'),
  f('applications.refusedReasons.otherLaw', '法律法规规定的其他情形'),
  f('applications.refusedReasons.process', '过程性信息'),
  f('fees.collectedYuan', '依申请公开信息收取的费用', 'yuan'),
  f('fees.waivedYuan', '依申请公开信息减免的费用', 'yuan'),
  f('review.total', '行政复议数量'),
  f('review.upheld', '维持具体行政行为数'),
  f('review.corrected', '被依法纠错数'),
  f('review.other', '其他情形数'),
  f('litigation.total', '行政诉讼数量'),
  f('litigation.upheld', '维持具体行政行为或者驳回原告诉讼请求数'),
  f('litigation.corrected', '被依法纠错数'),
  f('litigation.other', '其他情形数'),
  f('complaints', '举报投诉数量'),
  f('consultations', '咨询数量'),
];

/** Every leaf path under `legacy.` in record order. */
export const LEGACY_PATHS: readonly string[] = LEGACY_FIELDS.map((x) => x.path);

/** Is `t` one of the national forms (2019, 2021), whose tables 二/三/四 the record holds? */
export const isNationalTemplate = (t: string | null | undefined): t is TemplateId =>
  (TEMPLATE_IDS as readonly string[]).includes(t ?? '');
