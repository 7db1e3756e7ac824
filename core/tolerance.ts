// How a tolerance is declared (a documented, bounded zod number) and listed, shared by the
// extractors' settings (extractors/settings.ts) and the pipeline's (src/settings.ts).
import { z } from 'zod';

/** A tolerance: a number with its documentation (what, unit, why this default) and sane bounds. */
export const tol = (def: number, min: number, max: number, doc: string) =>
  z.number().min(min).max(max).default(def).describe(doc);
/** A tolerance that counts something (an integer). */
export const count = (def: number, min: number, max: number, doc: string) =>
  z.number().int().min(min).max(max).default(def).describe(doc);

/** One setting, by its dotted name ("tables.labelMinSimilarity"). */
export interface SettingInfo {
  name: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
  doc: string;
}

/** A group of settings: a zod object of `tol`/`count` fields. */
type Group = { shape: Record<string, z.ZodType>; parse(input: unknown): unknown };

/** Every setting of the groups (name → schema of `tol`/`count` fields) with its default, bounds and documentation. */
export function groupsInfo(groups: Record<string, Group>): SettingInfo[] {
  return Object.entries(groups).flatMap(([group, schema]) => {
    const defaults = schema.parse({}) as Record<string, number>;
    return Object.entries(schema.shape).map(([key, s]): SettingInfo => {
      const inner = (s as unknown as { def: { innerType: z.ZodNumber } }).def.innerType;
      return {
        name: `${group}.${key}`,
        default: defaults[key],
        min: inner.minValue ?? -Infinity,
        max: inner.maxValue ?? Infinity,
        integer: inner.isInt,
        doc: s.description ?? '',
      };
    });
  });
}
