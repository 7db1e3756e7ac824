// Markup documents (HTML, DOCX) are read through a synthetic page; their provenance is given back
// in the document's own terms: the cell (table, row, column, selector) or paragraph a value came from.
import type { MarkupRegion } from '../../extractors/types.js';
import type { Provenance, Warning } from '../schema/record.js';

/**
 * Each provenance entry → the smallest region holding its box's centre, as { ...ref, text }.
 * An entry outside every region keeps nothing but its text (it cannot point anywhere real).
 */
export function markupProvenance(
  provenance: Record<string, Provenance>,
  regions: MarkupRegion[],
): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  for (const [path, p] of Object.entries(provenance)) {
    const region = p.bbox
      ? regionAt(regions, p.page ?? 1, (p.bbox[0] + p.bbox[2]) / 2, (p.bbox[1] + p.bbox[3]) / 2)
      : null;
    out[path] = { ...(region?.ref ?? {}), text: p.text };
  }
  return out;
}

function regionAt(regions: MarkupRegion[], page: number, x: number, y: number): MarkupRegion | null {
  let best: MarkupRegion | null = null;
  let bestArea = Infinity;
  for (const r of regions) {
    const [x0, y0, x1, y1] = r.bbox;
    if (r.page !== page || x < x0 || x > x1 || y < y0 || y > y1) continue;
    const area = (x1 - x0) * (y1 - y0);
    if (area < bestArea) [best, bestArea] = [r, area];
  }
  return best;
}

/** Page numbers of a synthetic page mean nothing to a reader: drop them from warnings. */
export function withoutPages(warnings: Warning[]): Warning[] {
  return warnings.map(({ page: _page, ...w }) => w);
}
