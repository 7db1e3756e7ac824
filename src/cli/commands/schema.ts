// `nianbao schema`: the record's JSON Schema (or compare.json's), generated from the zod schema.
import { z } from 'zod';
import { CompareFileSchema } from '../../compare/schema.js';
import { NianbaoError } from '../../errors.js';
import { ReportSchema } from '../../schema/record.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'schema',
  summary: "print the record's JSON Schema",
  usage: `Usage: nianbao schema [--compare]

Print the JSON Schema (draft 2020-12) of one report record, generated from the zod schemas
that the extractor validates every record against. With --compare: the schema of the
compare.json that 'nianbao compare' writes.`,
  async run(args) {
    const unknown = args.find((a) => a !== '--compare');
    if (unknown) throw new NianbaoError('USAGE', `unexpected argument 「${unknown}」 (see --help)`);
    const schema = args.includes('--compare') ? CompareFileSchema : ReportSchema;
    process.stdout.write(JSON.stringify(z.toJSONSchema(schema), null, 2) + '\n');
    return 0;
  },
};
