// The web-page samples (samples/web/): generated reports as CMS article pages with the faults real
// pages carry — markup a browser repairs, a byte invalid in the page's charset — each with the
// record of the clean page, which it must give. Built in memory, so tests can make more seeds.
import { execFileSync } from 'node:child_process';
import { buildSample } from '../make-samples.js';
import { cmsPage, reportBody } from './cms.js';
import type { Expected } from './expected.js';
import { MARKUP_FAULTS, withBadByte, withMarkupFault } from './faults.js';
import { seededRng, seedFromName } from './prng.js';
import { SAMPLES } from './specs.js';

/** What a web sample is, for the eval's per-kind figures. */
export type WebKind = 'clean-cms' | 'faulty-cms' | 'bad-bytes';

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
