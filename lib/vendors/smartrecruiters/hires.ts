import { fetchParsed, hireKey, parsePayload } from '../ats/boundary';
import { readPages } from '../ats/pages';
import type { AtsContext, Delivery, HiresFound } from '../ats/types';
import { assignmentsOf, SrCandidate, SrSearchPage, type SrListed } from './schema';

/**
 * SmartRecruiters' reconciliation poll (docs/vendors/smartrecruiters.md "Candidates search"): GET
 * /candidates filtered by status and `updatedAfter`, at most 100 a page; the next page is asked for with
 * the `pageId` the previous page returned as `nextPageId`. A candidate's applications are its
 * assignments, one per job; in search results only the primary one carries its status, so a candidate
 * with other applications is read in full to learn which of them is the hire.
 */
export const smartRecruitersHiresApi = {
  search: (status: string, since: Date, pageId?: string) => ({
    method: 'GET' as const,
    url: 'candidates',
    query: {
      status,
      updatedAfter: since.toISOString(),
      limit: smartRecruitersHiresApi.pageSize,
      ...(pageId ? { pageId } : {}),
    },
  }),
  candidate: (id: string) => ({ method: 'GET' as const, url: `candidates/${encodeURIComponent(id)}` }),
  pageSize: 100,
  /** A runaway page id must not keep the poll busy forever; 50 pages of 100 is far beyond a day of hires. */
  maxPages: 50,
} as const;

/** SmartRecruiters has no application id: a candidate applies to a job once, so the pair names it. */
export const smartRecruitersApplicationId = (jobId: string, candidateId: string): string => `${jobId}:${candidateId}`;

/** The jobs the candidate is in `status` for: from the listing when it says, else from the candidate's details. */
async function jobsInStatus(c: SrListed, status: string, ctx: AtsContext): Promise<string[]> {
  const listed = assignmentsOf(c);
  if (listed.every((a) => a.status)) return listed.filter((a) => a.status === status).map((a) => a.job.id);
  const details = await fetchParsed(
    ctx,
    smartRecruitersHiresApi.candidate(c.id),
    SrCandidate,
    'The SmartRecruiters candidate',
  );
  return assignmentsOf(details)
    .filter((a) => a.status === status)
    .map((a) => a.job.id);
}

const asDelivery = (c: SrListed, jobId: string, receivedAt: string): Delivery => ({
  vendor: 'smartrecruiters',
  type: 'hire',
  vendorType: 'application.status.updated',
  key: hireKey(smartRecruitersApplicationId(jobId, c.id)),
  subjects: { candidateIds: [c.id], emails: c.email ? [c.email] : [] },
  body: { job_id: jobId, candidate_id: c.id },
  receivedAt,
});

/** The poll for applications moved to `hiredStatus`: keyed as the hire a status-change webhook becomes, so one of the two is emitted. */
export const smartRecruitersRecentHires =
  (hiredStatus: string) =>
  async (since: Date, ctx: AtsContext, maxPages: number = smartRecruitersHiresApi.maxPages): Promise<HiresFound> => {
    const receivedAt = new Date().toISOString();
    const { items, capped } = await readPages(
      ctx,
      smartRecruitersHiresApi.search(hiredStatus, since),
      (response) => {
        const { content, nextPageId } = parsePayload(
          SrSearchPage,
          response.body,
          'The SmartRecruiters list of hired candidates',
        );
        return {
          items: content,
          next:
            nextPageId && content.length > 0 ? smartRecruitersHiresApi.search(hiredStatus, since, nextPageId) : null,
        };
      },
      maxPages,
    );
    const hires: Delivery[] = [];
    for (const c of items)
      for (const jobId of await jobsInStatus(c, hiredStatus, ctx)) hires.push(asDelivery(c, jobId, receivedAt));
    return { hires, capped };
  };
