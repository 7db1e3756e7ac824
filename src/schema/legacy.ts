// The `legacy` object of a report for 2008–2018 (record.md "Additions for schemaVersion 3"): its
// figures as stated in prose or the old 统计表. Field names are the public contract, spelled out
// here; src/templates/legacy-fields.ts lists the same leaves with their printed names.
import { z } from 'zod';

/**
 * A figure: a number, or absent when the report never states it (a `not-stated` warning names it)
 * or states it only approximately (an `approximate` warning). null only where a 统计表 cell was
 * printed blank (its provenance shows what was printed).
 */
const fig = z.number().nullable().optional();
const group = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, fig])) as { [P in K]: typeof fig });

export const LegacySchema = z.object({
  activeDisclosure: group(['items', 'normativeDocuments', 'normativeDocumentsIssued'] as const).optional(),
  applications: z
    .object({
      received: fig,
      byChannel: group(['inPerson', 'online', 'email', 'letter', 'fax', 'phone', 'other'] as const).optional(),
      byApplicant: group(['naturalPerson', 'legalPerson'] as const).optional(),
      completed: fig,
      completedOnTime: fig,
      completedExtended: fig,
      answered: fig,
      results: group([
        'alreadyPublic',
        'granted',
        'partiallyGranted',
        'refused',
        'notThisAgency',
        'notExist',
        'clarification',
        'otherChannel',
        'other',
      ] as const).optional(),
      refusedReasons: group([
        'stateSecret',
        'commercialSecret',
        'privacy',
        'security',
        'notGovernmentInformation',
        'otherLaw',
        'process',
      ] as const).optional(),
    })
    .optional(),
  fees: group(['collectedYuan', 'waivedYuan'] as const).optional(),
  review: group(['total', 'upheld', 'corrected', 'other'] as const).optional(),
  litigation: group(['total', 'upheld', 'corrected', 'other'] as const).optional(),
  complaints: fig,
  consultations: fig,
});
export type Legacy = z.infer<typeof LegacySchema>;
