import { z } from 'zod';
import { HrError } from '../../errors';
import { describeIssues } from '../../zodIssues';

/**
 * The HRIS's own fields, as its metadata API (or the person, for a generic REST HRIS) lists them: what
 * the mapper's table checks its target fields and values against before anything is written.
 */
export const FieldKind = z.enum(['text', 'date', 'number', 'boolean', 'email', 'list', 'other']);
export type FieldKind = z.infer<typeof FieldKind>;

export const CatalogueField = z.object({
  /** The name a mapping row writes to: `department`, `work.site`. */
  name: z.string().min(1),
  /** The HRIS's own label, for the picker. */
  label: z.string().default(''),
  kind: FieldKind.default('other'),
  /** The type as the HRIS names it (`list`, `int`, `employee-reference`). */
  vendorType: z.string().default(''),
  /** A list field's current values; absent when the HRIS did not say. */
  options: z.array(z.string()).optional(),
});
export type CatalogueField = z.infer<typeof CatalogueField>;

export const FieldCatalogue = z.object({
  system: z.string(),
  fields: z.array(CatalogueField),
  /** When it was read (ISO time), shown in the dialog. */
  readAt: z.string().optional(),
  /**
   * True when the HRIS's listing names only some of the fields a mapping may write (Personio lists its
   * v1 attributes while the package writes v2 persons): a target it does not list is then not flagged.
   */
  partial: z.boolean().optional(),
});
export type FieldCatalogue = z.infer<typeof FieldCatalogue>;

/** Parses a metadata answer; an answer of another shape is an error naming the field, never a shorter catalogue. */
export function parseCatalogueAnswer<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new HrError(
      'mapper.catalogue_invalid',
      `${what} did not answer in the documented shape: ${describeIssues(parsed.error)}`,
    );
  return parsed.data;
}
