import { z } from 'zod';
import { parseCatalogueAnswer, type CatalogueField, type FieldCatalogue, type FieldKind } from '../hris/catalogue';
import type { CallContext } from '../hris/types';

/** `GET /v1/meta/fields` (docs/vendors/bamboohr.md, "Field catalogue"): a field without an alias is written by its id. */
const Fields = z.array(
  z.object({ id: z.union([z.number(), z.string()]), name: z.string(), type: z.string(), alias: z.string().nullish() }),
);

/** `GET /v1/meta/lists` (docs/vendors/bamboohr.md): archived options stay only for historical values. */
const Lists = z.array(
  z.object({
    fieldId: z.union([z.number(), z.string()]),
    alias: z.string().nullish(),
    name: z.string(),
    options: z
      .array(
        z.object({
          id: z.union([z.number(), z.string()]),
          name: z.string(),
          archived: z.enum(['yes', 'no']).default('no'),
        }),
      )
      .default([]),
  }),
);

const KINDS: Record<string, FieldKind> = {
  text: 'text',
  textarea: 'text',
  date: 'date',
  int: 'number',
  integer: 'number',
  email: 'email',
  list: 'list',
};

/** The account's fields with their types and each list field's current values. */
export async function bambooHrCatalogue(ctx: CallContext): Promise<FieldCatalogue> {
  const json = { Accept: 'application/json' };
  const fields = parseCatalogueAnswer(
    Fields,
    (await ctx.send({ method: 'GET', url: 'v1/meta/fields', headers: json, idempotent: true })).body,
    'BambooHR meta/fields',
  );
  const lists = parseCatalogueAnswer(
    Lists,
    (await ctx.send({ method: 'GET', url: 'v1/meta/lists', headers: json, idempotent: true })).body,
    'BambooHR meta/lists',
  );
  const optionsOf = new Map(
    lists.map((l) => [String(l.fieldId), l.options.filter((o) => o.archived === 'no').map((o) => o.name)]),
  );
  return {
    system: 'BambooHR',
    fields: fields.map((f): CatalogueField => {
      const options = optionsOf.get(String(f.id));
      return {
        name: f.alias || String(f.id),
        label: f.name,
        kind: KINDS[f.type] ?? 'other',
        vendorType: f.type,
        ...(options ? { options } : {}),
      };
    }),
  };
}
