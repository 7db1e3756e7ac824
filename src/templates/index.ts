/**
 * The national templates of the 年报 (国办公开办函〔2019〕60号 and 〔2021〕30号) as data: the one place
 * that knows what the forms print. Tables 二/三/四 (rows, printed labels and their known variants,
 * numbering, columns and units), the section headings, and the arithmetic between cells. The table
 * parsers, checks, cross-year checks, review page, CSV and the sample generator all read from here;
 * tests/templates.test.ts holds them to it. See docs/architecture.md for how to add a variant.
 */
import { ACTIVE_DISCLOSURE_2019, ACTIVE_DISCLOSURE_2021 } from './active-disclosure.js';
import { applicationRows } from './labels.js';
import { RELATIONS } from './relations.js';
import { REVIEW_GROUP_SPECS } from './review-litigation.js';
import { SECTION_HEADINGS } from './sections.js';
import type { TemplateId, TemplateSpec } from './types.js';

export * from './types.js';
export * from './columns.js';
export * from './applications.js';
export * from './active-disclosure.js';
export * from './review-litigation.js';
export * from './relations.js';
export * from './sections.js';
export * from './labels.js';
export * from './printed.js';
export * from './cells.js';
export * from './series.js';
export * from './legacy-fields.js';
export * from './legacy-table.js';
export * from './legacy-phrases.js';

/** The 2021 form (国办公开办函〔2021〕30号), in use for reports on 2021 and later. */
export const TEMPLATE_2021: TemplateSpec = {
  id: '2021',
  source: '国办公开办函〔2021〕30号',
  headings: SECTION_HEADINGS,
  activeDisclosure: ACTIVE_DISCLOSURE_2021,
  applications: applicationRows('2021'),
  reviewLitigation: REVIEW_GROUP_SPECS,
  relations: RELATIONS,
  markers: {
    activeDisclosure: ['本年制发件数', '现行有效件数', '本年处理决定数量', '本年收费金额'],
    applications: ['逾期不补正', '收费通知'],
  },
};

/** The 2019 form (国办公开办函〔2019〕60号), used for reports on 2019 and 2020. */
export const TEMPLATE_2019: TemplateSpec = {
  id: '2019',
  source: '国办公开办函〔2019〕60号',
  headings: SECTION_HEADINGS,
  activeDisclosure: ACTIVE_DISCLOSURE_2019,
  applications: applicationRows('2019'),
  reviewLitigation: REVIEW_GROUP_SPECS,
  relations: RELATIONS,
  markers: {
    activeDisclosure: ['本年新制作数量', '本年新公开数量', '上一年项目数量', '对外公开总数量', '政府集中采购'],
    applications: [],
  },
};

/** Every template by id. */
export const TEMPLATES: Readonly<Record<TemplateId, TemplateSpec>> = { '2021': TEMPLATE_2021, '2019': TEMPLATE_2019 };

/** The first year whose reports use the 2021 form (when nothing printed tells). */
export const FIRST_YEAR_OF_2021_FORM = 2021;
