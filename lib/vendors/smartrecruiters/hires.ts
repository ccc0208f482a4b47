import { z } from 'zod';
import { hireKey, parsePayload, VendorId } from '../ats/boundary';
import { readPages } from '../ats/pages';
import type { AtsContext, Delivery, HiresFound } from '../ats/types';

/**
 * SmartRecruiters' reconciliation poll (vendor-apis.md §3.3): the candidates search filtered to a status
 * and updated since a time, paged by offset up to `totalFound`. A candidate's applications are its
 * assignments (the primary and any secondary), one per job. [unconfirmed] the query names, the page size
 * and the assignment fields; change them here only.
 */
export const smartRecruitersHiresApi = {
  inStatusSince: (status: string, since: Date, offset: number) => ({
    method: 'GET' as const,
    url: 'candidates',
    query: { status, updatedAfter: since.toISOString(), limit: smartRecruitersHiresApi.pageSize, offset },
  }),
  pageSize: 100,
  /** A runaway total must not keep the poll busy forever; 50 pages of 100 is far beyond a day of hires. */
  maxPages: 50,
} as const;

/** SmartRecruiters has no application id: a candidate applies to a job once, so the pair names it. */
export const smartRecruitersApplicationId = (jobId: string, candidateId: string): string => `${jobId}:${candidateId}`;

const Assignment = z.looseObject({ job: z.looseObject({ id: VendorId }), status: z.string().min(1) });
const Page = z.object({
  totalFound: z.number().int().nonnegative(),
  content: z.array(z.looseObject({ id: VendorId, email: z.string().nullish(), primaryAssignment: Assignment.nullish(), secondaryAssignments: z.array(Assignment).nullish() })),
});
type Listed = z.infer<typeof Page>['content'][number];

/** Each application of the candidate in the status, as the delivery its status change would have become. */
function asDeliveries(c: Listed, status: string, receivedAt: string): Delivery[] {
  const assignments = [c.primaryAssignment, ...(c.secondaryAssignments ?? [])];
  return assignments
    .filter((a): a is z.infer<typeof Assignment> => a?.status === status)
    .map((a): Delivery => ({
      vendor: 'smartrecruiters',
      type: 'hire',
      vendorType: 'application.status.updated',
      key: hireKey(smartRecruitersApplicationId(a.job.id, c.id)),
      subjects: { candidateIds: [c.id], emails: c.email ? [c.email] : [] },
      body: { job_id: a.job.id, candidate_id: c.id },
      receivedAt,
    }));
}

/** The poll for applications moved to `hiredStatus`: keyed as the hire a status-change webhook becomes, so one of the two is emitted. */
export const smartRecruitersRecentHires =
  (hiredStatus: string) =>
  async (since: Date, ctx: AtsContext, maxPages: number = smartRecruitersHiresApi.maxPages): Promise<HiresFound> => {
    const receivedAt = new Date().toISOString();
    const { items, capped } = await readPages(
      ctx,
      smartRecruitersHiresApi.inStatusSince(hiredStatus, since, 0),
      (response, { query: { offset } }) => {
        const { content, totalFound } = parsePayload(Page, response.body, 'The SmartRecruiters list of hired candidates');
        const end = offset + content.length;
        return { items: content, next: content.length > 0 && end < totalFound ? smartRecruitersHiresApi.inStatusSince(hiredStatus, since, end) : null };
      },
      maxPages,
    );
    return { hires: items.flatMap((c) => asDeliveries(c, hiredStatus, receivedAt)), capped };
  };
