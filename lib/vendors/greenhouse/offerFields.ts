import { z } from 'zod';
import type { AtsContext, OfferFieldChoice } from '../ats/types';
import { harvest, readList } from './harvest';

/** An offer custom field as `GET /v3/custom_fields?field_type=offer` lists it (docs/vendors/greenhouse.md). */
const OfferField = z.looseObject({
  name_key: z.string().min(1),
  name: z.string(),
  value_type: z.string().nullish(),
  active: z.boolean().nullish(),
});

/** The account's own offer fields, for the connection dialog; inactive (deleted) fields are left out. */
export async function greenhouseOfferFields(ctx: AtsContext): Promise<OfferFieldChoice[]> {
  const { items } = await readList(
    ctx,
    harvest.list('custom_fields', { field_type: 'offer', per_page: harvest.perPage }),
    OfferField,
    'The Harvest offer custom fields',
  );
  return items
    .filter((f) => f.active !== false)
    .map((f) => ({ key: f.name_key, name: f.name, ...(f.value_type ? { type: f.value_type } : {}) }));
}
