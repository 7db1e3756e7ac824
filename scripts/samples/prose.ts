// Running text for the prose sections, in the register of real 年报. Picked with the sample's PRNG;
// figures quoted in the text come from the sample's own tables, as in real reports.
import type { Rng } from './prng.js';

export interface ProseFacts {
  agency: string;
  year: number;
  newReceived: number;
  carriedOver: number;
  granted: number;
  carriedForward: number;
}

export interface ProseBlock {
  /** A sub-heading like 「（一）主动公开情况」, or null for plain paragraphs. */
  heading: string | null;
  paragraphs: string[];
}

const OVERVIEW: ((f: ProseFacts, rng: Rng) => ProseBlock)[] = [
  (f, rng) => ({
    heading: '（一）主动公开情况',
    paragraphs: [
      `${f.year}年，${f.agency}坚持以公开为常态、不公开为例外，围绕中心工作和群众关切，持续加大主动公开力度。全年通过政府门户网站主动公开各类政府信息${rng.int(300, 4800)}条，其中政策文件${rng.int(12, 90)}条、工作动态${rng.int(100, 900)}条、人事信息${rng.int(5, 60)}条，财政预决算、“三公”经费等信息均按要求及时公开。`,
      `围绕重大政策出台，坚持政策文件与解读材料同步组织、同步审签、同步发布，采用图文、视频、问答等多种形式开展政策解读${rng.int(8, 60)}篇，切实提高政策知晓度。`,
    ],
  }),
  (f) => ({
    heading: '（二）依申请公开情况',
    paragraphs: [
      `${f.year}年，${f.agency}共新收政府信息公开申请${f.newReceived}件，上年结转${f.carriedOver}件。已办结的申请中，予以公开${f.granted}件，其余按照《中华人民共和国政府信息公开条例》相关规定依法作出答复；结转下年度继续办理${f.carriedForward}件。全年依申请公开工作未收取任何费用。`,
    ],
  }),
  () => ({
    heading: '（三）政府信息管理情况',
    paragraphs: [
      `严格落实公开前保密审查制度，按照“谁公开、谁审查、谁负责”的原则，对拟公开的政府信息逐条审核，防止泄密和侵犯个人隐私。动态调整主动公开基本目录，及时更新政府信息公开指南，对照规范性文件清理结果，在网站集中公开现行有效文件并标注有效性。`,
    ],
  }),
  (f, rng) => ({
    heading: '（四）政府信息公开平台建设情况',
    paragraphs: [
      `发挥政府门户网站第一平台作用，优化信息公开专栏设置，规范栏目名称和内容分类。同步运用政务新媒体发布政务信息${rng.int(200, 1600)}条，政务服务便民热线全年受理群众诉求${rng.int(300, 9000)}件，办结率保持在较高水平。`,
    ],
  }),
  () => ({
    heading: '（五）监督保障情况',
    paragraphs: [
      `调整充实政务公开工作领导小组，明确分管领导和专职人员，将政务公开工作纳入年度绩效考核。组织开展政务公开业务培训，邀请专家解读条例要求，全年未发生因政府信息公开工作引发的责任追究事项。`,
    ],
  }),
];

const PROBLEMS: string[] = [
  '（一）存在的问题。一是政策解读形式还不够丰富，图解、视频等群众喜闻乐见的解读方式运用不多；二是部分栏目信息更新不够及时，个别信息发布不够规范；三是工作人员业务能力有待进一步提升。',
  '（二）改进措施。一是丰富解读形式，提高图文、视频解读比例，增强政策解读的针对性和可读性；二是加强栏目日常巡查，建立信息更新台账，确保信息发布及时准确；三是加强业务培训，提升工作人员依法公开的意识和能力。',
];

const OTHER_MATTERS: string[][] = [
  ['本年度未收取信息处理费。'],
  ['依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。', '本机关政务公开年度工作要点各项任务均已按要求落实。'],
  ['无。'],
];

export function overviewBlocks(f: ProseFacts, rng: Rng, count: number): ProseBlock[] {
  const intro: ProseBlock = {
    heading: null,
    paragraphs: [
      `${f.year}年，${f.agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求，以提升公开质量为目标，不断推进决策、执行、管理、服务、结果公开，政府信息公开工作取得积极成效。现将本年度政府信息公开工作情况报告如下。`,
    ],
  };
  return [intro, ...OVERVIEW.slice(0, count).map((make) => make(f, rng))];
}

export const problemParagraphs = (): string[] => PROBLEMS;
export const otherMatterParagraphs = (rng: Rng): string[] => rng.pick(OTHER_MATTERS);
