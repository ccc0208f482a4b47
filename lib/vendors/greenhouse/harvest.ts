import { z } from 'zod';
import { HrError } from '../../errors';
import { oauthClientCredentials, type AuthProvider, type HttpClientOptions, type HttpRequest } from '../../http';
import { parsePayload, VendorId } from '../ats/boundary';
import { nextLink } from '../ats/linkHeader';
import { readPages, type PagedRead } from '../ats/pages';
import type { AtsContext } from '../ats/types';

/**
 * Harvest v3, the only Harvest in service since v1/v2 were retired on 2026-08-31. Every route, filter
 * and header here, with its source and confidence: docs/vendors/greenhouse.md ("Harvest v3").
 */
export const harvest = {
  defaultBaseUrl: 'https://harvest.greenhouse.io',
  tokenUrl: 'https://auth.greenhouse.io/token',
  /** v3 has no read-one routes: a record is read from its list, filtered by `ids` (at most 50). */
  list: (
    resource: 'applications' | 'candidates' | 'jobs' | 'offers' | 'custom_fields',
    query: Record<string, string | number>,
  ): HttpRequest => ({
    method: 'GET',
    url: `v3/${resource}`,
    query,
  }),
  /** Date filters take `operator|value`, e.g. `updated_at=gte|2026-01-01T00:00:00Z`. */
  since: (date: Date) => `gte|${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
  /** The `rel="next"` link is followed as given: its cursor must be the only query parameter. */
  nextPage: (link: string): HttpRequest => ({ method: 'GET', url: link }),
  candidate: (id: string) => `v3/candidates/${encodeURIComponent(id)}`,
  anonymize: (id: string) => `v3/candidates/${encodeURIComponent(id)}/anonymize`,
  perPage: 100,
  /** A runaway cursor must not keep the poll busy forever; 50 pages of 100 is far beyond a day of hires. */
  maxPages: 50,
  /** The day Greenhouse took Harvest v1/v2 out of service. */
  v1RetiredOn: '2026-08-31',
} as const;

/** The credentials of a Greenhouse connection in either dialog. */
export interface HarvestCredentials {
  baseUrl?: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** The Greenhouse user the token acts as (`sub`); without it, the credentials' own service user. */
  userId?: string;
  /** Harvest v1/v2 only: the connection loads, but every call fails with greenhouse.v1_retired. */
  apiKey?: string;
}

export const v1Retired = (): HrError =>
  new HrError(
    'greenhouse.v1_retired',
    `Greenhouse took Harvest v1/v2 (API keys) out of service on ${harvest.v1RetiredOn}. Create Harvest v3 OAuth credentials (client id and secret) in Greenhouse and enter them in the connection.`,
  );

/** A legacy API-key connection: it loads (and warns), but Harvest v1/v2 no longer answers. */
export const isLegacy = (c: HarvestCredentials): boolean => !(c.clientId && c.clientSecret) && !!c.apiKey;

/** Credentials for a retired API: every request fails with greenhouse.v1_retired before it is sent. */
const retiredKey: AuthProvider = {
  authorize: () => Promise.reject(v1Retired()),
  tokenExpiresAt: () => null,
  close: () => undefined,
};

export function harvestHttpOptions(c: HarvestCredentials): HttpClientOptions | null {
  const baseUrl = c.baseUrl || harvest.defaultBaseUrl;
  if (c.clientId && c.clientSecret) {
    const auth = oauthClientCredentials({
      tokenUrl: c.tokenUrl || harvest.tokenUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      clientAuth: 'basic',
      ...(c.userId ? { extraParams: { sub: c.userId } } : {}),
    });
    return { baseUrl, auth };
  }
  return c.apiKey ? { baseUrl, auth: retiredKey } : null;
}

/** Reads every page of a v3 list, following the cursor link; each row parsed at the boundary. */
export function readList<S extends z.ZodType>(
  ctx: AtsContext,
  first: HttpRequest,
  row: S,
  what: string,
  maxPages: number = harvest.maxPages,
): Promise<PagedRead<z.output<S>>> {
  return readPages(
    ctx,
    first,
    (response) => {
      const link = nextLink(response.headers.link);
      return { items: parsePayload(z.array(row), response.body, what), next: link ? harvest.nextPage(link) : null };
    },
    maxPages,
  );
}

const Loose = z.looseObject({ id: VendorId });
export type HarvestRecord = z.infer<typeof Loose>;

/** One record read from its list by id; undefined when the list does not hold it (deleted). */
export async function readOne(
  ctx: AtsContext,
  resource: 'candidates' | 'jobs',
  id: string,
  what: string,
): Promise<HarvestRecord | undefined> {
  const { items } = await readList(ctx, harvest.list(resource, { ids: id }), Loose, what, 1);
  return items.find((r) => r.id === id);
}

/** The application's current offer: the offer list filtered to it, latest version only. */
export async function currentOffer(ctx: AtsContext, applicationId: string): Promise<HarvestRecord | undefined> {
  const { items } = await readList(
    ctx,
    harvest.list('offers', { application_ids: applicationId, current_only: 'true' }),
    Loose,
    'The Harvest offers of the application',
    1,
  );
  return items.find((o) => String(o.application_id) === applicationId);
}
