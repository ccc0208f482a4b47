import { z } from 'zod';
import { VendorId } from '../ats/boundary';

/**
 * A Workable candidate as a webhook body and the candidates list carry it (vendor-apis.md §3.2), reduced
 * to what the trigger reads; the other fields are kept, so the poll's body reads like the webhook's.
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
