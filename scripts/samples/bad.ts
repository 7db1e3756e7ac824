// Inputs that must be rejected with a clear error: each is broken in a different way.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Rng } from './prng.js';
import { encrypt, htmlToPdf } from './tools.js';

const NOT_A_REPORT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 30mm 25mm; }
body { font-family: "AR PL UMing CN"; font-size: 15pt; line-height: 1.8; }
h1 { font-size: 20pt; text-align: center; font-weight: normal; }
p { text-indent: 2em; margin: 0; }
</style></head><body>
<h1>社区垃圾分类居民告知书</h1>
<p>各位居民朋友：为改善社区人居环境，自下月起本社区全面推行生活垃圾分类投放。生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类，请大家按照分类标识将垃圾投放到对应的收集容器内。</p>
<p>每日投放时间为早上七点至九点、晚上六点至八点，其余时间请勿在投放点堆放垃圾。大件垃圾和装修垃圾请提前与物业服务中心联系，预约清运。</p>
<p>垃圾分类，人人有责。感谢您的理解与支持！</p>
<p style="text-align:right">幸福里社区居民委员会</p>
</body></html>`;

/** Writes samples/bad/*; `reportPdf` is a good sample to encrypt and truncate. */
export function makeBadInputs(dir: string, reportPdf: string, rng: Rng): string[] {
  const out = (name: string): string => path.join(dir, name);
  htmlToPdf(NOT_A_REPORT, out('not-a-report.pdf'));
  // AES-256 draws a random file key, so re-encrypting would churn the committed file: keep it once made.
  if (!existsSync(out('encrypted.pdf'))) encrypt(reportPdf, out('encrypted.pdf'));
  const bytes = readFileSync(reportPdf);
  writeFileSync(out('truncated.pdf'), bytes.subarray(0, Math.floor(bytes.length * 0.4)));
  writeFileSync(out('empty.pdf'), new Uint8Array(0));
  // A small PNG: the notice rendered at low resolution (a scan, not a PDF).
  execFileSync('pdftoppm', ['-png', '-r', '20', '-singlefile', out('not-a-report.pdf'), out('image')]);
  const garbage = new Uint8Array(4096);
  for (let i = 0; i < garbage.length; i++) garbage[i] = rng.int(0, 255);
  garbage[0] = 0x00; // never a %PDF header by chance
  writeFileSync(out('garbage.pdf'), garbage);
  return ['not-a-report.pdf', 'encrypted.pdf', 'truncated.pdf', 'empty.pdf', 'image.png', 'garbage.pdf'];
}

