// Guards the generator itself: a freshly drawn report must satisfy the template's arithmetic, so that
// any failed check in a sample comes only from its deliberate, hand-listed perturbation.
import type { ReportNumbers } from './numbers.js';
import { allApplicationRows, REVIEW_GROUPS, resultLeafRows } from './template.js';

export function checkGenerated(n: ReportNumbers): void {
  const v = (path: string, c: number): number => n.applications.get(path)![c].value!;
  const fail = (what: string): never => {
    throw new Error(`generator drew inconsistent numbers: ${what}`);
  };
  for (const row of allApplicationRows(n.otherHandling)) {
    let s = 0;
    for (let c = 0; c < 6; c++) s += v(row.path, c);
    if (s !== v(row.path, 6)) fail(`row ${row.path}`);
  }
  const leaves = resultLeafRows(n.otherHandling);
  for (let c = 0; c < 7; c++) {
    if (leaves.reduce((s, r) => s + v(r.path, c), 0) !== v('results.total', c)) fail(`results column ${c}`);
    if (v('newReceived', c) + v('carriedOver', c) !== v('results.total', c) + v('carriedForward', c)) fail(`balance ${c}`);
  }
  for (const g of REVIEW_GROUPS) {
    const cells = n.review[g].map((x) => x.value!);
    if (cells[0] + cells[1] + cells[2] + cells[3] !== cells[4]) fail(`group ${g}`);
  }
}
