// `nianbao schema`: the record's JSON Schema (or compare.json's, or a corrections line's), generated from the zod schema.
import { z } from 'zod';
import { CompareFileSchema } from '../../compare/schema.js';
import { CorrectionLineSchema } from '../../corrections/index.js';
import { NianbaoError } from '../../errors.js';
import { ReportSchema } from '../../schema/record.js';
import type { Command } from '../command.js';

const SCHEMAS: Record<string, z.ZodType> = { '--compare': CompareFileSchema, '--corrections': CorrectionLineSchema };

export const command: Command = {
  name: 'schema',
  summary: "print the record's JSON Schema",
  usage: `Usage: nianbao schema [--compare | --corrections]

Print the JSON Schema (draft 2020-12) of one report record, generated from the zod schemas
that the extractor validates every record against.

Options:
      --compare      the schema of the compare.json that 'nianbao compare' writes
      --corrections  the schema of one line of a corrections file (JSON Lines; --corrections of
                     export, ingest, review, compare and batch)
  -h, --help         show this help`,
  async run(args) {
    const unknown = args.find((a) => !(a in SCHEMAS));
    if (unknown) throw new NianbaoError('USAGE', `unexpected argument 「${unknown}」 (see --help)`);
    if (args.length > 1) throw new NianbaoError('USAGE', 'schema takes one of --compare or --corrections');
    const schema = args.length ? SCHEMAS[args[0]] : ReportSchema;
    process.stdout.write(JSON.stringify(z.toJSONSchema(schema), null, 2) + '\n');
    return 0;
  },
};
