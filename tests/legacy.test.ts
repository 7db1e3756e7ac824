// Reports for 2008–2018 (template "2008"): the generated samples in samples/legacy (scripts/samples/
// legacy.ts, seed 45: every phrasing class, a tiny report, a 统计表, traditional script) read in each
// format to the same expected figures, with the invariant kept; then the outputs that read records.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completenessViolations } from '../src/checks/completeness.js';
import { compareReports } from '../src/compare/compare.js';
import { extractReport } from '../src/index.js';
import { recordCells } from '../src/output/cells.js';
import { toCsv } from '../src/output/csv.js';
import { buildReview } from '../src/review/review.js';
import { getPath } from '../src/schema/paths.js';
import type { Report } from '../src/schema/record.js';
import { LEGACY_PATHS } from '../src/templates/index.js';

const dir = path.resolve(__dirname, '../samples/legacy');
const expectedOf = (name: string) => JSON.parse(readFileSync(path.join(dir, `${name}.legacy.json`), 'utf8'));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.legacy.json'))
  .map((f) => f.replace('.legacy.json', ''))
  .sort();
const enc = (s: string) => new TextEncoder().encode(s);

/** The figures of a record as a flat path → value map (absent figures left out). */
const figures = (r: Report) =>
  Object.fromEntries(LEGACY_PATHS.map((p) => [p, getPath(r.legacy, p)]).filter(([, v]) => v !== undefined));

describe('generated legacy reports, every format', () => {
  const files = readdirSync(dir).filter((f) => !f.endsWith('.json'));
  it.each(files)('%s gives its expected record', async (file) => {
    const e = expectedOf(file.replace(/\.[a-z]+$/u, ''));
    const r = await extractReport(path.join(dir, file), { ocr: false });
    expect([r.template, r.year, r.agency, r.title]).toEqual(['2008', e.year, e.agency, e.title]);
    expect(figures(r)).toEqual(e.legacy);
    expect(completenessViolations(r)).toEqual([]);
    expect(r.applications).toBeNull();
    // A figure from prose points at its words; one never stated is named by the not-stated warning.
    for (const [p, prov] of Object.entries(r.provenance)) {
      if (prov.section)
        expect(r.sections.find((s) => s.key === prov.section)!.text.slice(prov.start, prov.end)).toBe(prov.text);
      expect(p.startsWith('legacy.')).toBe(true);
    }
    const notStated = r.warnings.find((w) => w.code === 'not-stated')?.paths ?? [];
    expect(notStated.every((p) => getPath(r, p) === undefined)).toBe(true);
  });
  expect(names.length).toBe(8);
});

