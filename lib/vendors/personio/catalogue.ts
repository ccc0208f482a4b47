import { z } from 'zod';
import { parseCatalogueAnswer, type CatalogueField, type FieldCatalogue, type FieldKind } from '../hris/catalogue';
import type { CallContext } from '../hris/types';

/**
 * `GET /v1/company/employees/attributes` (docs/vendors/personio.md, "Field catalogue"): the attributes the
 * API credentials may read, custom ones included, each `{ key, label, type, universal_id, options }`.
 */
const Attributes = z.object({
  success: z.literal(true),
  data: z.array(
    z.object({ key: z.string().min(1), label: z.string(), type: z.string(), options: z.array(z.string()).nullish() }),
  ),
});

/** Personio's attribute types (docs/vendors/personio.md); `tags` holds several options, so one value is not judged. */
const KINDS: Record<string, FieldKind> = {
  standard: 'text',
  multiline: 'text',
  link: 'text',
  date: 'date',
  integer: 'number',
  decimal: 'number',
  list: 'list',
};

/**
 * The top-level fields of a v2 person the package writes under the same name as their v1 attribute
 * (docs/vendors/personio.md, "Persons"). Other attributes (`hire_date`, `dynamic_2`) are written in v2
 * under other names (`employments[0].employment_start_date`, `custom_attributes[…]`) that no public
 * page ties to the v1 key, so they are left out rather than offered under a name that would not write.
 */
const V2_PERSON_FIELDS = new Set(['email', 'first_name', 'last_name', 'preferred_name', 'gender', 'language_code']);

/**
 * The account's attributes that a mapping writes by the same name, with their types and a list's
 * options. Partial: the v2 employment and custom attribute targets are not in the listing, so the
 * table check does not call them unknown.
 */
export async function personioCatalogue(ctx: CallContext): Promise<FieldCatalogue> {
  const answer = await ctx.send({ method: 'GET', url: 'v1/company/employees/attributes', idempotent: true });
  const attributes = parseCatalogueAnswer(Attributes, answer.body, 'Personio employee attributes').data;
  return {
    system: 'Personio',
    partial: true,
    fields: attributes
      .filter((a) => V2_PERSON_FIELDS.has(a.key))
      .map((a): CatalogueField => {
        const kind = KINDS[a.type] ?? 'other';
        return {
          name: a.key,
          label: a.label,
          kind,
          vendorType: a.type,
          ...(kind === 'list' && a.options?.length ? { options: a.options } : {}),
        };
      }),
  };
}
