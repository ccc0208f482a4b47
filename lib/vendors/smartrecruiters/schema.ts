import { z } from 'zod';
import { VendorId } from '../ats/boundary';

/** The body of a notification: ids only (docs/vendors/smartrecruiters.md "Webhooks"). */
export const NotificationIds = z.looseObject({ candidate_id: VendorId, job_id: VendorId.nullish() });
export const ApplicationIds = z.looseObject({ candidate_id: VendorId, job_id: VendorId });

/** A candidate's application to one job: its assignment, with the status and, once hired, `startsOn`. */
export const SrAssignment = z.looseObject({
  job: z.looseObject({ id: VendorId, title: z.string().nullish() }),
  status: z.string().min(1),
  subStatus: z.string().nullish(),
  startsOn: z.string().nullish(),
});
export type SrAssignment = z.infer<typeof SrAssignment>;

/** GET /candidates/{id} (docs/vendors/smartrecruiters.md "Candidate"). */
export const SrCandidate = z.looseObject({
  id: VendorId,
  firstName: z.string().min(1),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
  phoneNumber: z.string().nullish(),
  primaryAssignment: SrAssignment.nullish(),
  secondaryAssignments: z.array(SrAssignment).nullish(),
});
export type SrCandidate = z.infer<typeof SrCandidate>;

const Labelled = z.looseObject({ label: z.string().nullish() }).nullish();

/** GET /jobs/{id}, what the hire reads of it. */
export const SrJob = z.looseObject({
  id: VendorId,
  title: z.string().min(1),
  department: Labelled,
  typeOfEmployment: Labelled,
  location: z.looseObject({ city: z.string().nullish(), country: z.string().nullish() }).nullish(),
});

/**
 * GET /candidates/{id}/jobs/{jobId}/offers (docs/vendors/smartrecruiters.md "Offers"): start date and pay
 * are in the account's own offer `properties`, keyed by the property's key.
 */
export const SrOffer = z.looseObject({
  id: VendorId,
  status: z.string().nullish(),
  createdOn: z.string().nullish(),
  updatedOn: z.string().nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});
export type SrOffer = z.infer<typeof SrOffer>;
export const SrOffers = z.looseObject({
  totalFound: z.number().int().nonnegative().nullish(),
  content: z.array(SrOffer),
});

/** GET /configuration/offer-properties: the account's offer properties by category. */
export const SrOfferProperties = z.looseObject({
  categories: z.array(
    z.looseObject({
      id: z.string().nullish(),
      properties: z
        .array(z.looseObject({ key: z.string().min(1), label: z.string().nullish(), type: z.string().nullish() }))
        .nullish(),
    }),
  ),
});

/** In search results a secondary assignment names its job only; the primary one carries its status too. */
const ListedAssignment = SrAssignment.extend({ status: z.string().min(1).nullish() });

/** One page of GET /candidates (search): the next page's `nextPageId`, absent on the last page. */
export const SrSearchPage = z.looseObject({
  totalFound: z.number().int().nonnegative().nullish(),
  nextPageId: z.string().min(1).nullish(),
  content: z.array(
    z.looseObject({
      id: VendorId,
      email: z.string().nullish(),
      primaryAssignment: ListedAssignment.nullish(),
      secondaryAssignments: z.array(ListedAssignment).nullish(),
    }),
  ),
});
export type SrListed = z.infer<typeof SrSearchPage>['content'][number];

/** The candidate's applications, the primary one first. */
export const assignmentsOf = <A>(c: { primaryAssignment?: A | null; secondaryAssignments?: A[] | null }): A[] =>
  [c.primaryAssignment, ...(c.secondaryAssignments ?? [])].filter((a): a is A => !!a);
