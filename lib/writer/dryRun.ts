import { MASK, redact, redactUrl, type HttpClientOptions, type HttpRequest } from '../http';
import type { IdentityGraph } from '../store/types';
import type { CallContext } from '../vendors/hris/types';
import type { Outcome, ShownRequest, WriteJob } from './job';
import { execute, type WriterTargets } from './operations';

/** Stops a dry run at the first request, carrying what would have been sent. */
export class DryRunCaptured extends Error {
  constructor(readonly request: ShownRequest) {
    super('dry run: request captured, not sent');
  }
}

function fullUrl(baseUrl: string | undefined, request: HttpRequest): string {
  const url =
    baseUrl && !/^https?:\/\//i.test(request.url)
      ? `${baseUrl.replace(/\/+$/, '')}/${request.url.replace(/^\/+/, '')}`
      : request.url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) params.append(k, String(v));
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

/**
 * A call context that sends nothing: the request is built exactly as the vendor module builds it,
 * then shown with credentials and fields named like identity numbers masked (the writer node masks
 * it again with its dictionary's policy). The credential itself is never read
 * (an OAuth connection would have to fetch a token to know it), so it shows as masked.
 */
export function dryRunContext(http: HttpClientOptions, authHeader = 'Authorization'): CallContext {
  return {
    async send(request) {
      const headers = { ...http.headers, ...request.headers, ...(http.auth ? { [authHeader]: MASK } : {}) };
      const body = request.body instanceof URLSearchParams ? Object.fromEntries(request.body) : request.body;
      throw new DryRunCaptured({
        method: request.method,
        url: redactUrl(fullUrl(http.baseUrl, request)),
        headers: redact(headers),
        ...(body !== undefined ? { body: redact(body) } : {}),
      });
    },
  };
}

/**
 * Everything but the send: the identity graph is read, the request is built and shown. Lookups in
 * the target are skipped, as they are requests too; the outbox is not touched, so a later real run
 * is not mistaken for a repeat.
 */
export async function preview(job: WriteJob, targets: WriterTargets, store: IdentityGraph): Promise<Outcome> {
  try {
    const result = await execute(job, targets, store, { retry: false, outcomeUnknown: false, dryRun: true });
    // Nothing would be sent: the person is already linked in the target.
    return { kind: 'dryRun', job, request: null, result };
  } catch (err) {
    if (err instanceof DryRunCaptured) return { kind: 'dryRun', job, request: err.request };
    throw err;
  }
}
