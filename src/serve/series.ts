// An agency's reports over the years, for the chart and the compare view: the stored summaries of
// the agency (by agencyKey, so 「XX市XX局」 printed two ways is one agency), one per year.
import type { ReportSummary } from '../db/list.js';
import type { Store } from '../db/store.js';
import { getPath } from '../schema/paths.js';
import { rowName } from '../templates/index.js';
import { agencyKey } from '../text/agency-key.js';
import { templateBreaks, type Series } from './chart.js';

/** Until the cross-template series lands: applications received in the year (both forms print it). */
export const SERIES_PATH = 'applications.newReceived.total';
// The row's name comes from the templates (the one place the forms' labels are written).
export const SERIES_LABEL = `${rowName('applications.newReceived')} applications received`;

/** The agency's summaries, one per year (the first in list order), oldest first. */
export function agencyYears(rows: readonly ReportSummary[], agency: string): ReportSummary[] {
  const key = agencyKey(agency);
  const byYear = new Map<number, ReportSummary>();
  for (const r of rows) {
    if (r.year === null || !r.agency || agencyKey(r.agency) !== key) continue;
    if (!byYear.has(r.year)) byYear.set(r.year, r);
  }
  return [...byYear.values()].sort((a, b) => a.year! - b.year!);
}

/** The agency's series of `path` (its reports' latest records), with the template breaks. */
export async function agencySeries(
  store: Store,
  rows: readonly ReportSummary[],
  agency: string,
  path = SERIES_PATH,
): Promise<Series> {
  const years = agencyYears(rows, agency);
  const points = [];
  for (const s of years) {
    const record = await store.latestRecord(s.sha256);
    const v = record ? getPath(record, path) : null;
    points.push({
      year: s.year!,
      value: typeof v === 'number' ? v : null,
      template: s.template,
      sha256: s.sha256,
      flagged: s.flagged,
    });
  }
  return { agency: years[0]?.agency ?? agency, path, label: SERIES_LABEL, points, breaks: templateBreaks(points) };
}
