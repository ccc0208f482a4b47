import { z } from 'zod';
import { parseCatalogueAnswer, type CatalogueField, type FieldCatalogue, type FieldKind } from '../hris/catalogue';
import type { CallContext } from '../hris/types';

/** `GET /v1/company/people/fields` (docs/vendors/hibob.md, "Fields metadata"): `{ id, name, category, type, typeData }`. */
const Fields = z.array(
  z.object({ id: z.string().min(1), name: z.string(), category: z.string().optional(), type: z.string() }),
);

const KINDS: Record<string, FieldKind> = {
  text: 'text',
  date: 'date',
  number: 'number',
  boolean: 'boolean',
  list: 'list',
};

/**
 * The account's people fields. Root fields are written without their `root.` prefix (`firstName`), the
 * others by their id (`work.site`). A list field's values are list item ids read from the named lists,
 * which this catalogue does not read yet: its values are not checked.
 */
export async function hiBobCatalogue(ctx: CallContext): Promise<FieldCatalogue> {
  const answer = await ctx.send({ method: 'GET', url: 'v1/company/people/fields', idempotent: true });
  const fields = parseCatalogueAnswer(Fields, answer.body, 'HiBob people fields');
  return {
    system: 'HiBob',
    fields: fields.map((f): CatalogueField => ({
      name: f.id.replace(/^root\./, ''),
      label: f.name,
      kind: KINDS[f.type] ?? 'other',
      vendorType: f.type,
    })),
  };
}
