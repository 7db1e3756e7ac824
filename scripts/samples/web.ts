// The web-page samples (samples/web/): generated reports as CMS article pages with the faults real
// pages carry — markup a browser repairs, a byte invalid in the page's charset — each with the
// record of the clean page, which it must give. Built in memory, so tests can make more seeds.
import { execFileSync } from 'node:child_process';
import { buildSample } from '../make-samples.js';
import { cmsPage, reportBody, type CmsPage } from './cms.js';

type CmsLayout = NonNullable<CmsPage['layout']>;
import type { Expected } from './expected.js';
import { MARKUP_FAULTS, withBadByte, withMarkupFault } from './faults.js';
import { mhtFile } from './mht.js';
import { wechatPage } from './wechat.js';
import { seededRng, seedFromName } from './prng.js';
import { SAMPLES } from './specs.js';

/** What a web sample is, for the eval's per-kind figures. */
export type WebKind = 'clean-cms' | 'faulty-cms' | 'bad-bytes' | 'title-agency' | 'mht' | 'wechat';

export interface WebSample {
  file: string;
  kind: WebKind;
  bytes: Buffer;
  expected: Expected;
  /** What was done to the page (README). */
  what: string;
}

function spec(name: string) {
  const s = SAMPLES.find((x) => x.name === name);
  if (!s) throw new Error(`no sample ${name}`);
  return s;
}

/** A clean CMS page of a sample: its text, its bytes in the charset, the expected record. */
export function cleanCms(name: string, encoding: 'utf-8' | 'gbk'): { html: string; bytes: Buffer; expected: Expected } {
  const s = spec(name);
  const { html: body, expected } = buildSample(s);
  const html = cmsPage({
    site: s.agency,
    title: expected.title,
    body: reportBody(body),
    published: `${s.year + 1}-01-20`,
    charset: encoding === 'utf-8' ? 'utf-8' : 'gb2312',
    year: s.year,
  });
  // iconv fails on any character outside GBK, so a page that is not GBK is never written as one.
  const bytes = encoding === 'utf-8' ? Buffer.from(html) : execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: html });
  return { html, bytes, expected };
}

/** The clean page, one page per markup fault, one with all of them and one with a bad byte, for each sample and charset; `seed` varies the places. */
export function faultySamples(seed = 0): WebSample[] {
  const out: WebSample[] = [];
  const bases = [
    ['city-2021-ruled', 'utf-8'],
    ['district-2019', 'utf-8'],
    ['bureau-2021-split', 'gbk'],
  ] as const;
  for (const [name, encoding] of bases) {
    const { html, bytes, expected } = cleanCms(name, encoding);
    const stem = `${name}.cms${encoding === 'gbk' ? '-gbk' : ''}`;
    out.push({ file: `${stem}.html`, kind: 'clean-cms', bytes, expected: { ...expected, file: `${stem}.html` }, what: 'the clean page' });
    const rng = seededRng(seedFromName(stem) + seed);
    const enc = (page: string) => (encoding === 'utf-8' ? Buffer.from(page) : execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: page }));
    for (const fault of MARKUP_FAULTS) {
      const f = withMarkupFault(html, fault, rng);
      out.push({ file: `${stem}.${fault}.html`, kind: 'faulty-cms', bytes: enc(f.html), expected: { ...expected, file: `${stem}.${fault}.html` }, what: f.what });
    }
    // Every fault at once (each at its own row).
    let all = html;
    const whats: string[] = [];
    for (const fault of MARKUP_FAULTS) {
      const f = withMarkupFault(all, fault, rng);
      all = f.html;
      whats.push(f.what);
    }
    out.push({ file: `${stem}.all-faults.html`, kind: 'faulty-cms', bytes: enc(all), expected: { ...expected, file: `${stem}.all-faults.html` }, what: whats.join('; ') });
    const b = withBadByte(bytes, html, encoding, rng);
    out.push({ file: `${stem}.bad-byte.html`, kind: 'bad-bytes', bytes: b.bytes, expected: { ...expected, file: `${stem}.bad-byte.html` }, what: b.what });
  }
  return out;
}

