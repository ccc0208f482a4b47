import { z } from 'zod';
import { basicAuth, HttpError, oauthClientCredentials, type HttpClientOptions, type HttpRequest } from '../../http';
import { hireKey, parsePayload, VendorId } from '../ats/boundary';
import { nextLink } from '../ats/linkHeader';
import { readPages } from '../ats/pages';
import type { AtsApiSettings, AtsContext, Delivery, HiresFound } from '../ats/types';

/**
 * Harvest as the reconciliation poll reads it. v1/v2 routes and fields: vendor-apis.md §1.5 [official].
 * v3 [unconfirmed]: the migration guide maps v1 routes one to one (§1.6) but the list filters were not
 * retrieved; they are assumed to mirror v1 until checked against harvestdocs. Change them here only.
 */
export const harvest = {
  defaultBaseUrl: 'https://harvest.greenhouse.io',
  tokenUrl: 'https://auth.greenhouse.io/token',
  version: { apiKey: 'v1', oauth: 'v3' },
  hiredSince: (version: string, since: Date): HttpRequest => ({
    method: 'GET',
    url: `${version}/applications`,
    query: { status: 'hired', last_activity_after: since.toISOString(), per_page: 100 },
  }),
  /** The `rel="next"` link is followed as given: v3's cursor must be its only query parameter (§1.6). */
  nextPage: (link: string): HttpRequest => ({ method: 'GET', url: link }),
  candidate: (version: string, id: string) => `${version}/candidates/${encodeURIComponent(id)}`,
  currentOffer: (version: string, id: string) => `${version}/applications/${encodeURIComponent(id)}/offers/current_offer`,
  job: (version: string, id: string) => `${version}/jobs/${encodeURIComponent(id)}`,
  /** A runaway cursor must not keep the poll busy forever; 50 pages of 100 is far beyond a day of hires. */
  maxPages: 50,
} as const;

const Listed = z.looseObject({ id: VendorId, candidate_id: VendorId, jobs: z.array(z.looseObject({ id: VendorId })).min(1) });
const Record = z.looseObject({ id: VendorId });
type Loose = z.infer<typeof Record>;

function httpOptions(api: AtsApiSettings): HttpClientOptions | null {
  const baseUrl = api.baseUrl || harvest.defaultBaseUrl;
  if (api.clientId && api.clientSecret) {
    // v3: client credentials, client id and secret as Basic, `sub` = the user to act as (§1.6).
    const auth = oauthClientCredentials({
      tokenUrl: api.tokenUrl || harvest.tokenUrl,
      clientId: api.clientId,
      clientSecret: api.clientSecret,
      clientAuth: 'basic',
      ...(api.account ? { extraParams: { sub: api.account } } : {}),
    });
    return { baseUrl, auth };
  }
  // v1/v2: the API key as the Basic username, empty password (§1.5).
  return api.apiKey ? { baseUrl, auth: basicAuth(api.apiKey, '') } : null;
}

async function getRecord(ctx: AtsContext, url: string, what: string): Promise<Loose | undefined> {
  try {
    return parsePayload(Record, (await ctx.send({ method: 'GET', url })).body, what);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return undefined;
    throw err;
  }
}

/** The Harvest records in the shape of the `hire_candidate` webhook, so one function builds the hire. */
function asWebhookApplication(app: Loose, candidate: Loose, offer: Loose | undefined, job: Loose | undefined): unknown {
  const offices = Array.isArray(job?.offices) ? (job.offices as Array<{ location?: { name?: unknown } | null }>) : [];
  return {
    ...app,
    candidate,
    opening: (offer?.opening as unknown) ?? null,
    jobs: job ? [{ ...job, offices: offices.map((o) => ({ ...o, location: o.location?.name ?? null })), custom_fields: job.keyed_custom_fields }] : [],
    offer: offer ? { ...offer, custom_fields: offer.keyed_custom_fields } : undefined,
  };
}

async function recentHires(since: Date, ctx: AtsContext, maxPages: number = harvest.maxPages): Promise<HiresFound> {
  const version = ctx.auth === 'oauth' ? harvest.version.oauth : harvest.version.apiKey;
  const { items: listed, capped } = await readPages(
    ctx,
    harvest.hiredSince(version, since),
    (response) => {
      const link = nextLink(response.headers.link);
      return { items: parsePayload(z.array(Listed), response.body, 'The Harvest list of hired applications'), next: link ? harvest.nextPage(link) : null };
    },
    maxPages,
  );
  const receivedAt = new Date().toISOString();
  const deliveries: Delivery[] = [];
  for (const app of listed) {
    const candidate = await getRecord(ctx, harvest.candidate(version, app.candidate_id), 'The Harvest candidate');
    // A candidate deleted since the hire is not to be created; a missing job or offer is left for the
    // hire's own validation to name, so the hire is reported rather than skipped.
    if (!candidate) continue;
    const job = await getRecord(ctx, harvest.job(version, app.jobs[0]!.id), 'The Harvest job');
    const offer = await getRecord(ctx, harvest.currentOffer(version, app.id), 'The Harvest current offer');
    const emails = Array.isArray(candidate.email_addresses) ? (candidate.email_addresses as Array<{ value: string }>).map((e) => e.value) : [];
    deliveries.push({
      vendor: 'greenhouse',
      type: 'hire',
      vendorType: 'hire_candidate',
      key: hireKey(app.id, offer?.id),
      subjects: { candidateIds: [app.candidate_id], emails },
      body: { action: 'hire_candidate', payload: { application: asWebhookApplication(app, candidate, offer, job) } },
      receivedAt,
    });
  }
  return { hires: deliveries, capped };
}

export const greenhouseHarvest = { httpOptions, recentHires };
