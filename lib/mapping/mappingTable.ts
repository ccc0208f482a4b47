import { z } from 'zod';

/**
 * Where a row's value comes from: a path into the canonical record, a constant written as text, an
 * environment variable read once on deploy, or a JSONata expression for what a path cannot say.
 */
export const SourceKind = z.enum(['path', 'constant', 'env', 'jsonata']);
export type SourceKind = z.infer<typeof SourceKind>;

/**
 * One row of a mapping table: "target field ← source, transform, default". Every cell is text, as
 * HR ops edit it in the editor or a spreadsheet; the compiler gives the cells their meaning and
 * names the row when one is wrong.
 */
export const MappingRow = z.object({
  /** Where the value goes in the record sent on: `workEmail`, `work.startDate`, `employments[0].type`. */
  target: z.string(),
  from: SourceKind.default('path'),
  /** A path (see lib/recordPath.ts), the constant text, the variable's name, or the JSONata expression. */
  source: z.string().default(''),
  /** A transform's name from the table transforms, or empty for the value as it is. */
  transform: z.string().default(''),
  /** The transform's arguments after the value, as a JSON array: `["UTC", "MM/DD/YYYY"]`. */
  args: z.string().default(''),
  /** Text sent when the value is missing; empty for none. */
  default: z.string().default(''),
  /** A required field whose value is missing (and has no default) fails the record, naming the field. */
  required: z.boolean().default(false),
});
export type MappingRow = z.infer<typeof MappingRow>;
export type MappingRowInput = z.input<typeof MappingRow>;

export const MappingTable = z.array(MappingRow);