describe('prose phrasing', () => {
  const report = (body: string, title = '青山区人民政府2013年政府信息公开工作年度报告') =>
    extractReport(enc(`${title}\n\n${body}\n`), { path: 'x.txt' });

  it('takes none-statements as 0, leaves approximations out with a warning, skips other years and 信访', async () => {
    const r = await report(
      '一、概述\n全年主动公开政府信息约300条。\n三、依申请公开情况\n全年共受理政府信息公开申请一百零五件，比上年增加12件。2012年受理申请93件。另受理信访件8件。\n五、行政复议和行政诉讼情况\n未发生因政府信息公开引起的行政复议、行政诉讼。',
    );
    expect(figures(r)).toEqual({ 'applications.received': 105, 'review.total': 0, 'litigation.total': 0 });
    expect(r.provenance['legacy.review.total'].text).toBe('未发生因政府信息公开引起的行政复议、行政诉讼');
    expect(r.warnings.find((w) => w.code === 'approximate')).toMatchObject({ path: 'legacy.activeDisclosure.items' });
  });

  it('one number for 行政复议 and 行政诉讼 together: 0 or 「各N件」 is each’s, another count neither’s', async () => {
    const zero = await report(
      '一、依申请公开情况\n全年共受理政府信息公开申请12件。\n二、行政复议和行政诉讼情况\n全年因政府信息公开被申请行政复议、提起行政诉讼的案件0件。',
    );
    expect(figures(zero)).toEqual({ 'applications.received': 12, 'review.total': 0, 'litigation.total': 0 });
    expect(zero.provenance['legacy.litigation.total'].text).toBe(zero.provenance['legacy.review.total'].text);
    const each = await report(
      '一、依申请公开情况\n全年共受理政府信息公开申请12件。\n二、行政复议和行政诉讼情况\n发生行政复议和行政诉讼案件各1件。',
    );
    expect(figures(each)).toEqual({ 'applications.received': 12, 'review.total': 1, 'litigation.total': 1 });
    const joint = await report(
      '一、依申请公开情况\n全年共受理政府信息公开申请12件。\n二、行政复议和行政诉讼情况\n全年被申请行政复议、提起行政诉讼的案件3件。',
    );
    expect(figures(joint)).toEqual({ 'applications.received': 12 });
    const notStated = joint.warnings.find((w) => w.code === 'not-stated')!;
    expect(notStated.paths).toEqual(expect.arrayContaining(['legacy.review.total', 'legacy.litigation.total']));
    expect(notStated.message).toContain('not taken: 「全年被申请行政复议、提起行政诉讼的案件3件」');
  });

  it('takes no number whose phrase is inside a document title (「《政府信息主动公开制度》等九项制度」)', async () => {
    const r = await report(
      '一、概述\n我们完善了《政府信息主动公开制度》、《政府信息依申请公开制度》等九项制度。全年主动公开政府信息42条。',
    );
    expect(figures(r)).toEqual({ 'activeDisclosure.items': 42 });
  });

  it('reads an untitled page that calls itself 「本年报」', async () => {
    const r = await extractReport(
      enc(
        '编注：本年报根据《中华人民共和国政府信息公开条例》，由西山县人民政府办公室编制。本年报中所列数据的统计期限自2011年1月1日，至2011年12月31日止。\n一、概述\n全年主动公开政府信息30条。\n',
      ),
      { path: 'x.txt' },
    );
    expect([r.year, r.template, r.agency]).toEqual([2011, '2008', '西山县人民政府办公室']);
    expect(figures(r)).toEqual({ 'activeDisclosure.items': 30 });
  });

  it('reads an untitled body that opens with 「一、概述」 of the year’s 政府信息公开 work, or says 「现将…报告如下」', async () => {
    const body =
      '一、概述\n2012年，东湖区卫生局认真落实政府信息公开条例，政府信息公开工作运行正常，政府信息公开咨询答复及时。\n' +
      '(一)公开情况\n全年主动公开政府信息42条。\n(一)申请情况\n全年共收到政府信息公开申请3件。\n';
    const r = await extractReport(enc(body), { path: 'o.txt' });
    expect([r.year, r.template]).toEqual([2012, '2008']);
    expect(figures(r)).toEqual({ 'activeDisclosure.items': 42, 'applications.received': 3 });
    const below = await extractReport(
      enc(
        '根据《中华人民共和国政府信息公开条例》，现将我局政府信息公开工作情况报告如下。\n2015年，我局主动公开政府信息18条。\n',
      ),
      { path: 'b.txt' },
    );
    expect([below.year, below.template]).toEqual([2015, '2008']);
    expect(figures(below)).toEqual({ 'activeDisclosure.items': 18 });
  });

  it('refuses an untitled text opening with an overview of other work (信访, a budget, an overview naming 政府信息公开 twice)', async () => {
    const refused = [
      '一、概述\n2012年，全区信访工作平稳有序，共受理群众来信来访356件次，信访事项办结率98%。\n二、主要做法\n畅通信访渠道。\n',
      '一、概述\n2013年全县一般公共预算收入12.3亿元，预算信息按照政府信息公开的要求公开。\n二、支出情况\n一般公共预算支出25.1亿元。\n',
      '一、基本情况\n2014年，我局推进政务公开，政府信息公开平台运行正常，政府信息公开目录已更新。全年办理建议提案12件。\n二、下一步打算\n继续推进。\n',
      '各位代表：\n一、2012年工作回顾\n全年地区生产总值增长8%，政府信息公开、政务服务和政府信息公开平台建设取得新进展，政府信息公开工作得到加强。\n',
    ];
    for (const text of refused)
      await expect(extractReport(enc(text), { path: 'n.txt' }), text.slice(0, 12)).rejects.toMatchObject({
        exitCode: 8,
      });
  });

  it('reads a title line that runs on into the body, with the agency line above it', async () => {
    const r = await extractReport(
      enc(
        '西山乡人民政府\n2016年政府信息公开工作年度报告 根据《条例》规定，特向社会公布本报告。 一、概述 本乡全年主动公开政府信息20条。\n',
      ),
      { path: 'r.txt' },
    );
    expect([r.title, r.agency, r.year]).toEqual([
      '西山乡人民政府2016年政府信息公开工作年度报告',
      '西山乡人民政府',
      2016,
    ]);
    expect(figures(r)).toEqual({ 'activeDisclosure.items': 20 });
    // A sentence that names the report before a blank is no title.
    const sentence = await extractReport(
      enc('西山乡人民政府\n根据要求，现将2016年政府信息公开工作年度报告 公布如下。全年主动公开政府信息20条。\n'),
      { path: 's.txt' },
    );
    expect([sentence.title, sentence.year]).toEqual([null, 2016]);
  });

  it('checks a printed share against its count, and fails a wrong one', async () => {
    const r = await report('三、依申请公开情况\n共受理申请50件，其中同意公开20件，占40%；同意部分公开10件，占25.0%。');
    const shares = r.checks.filter((c) => c.id.startsWith('legacy:share:')).map((c) => [c.id, c.passed, c.actual]);
    expect(shares).toEqual([
      ['legacy:share:applications.results.granted', true, 40],
      ['legacy:share:applications.results.partiallyGranted', false, 20],
    ]);
  });

  it('states two numbers for one figure as ambiguous, not a guess', async () => {
    const r = await report('三、依申请公开情况\n全年共受理申请40件。全年共收到申请42件。');
    expect(r.legacy?.applications?.received).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toContain('figure-ambiguous');
    expect(completenessViolations(r)).toEqual([]);
  });

  it('names a number by the phrase closest before it, and takes none that two phrases of one group name', async () => {
    const r = await report(
      '三、依申请公开情况\n通过网站和当面受理等方式全年共受理政府信息公开申请30件，其中当面或网上申请5件；同意公开答复20件，涉及商业秘密、个人隐私的2件。',
    );
    expect(figures(r)).toEqual({ 'applications.received': 30, 'applications.results.granted': 20 });
    expect(r.warnings.find((w) => w.code === 'not-stated')!.message).toContain('「其中当面或网上申请5件」');
  });

  it('reads the year from the opening sentence or the date block when the title has none', async () => {
    const opening = await extractReport(
      enc('本报告所列数据的统计期限自2015年1月1日起至2015年12月31日止。本局未收到政府信息公开申请。\n'),
      { path: 'o.txt' },
    );
    expect([opening.template, opening.year]).toEqual(['2008', 2015]);
    expect(opening.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['title-not-found', 'agency-not-found']),
    );
  });

  it('classes the real held-out pages showed: a category is no total, the whole county is no sub-unit', async () => {
    const r = await report(
      '一、概述\n2013年，全区各级各部门主动公开政府信息共计1200条。\n二、主动公开情况\n通过网站主动公开规划计划类2条，人事信息1条。\n三、依申请公开情况\n我区收到15起政府信息依申请公开。',
    );
    expect(figures(r)).toEqual({ 'activeDisclosure.items': 1200, 'applications.received': 15 });
    expect(r.provenance['legacy.applications.received'].text).toBe('我区收到15起');
  });

  it('a block whose whole body says 「无申请」 is 0 for its topic; 「未接受…申请」 is none received', async () => {
    const r = await report(
      '一、依申请公开情况\n我镇2013年度无申请。\n二、依申请公开收费及减免情况\n我镇2013年度无申请。\n三、行政复议和行政诉讼情况\n我镇2013年度无申请。',
    );
    expect(figures(r)).toEqual({
      'applications.received': 0,
      'fees.collectedYuan': 0,
      'review.total': 0,
      'litigation.total': 0,
    });
    const none = await report('一、依申请公开情况\n截止目前，我镇未接受政府信息公开申请。');
    expect(figures(none)).toEqual({ 'applications.received': 0 });
  });

  it('an application denied as an event (「没有发生依申请信息公开事件」) is none received; a denial of another topic is not', async () => {
    const event = await report('一、依申请公开情况\n本年度我镇没有发生依申请信息公开事件。');
    expect(figures(event)).toEqual({ 'applications.received': 0 });
    expect(event.provenance['legacy.applications.received'].text).toBe('没有发生依申请信息公开事件');
    const matter = await report('一、概述\n全年主动公开政府信息36条，未出现政府信息公开申请事项。');
    expect(figures(matter)).toEqual({ 'activeDisclosure.items': 36, 'applications.received': 0 });
    // The same words naming the cause of a review, a complaint by an applicant, or fees: no application count.
    const others = await report(
      '一、行政复议情况\n没有发生因依申请公开政府信息引起的行政复议。\n二、其他\n未发生政府信息公开申请人投诉事件。没有发生依申请公开信息的收费。',
    );
    expect(figures(others)['applications.received']).toBeUndefined();
    expect(figures(others)).toMatchObject({ 'review.total': 0, 'fees.collectedYuan': 0 });
  });

  it('a sub-heading without 。 ends a sentence: its words name no number of the sentence after it', async () => {
    const r = await report(
      '一、概述\n本局高度重视。\n二、主动公开政府信息情况\n(一)主动公开政府信息的途径\n本局设立了3个政府信息查阅点，方便群众查阅。\n（二）主动公开的数量\n全年主动公开政府信息120条。\n三、依申请公开情况\n(一)申请情况\n全年共受理政府信息公开申请5件，其中：\n1、当面申请2件\n2、网上申请3件',
    );
    expect(figures(r)).toEqual({
      'activeDisclosure.items': 120,
      'applications.received': 5,
      'applications.byChannel.inPerson': 2,
      'applications.byChannel.online': 3,
    });
  });

  it('classes the sixth blind batch showed: counts of categories, none of both kinds, a shared 政府', async () => {
    const r = await report(
      '一、主动公开政府信息情况\n本街道主动公开了三大类共五个小类的事项。全年在网站主动公开政府信息21条。\n' +
        '二、依申请公开政府信息和不予公开政府信息情况\n本年度我镇无依申请公开政府信息和不予以公开政府信息。\n' +
        '三、政府信息公开的收费及减免情况\n本年度我镇没有发生相关收费和减免情况。',
    );
    expect(figures(r)).toEqual({
      'activeDisclosure.items': 21,
      'applications.received': 0,
      'fees.collectedYuan': 0,
      'fees.waivedYuan': 0,
    });
    // 「2010年度西山省人民政府信息公开工作报告」: the name keeps the 政府 of 「政府信息公开」.
    const t = await report('一、概述\n全年主动公开政府信息30条。', '2010年度西山省人民政府信息公开工作报告');
    expect([t.year, t.agency]).toEqual([2010, '西山省人民政府']);
  });

  it('classes the seventh blind batch showed: a running total to a date, 咨询 and 投诉 in one number', async () => {
    const r = await report(
      '一、概述\n本局高度重视。\n二、主动公开政府信息情况\n截止到2013年底，本局累计主动公开政府信息520条，全文电子化率达100%。' +
        '2013年新增主动公开政府信息60条。本局到2013年底累计主动公开规范性文件12条。\n' +
        '三、依申请公开情况\n全年处理咨询投诉23条。全年接受咨询15次、投诉2件。',
    );
    expect(figures(r)).toEqual({ 'activeDisclosure.items': 60, consultations: 15, complaints: 2 });
    // 累计 within the year's period, or with the year named, is the year's sum.
    const year = await report(
      '一、主动公开情况\n自2013年1月1日至12月31日，累计主动公开政府信息45条。\n二、依申请公开情况\n2013年，本局累计受理政府信息公开申请3件。',
    );
    expect(figures(year)).toEqual({ 'activeDisclosure.items': 45, 'applications.received': 3 });
  });

  it('reads a title with the year after its topic, and an untitled 「特编制2015年XX…报告」', async () => {
    const body = '一、概述\n全年主动公开政府信息30条。';
    const late = await report(body, '东湖市环境保护局政府信息公开工作2010年度报告');
    expect([late.year, late.agency]).toEqual([2010, '东湖市环境保护局']);
    const shared = await report(body, '西山县人民政府信息公开工作2011年度报告');
    expect([shared.year, shared.agency]).toEqual([2011, '西山县人民政府']);
    const opening = (o: string) =>
      extractReport(
        enc(
          `根据《中华人民共和国政府信息公开条例》，${o}，并向社会公布。本报告所列数据的统计期限自2015年1月1日至2015年12月31日止。\n${body}\n`,
        ),
        {
          path: 'o.txt',
        },
      );
    expect((await opening('特编制2015年青松镇信息公开工作年度报告')).agency).toBe('青松镇');
    expect((await opening('特编制2015年东湖区人民政府信息公开工作年度报告')).agency).toBe('东湖区人民政府');
    const none = await opening('特编制2015年度政府信息公开年度报告');
    expect([none.year, none.agency]).toEqual([2015, null]);
  });

  it('a total of items said without 「主动公开」 is read in the overview or on active disclosure, never a channel’s', async () => {
    const r = await report(
      '一、主动公开政府信息情况\n今年来，全镇共发布各类信息内容46条，内容涵盖机构概况、政策文件等方面。',
    );
    expect(figures(r)).toEqual({ 'activeDisclosure.items': 46 });
    const overview = await report('一、概述\n2013年我镇共公开政府信息89条，投入专项经费1.8万元。');
    expect(figures(overview)).toEqual({ 'activeDisclosure.items': 89 });
    const channel = await report('一、概述\n全年街道信息公开网站共发布政府信息60条。');
    expect(figures(channel)).toEqual({});
    expect(channel.warnings.find((w) => w.code === 'not-stated')?.paths).toContain('legacy.activeDisclosure.items');
    const elsewhere = await report('一、依申请公开情况\n全年共受理申请5件，共公开政府信息3条。');
    expect(figures(elsewhere)).toEqual({ 'applications.received': 5 });
  });

  it('reads the year of 「现将我局2014年政府信息公开情况报告如下」', async () => {
    const r = await extractReport(
      enc(
        '现将我局2014年政府信息公开情况报告如下。\n一、主动公开政府信息情况\n2013年发布128条。\n二、依申请公开情况\n无。\n三、行政复议情况\n无。\n',
      ),
      { path: 'h.txt' },
    );
    expect([r.template, r.year]).toEqual(['2008', 2014]);
  });

  it('leaves a 政府工作报告 and a report of the 2019 form alone', async () => {
    await expect(
      extractReport(
        enc('2015年政府工作报告\n各位代表：现在，我代表市人民政府向大会报告政府工作。全年地区生产总值增长7%。\n'),
        { path: 'g.txt' },
      ),
    ).rejects.toMatchObject({ exitCode: 8 });
    // A notice about compiling the reports names one, with its year and 政府信息公开, but presents none.
    const notice =
      '某某市人民政府办公室关于做好2016年度政府信息公开工作年度报告编制发布工作的通知\n各县、区人民政府：\n' +
      '一、各单位要在2017年3月31日前向社会公布本单位2016年度政府信息公开工作年度报告。\n二、按时报送统计数据。\n';
    await expect(extractReport(enc(notice), { path: 'n.txt' })).rejects.toMatchObject({ exitCode: 8 });
    // Nor when its outline has a report's headings and a blank old statistics table.
    const outline =
      '法规网\n某某市人民政府办公室关于做好2009年度政府信息公开工作年度报告有关事项的通知\n' +
      '四、政府信息公开的收费及减免情况\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n' +
      '六、政府信息公开工作存在的主要问题及改进情况\n指标名称\n计量单位\n主动公开信息数\n行政复议数\n';
    await expect(extractReport(enc(outline), { path: 'o.txt' })).rejects.toMatchObject({ exitCode: 8 });
    // A report citing such a notice (inside 《》) is still a report.
    const cites = await extractReport(
      enc(
        '本报告根据《某某市人民政府办公室关于做好2012年政府信息公开工作年度报告有关事项的通知》要求编制，统计期限自2012年1月1日起至2012年12月31日止。\n' +
          '一、概述\n全年主动公开政府信息30条。\n',
      ),
      { path: 'c.txt' },
    );
    expect([cites.template, cites.year, figures(cites)]).toEqual(['2008', 2012, { 'activeDisclosure.items': 30 }]);
    const national = await extractReport(path.resolve(__dirname, '../samples/district-2019-layout.txt'));
    expect(national.template).toBe('2019');
    expect(national.legacy).toBeUndefined();
  });

  it('reads a 统计表 row wrapped over two lines: its label, or its unit and number', async () => {
    const r = await report(
      '附表：政府信息公开情况统计表\n指标名称 单位 数量\n（一）收到申请数 件 6\n1.当面申请数\n件 2\n2.网络申请数 件 4\n' +
        '其中：涉及国家秘密 件 0\n危及国家安全、公共安全、经济安全和社\n会稳定 件 1\n四、因政府信息公开申请行政复议数 件 0',
    );
    expect(figures(r)).toEqual({
      'applications.received': 6,
      'applications.byChannel.inPerson': 2,
      'applications.byChannel.online': 4,
      'applications.refusedReasons.stateSecret': 0,
      'applications.refusedReasons.security': 1,
      'review.total': 0,
    });
  });
});

describe('outputs of template 2008 records', async () => {
  const a = await extractReport(path.join(dir, 'legacy-004.txt'));
  const b = await extractReport(path.join(dir, 'legacy-005.txt'));

  it('lists legacy figures as cells, in CSV (long and wide) and compare', () => {
    const cells = recordCells(a).filter((c) => c.table === 'legacy');
    expect(cells.map((c) => c.path).sort()).toEqual(
      Object.keys(figures(a))
        .map((p) => `legacy.${p}`)
        .sort(),
    );
    const csv = toCsv([a, b]);
    expect(csv.wide.legacy.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv.long).toContain('legacy.applications.received');
    const cmp = compareReports(a, b);
    expect(cmp.cells.some((c) => c.table === 'legacy')).toBe(true);
  });

  it('renders on the review page', async () => {
    const { html } = await buildReview({ records: [a, b], failedFiles: [] }, { input: dir, crops: false });
    expect(html).toContain(a.title!);
  });
});
