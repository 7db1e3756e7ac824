// Template "2008" in the record (record.md schemaVersion 3): the `legacy` object, prose spans, and
// the completeness invariant over its figures.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { completenessViolations } from '../src/checks/completeness.js';
import { LegacySchema } from '../src/schema/legacy.js';
import { ReportSchema, SCHEMA_VERSION, type Report } from '../src/schema/record.js';
import { LEGACY_PATHS, templateCell } from '../src/templates/index.js';

/** Every leaf path of a zod object schema (nested objects, unwrapping optional/nullable). */
function schemaLeaves(schema: z.ZodType, prefix = ''): string[] {
  let s = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = (s as z.ZodOptional<z.ZodType>).unwrap();
  if (!(s instanceof z.ZodObject)) return [prefix];
  return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
    schemaLeaves(v, prefix ? `${prefix}.${k}` : k),
  );
}

/** A minimal template-2008 record: `received` from prose, everything else not stated. */
function legacyRecord(): Report {
  const notStated = LEGACY_PATHS.filter((p) => p !== 'applications.received').map((p) => `legacy.${p}`);
  return ReportSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    source: { path: 'x.txt', sha256: '0'.repeat(64), pageCount: 1, textSource: 'plain-text', ocrPages: [] },
    title: '某区地方税务局2013年政府信息公开工作年度报告',
    agency: '某区地方税务局',
    agencyKey: '某区地方税务局',
    agencyKeyFrom: 'as printed',
    year: 2013,
    template: '2008',
    sections: [
      { key: 'applications', heading: '三、依申请公开情况', text: '全年共受理政府信息公开申请117件。', pages: [1] },
    ],
    activeDisclosure: null,
    applications: null,
    reviewLitigation: null,
    legacy: { applications: { received: 117 } },
    checks: [],
    warnings: [{ code: 'not-stated', message: 'not stated', path: notStated[0], paths: notStated }],
    provenance: {
      'legacy.applications.received': { section: 'applications', start: 2, end: 17, text: '受理政府信息公开申请117件' },
    },
  });
}

describe('the legacy object', () => {
  it('has exactly the leaves record.md names, in its order', () => {
    expect(schemaLeaves(LegacySchema)).toEqual([...LEGACY_PATHS]);
    expect(SCHEMA_VERSION).toBe(3);
  });

  it('is a correctable cell set, with units', () => {
    expect(templateCell('legacy.fees.collectedYuan')).toMatchObject({ unit: 'yuan', templates: ['2008'] });
    expect(templateCell('legacy.applications.results.granted')).toMatchObject({ unit: 'count' });
  });

  it('is in the JSON Schema, with template "2008" and prose spans in provenance', () => {
    const json = z.toJSONSchema(ReportSchema) as { properties: Record<string, { enum?: string[]; anyOf?: unknown[] }> };
    expect(JSON.stringify(json.properties.template)).toContain('"2008"');
    expect(JSON.stringify(json.properties.legacy)).toContain('refusedReasons');
    expect(JSON.stringify(json.properties.provenance)).toContain('"start"');
  });
});

describe('the completeness invariant for template 2008', () => {
  it('holds when every figure is stated or named by a not-stated warning listing paths', () => {
    expect(completenessViolations(legacyRecord())).toEqual([]);
  });

  it('names a figure without provenance, one missing without warning, and legacy absent without one', () => {
    const r = legacyRecord();
    delete r.provenance['legacy.applications.received'];
    r.warnings[0].paths = r.warnings[0].paths!.filter((p) => p !== 'legacy.review.total');
    r.warnings[0].path = r.warnings[0].paths[0];
    expect(completenessViolations(r)).toEqual([
      { path: 'legacy.applications.received', reason: '117 has no provenance' },
      { path: 'legacy.review.total', reason: 'missing and no warning names it, its row or its table' },
    ]);
    r.legacy = null;
    expect(completenessViolations(r)).toEqual([{ path: 'legacy', reason: 'legacy is absent and no warning names it' }]);
  });
});
