// `nianbao schema`: the record's JSON Schema, generated from the zod schema.
import { z } from 'zod';
import { ReportSchema } from '../../schema/record.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'schema',
  summary: "print the record's JSON Schema",
  usage: `Usage: nianbao schema

Print the JSON Schema (draft 2020-12) of one report record, generated from the zod schemas
that the extractor validates every record against.`,
  async run() {
    process.stdout.write(JSON.stringify(z.toJSONSchema(ReportSchema), null, 2) + '\n');
    return 0;
  },
};
