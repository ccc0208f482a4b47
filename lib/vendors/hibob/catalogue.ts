import { z } from 'zod';
import { parseCatalogueAnswer, type CatalogueField, type FieldCatalogue, type FieldKind } from '../hris/catalogue';
import type { CallContext } from '../hris/types';

/**
 * `GET /v1/company/people/fields` (docs/vendors/hibob.md, "Field catalogue"): `{ id, name, category, type }`, a list
 * field naming its list in `typeData.listId` ([3rd-party, consistent]; other keys of `typeData` are not read).
 */
const Fields = z.array(
  z.object({
    id: z.string().min(1),
    name: z.string(),
    category: z.string().optional(),
    type: z.string(),
    typeData: z.object({ listId: z.string().min(1).optional() }).nullish(),
  }),
);

interface ListItem {
  id: string | number;
  value?: string;
  name?: string;
  archived?: boolean;
  children?: ListItem[];
}
/** One item of a named list: its id, its display value, and items nested under it (a hierarchy list). */
const ListItem: z.ZodType<ListItem> = z.lazy(() =>
  z.object({
    id: z.union([z.string(), z.number()]),
    value: z.string().optional(),
    name: z.string().optional(),
    archived: z.boolean().optional(),
    children: z.array(ListItem).optional(),
  }),
);
/** `GET /v1/company/named-lists/{listName}` (docs/vendors/hibob.md, "Field catalogue"): the list's items in `values`. */
const NamedList = z.object({ values: z.array(ListItem) });

const KINDS: Record<string, FieldKind> = {
  text: 'text',
  date: 'date',
  number: 'number',
  boolean: 'boolean',
  list: 'list',
};

/** The current items' display values, nested ones included; an archived item is no longer a value to write. */
function displayValues(items: readonly ListItem[]): string[] {
  return items.flatMap((item) => {
    if (item.archived === true) return [];
    const shown = item.value ?? item.name;
    return [...(shown ? [shown] : []), ...displayValues(item.children ?? [])];
  });
}

/**
 * The account's people fields with each list field's values. Root fields are written without their
 * `root.` prefix (`firstName`), the others by their id (`work.site`). A list field is written by its
 * item's display value, as HiBob's own create example does (`"site": "New-York"`); a list field whose
 * list the metadata does not name has no known values and is not checked.
 */
export async function hiBobCatalogue(ctx: CallContext): Promise<FieldCatalogue> {
  const answer = await ctx.send({ method: 'GET', url: 'v1/company/people/fields', idempotent: true });
  const fields = parseCatalogueAnswer(Fields, answer.body, 'HiBob people fields');
  const listIds = [
    ...new Set(fields.flatMap((f) => (f.type === 'list' && f.typeData?.listId ? [f.typeData.listId] : []))),
  ];
  const values = new Map<string, string[]>();
  for (const listId of listIds) {
    const list = await ctx.send({
      method: 'GET',
      url: `v1/company/named-lists/${encodeURIComponent(listId)}`,
      idempotent: true,
    });
    values.set(listId, displayValues(parseCatalogueAnswer(NamedList, list.body, `HiBob named list ${listId}`).values));
  }
  return {
    system: 'HiBob',
    fields: fields.map((f): CatalogueField => {
      const options = f.type === 'list' && f.typeData?.listId ? values.get(f.typeData.listId) : undefined;
      return {
        name: f.id.replace(/^root\./, ''),
        label: f.name,
        kind: KINDS[f.type] ?? 'other',
        vendorType: f.type,
        ...(options ? { options } : {}),
      };
    }),
  };
}
