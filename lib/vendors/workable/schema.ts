import { z } from 'zod';
import { VendorId } from '../ats/boundary';

/**
 * A Workable candidate as a webhook's `data` and the candidates list carry it (docs/vendors/workable.md
 * "Candidate"), reduced to what the trigger reads; the other fields are kept.
 */
export const WorkableCandidate = z.looseObject({
  id: VendorId,
  firstname: z.string().min(1),
  lastname: z.string().nullish(), // mononyms: one name is enough here
  email: z.string().nullish(),
  phone: z.string().nullish(),
  stage: z.string().nullish(),
  job: z.object({ shortcode: z.string().min(1), title: z.string().nullish() }),
});
export type WorkableCandidate = z.infer<typeof WorkableCandidate>;

/** A webhook delivery: an envelope whose `id` names the event and whose `data` is the candidate (docs/vendors/workable.md "Webhooks"). */
export const WorkableWebhook = z.looseObject({
  id: VendorId,
  event_type: z.string().min(1),
  fired_at: z.string().nullish(),
  resource_type: z.string().nullish(),
  data: WorkableCandidate,
});
export type WorkableWebhook = z.infer<typeof WorkableWebhook>;

/** GET /jobs/:shortcode, what the hire reads of it. */
export const WorkableJob = z.looseObject({
  shortcode: z.string().min(1),
  title: z.string().min(1),
  department: z.string().nullish(),
  employment_type: z.string().nullish(),
  location: z.looseObject({ city: z.string().nullish(), country: z.string().nullish() }).nullish(),
});

/**
 * GET /candidates/:id/offer (docs/vendors/workable.md "Offer"): each document variable has a name and a
 * slug; its value is `body` text, or `data` for a salary-type variable.
 */
export const WorkableOfferVariable = z.looseObject({
  document_variable: z.looseObject({ name: z.string(), slug: z.string().min(1) }),
  value: z.looseObject({
    body: z.string().nullish(),
    data: z
      .looseObject({
        amount: z.union([z.number(), z.string()]).nullish(),
        frequency: z.string().nullish(),
        currency_iso: z.string().nullish(),
        cached_value: z.string().nullish(),
      })
      .nullish(),
  }),
});
export type WorkableOfferVariable = z.infer<typeof WorkableOfferVariable>;

export const WorkableOffer = z.looseObject({
  state: z.string().nullish(),
  created_at: z.string().nullish(),
  document_variables: z.array(WorkableOfferVariable),
});
export type WorkableOffer = z.infer<typeof WorkableOffer>;