/**
 * Pages that print the title or the agency only outside the report's text: the title only in
 * `<title>` (site name after it), only in a header block (「…年度报告」 without 工作), the agency only
 * in the sign-off, or only in the article header's 发布机构/来源 fields (warned agency-from-page).
 */
export function titleAgencySamples(): WebSample[] {
  const out: WebSample[] = [];
  for (const name of ['city-2021-ruled', 'district-2019']) {
    const s = spec(name);
    const { html: body, expected } = buildSample(s);
    const page = (file: string, what: string, title: string, layout: CmsLayout, exp: Partial<Expected>, report = reportBody(body)) => {
      const html = cmsPage({ site: s.agency, title, body: report, published: `${s.year + 1}-01-20`, charset: 'utf-8', year: s.year, layout });
      out.push({ file: `${name}.cms.${file}.html`, kind: 'title-agency', bytes: Buffer.from(html), expected: { ...expected, ...exp, file: `${name}.cms.${file}.html` }, what });
    };
    const title = expected.title;
    const site = `${s.agency.replace(/人民政府$/u, '')}人民政府`;
    page('title-in-head', `the title only in <title>, after it the site's name (「_${site}」)`, title, { headTitle: `${title}_${site}`, metaTitle: null, articleTitle: null }, {});
    const short = title.replace('工作年度报告', '年度报告');
    page('header-block', `the title only in the page's header block, as 「${short}」; <title> is the site's name`, title, { headTitle: site, metaTitle: null, articleTitle: null, headerBlock: short }, { title: short });
    const bare = `${s.year}年政府信息公开工作年度报告`;
    page('sign-off-agency', `the title without the agency (「${bare}」); the agency only in the sign-off; the header names the site's office`, bare, {}, { title: bare });
    const unsigned = reportBody(body).replace(/<div class="sign">[^<]*<br>/u, '<div class="sign">');
    page('header-agency', 'the title without the agency, no agency in the sign-off; the agency only in the article header (发布机构, 来源)', bare, { publisher: s.agency }, { title: bare }, unsigned);
  }
  return out;
}

/** Clean CMS pages saved as web archives: IE (GBK, quoted-printable, charset in the part header) and Chrome (UTF-8, base64 or QP, charset only in <meta>). */
export function mhtSamples(): WebSample[] {
  const cases = [
    ['bureau-2021-split', 'gbk', 'ie', 'quoted-printable'],
    ['city-2021-ruled', 'utf-8', 'chrome', 'quoted-printable'],
    ['district-2019', 'utf-8', 'chrome', 'base64'],
  ] as const;
  return cases.map(([name, encoding, style, transfer]) => {
    const { bytes, expected } = cleanCms(name, encoding);
    const url = `http://www.example.gov.cn/art/${expected.year + 1}/1/20/art_${name}.html`;
    const file = `${name}.${style}.mht`;
    const mht = mhtFile({ page: bytes, charset: style === 'ie' ? 'gb2312' : null, transfer, style, url });
    return { file, kind: 'mht' as const, bytes: mht, expected: { ...expected, file }, what: `saved by ${style === 'ie' ? 'Internet Explorer' : 'Chrome'}: ${encoding.toUpperCase()} page, ${transfer}` };
  });
}

/** WeChat articles: table 三 as a <table>, as flex <section> rows, and as a picture (the record flags table 三). */
export function wechatSamples(): WebSample[] {
  return (['table', 'sections', 'image'] as const).map((table) => {
    const name = table === 'sections' ? 'district-2019' : 'city-2021-ruled';
    const s = spec(name);
    const { html, expected } = buildSample(s);
    const file = `${name}.wechat-${table}.html`;
    const page = wechatPage({ title: expected.title, account: `${s.agency.replace(/人民政府$/u, '')}发布`, body: reportBody(html), published: `${s.year + 1}-01-20 10:20`, table });
    const what = { table: 'table 三 as a <table>', sections: 'table 三 drawn as flex <section> rows', image: 'table 三 pasted as a picture (warned image-ignored)' }[table];
    return { file, kind: 'wechat' as const, bytes: Buffer.from(page), expected: { ...expected, file }, what };
  });
}
