import { z } from 'zod';
import type { AuthProvider, Credentials } from './auth';
import { createHttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse } from './client';
import { systemClock } from './clock';
import { HttpError } from './httpError';
import { redactUrl } from '../privacy/redact';

export interface OAuthOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  scope?: string;
  /**
   * Where the client id and secret go: 'basic' in an Authorization header (Greenhouse Harvest v3,
   * docs/vendors/greenhouse.md), 'body' next to grant_type (Personio v2, docs/vendors/personio.md). Default 'body'.
   */
  clientAuth?: 'basic' | 'body';
  /** 'form' is RFC 6749; Lever and BambooHR token endpoints take JSON (docs/vendors/lever.md, docs/vendors/bamboohr.md). Default 'form'. */
  bodyFormat?: 'form' | 'json';
  /** Vendor additions to the token request, e.g. Greenhouse's `sub` (the user to act as, docs/vendors/greenhouse.md). */
  extraParams?: Record<string, string>;
  /** Refresh this long before expiry, at most 10 % of the token's lifetime. Default 60 s. */
  refreshAheadMs?: number;
  /** Options for the provider's own client to the token endpoint (timeouts, logger, clock). */
  http?: Omit<HttpClientOptions, 'auth' | 'baseUrl'>;
}

export interface RefreshTokenOptions extends OAuthOptions {
  refreshToken: string;
  /** Called when the server rotates the refresh token; store it, or the next restart cannot log in. */
  onRefreshToken?: (refreshToken: string) => void;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
});

interface Token {
  accessToken: string;
  expiresAt: number | null;
  refreshAt: number | null;
}

const DEFAULT_REFRESH_AHEAD_MS = 60_000;

function tokenProvider(
  options: OAuthOptions,
  grant: () => Record<string, string>,
  onToken: (raw: z.infer<typeof TokenResponse>) => void,
  repeatable: boolean,
): AuthProvider {
  const http = createHttpClient(options.http);
  const now = options.http?.clock?.now ?? systemClock.now;
  const shownUrl = redactUrl(options.tokenUrl);
  let current: Token | null = null;
  let inflight: Promise<Token> | null = null;

  const refused = (what: string, status: number, attempts: number, vendorMessage?: string) =>
    new HttpError('http.auth', `The token endpoint ${shownUrl} ${what}`, {
      method: 'POST',
      url: shownUrl,
      status,
      retryable: false,
      attempts,
      maybeDelivered: false,
      ...(vendorMessage ? { vendorMessage } : {}),
    });

  const fetchToken = async (): Promise<Token> => {
    const requestedAt = now();
    const params: Record<string, string> = {
      ...grant(),
      ...(options.scope ? { scope: options.scope } : {}),
      ...options.extraParams,
    };
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.clientAuth === 'basic') {
      headers.Authorization = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret ?? ''}`).toString('base64')}`;
    } else {
      params.client_id = options.clientId;
      if (options.clientSecret !== undefined) params.client_secret = options.clientSecret;
    }
    const request: HttpRequest = {
      method: 'POST',
      url: options.tokenUrl,
      headers,
      body: options.bodyFormat === 'json' ? params : new URLSearchParams(params),
      idempotent: repeatable,
    };
    let response: HttpResponse;
    try {
      response = await http.request(request);
    } catch (err) {
      // RFC 6749 §5.2: a refused client or grant is a 400 or 401; no retry can fix it, a person must.
      if (err instanceof HttpError && (err.status === 400 || err.status === 401 || err.status === 403)) {
        const said = err.vendorMessage ? `: ${err.vendorMessage}` : '';
        throw refused(`refused the connection's credentials${said}`, err.status, err.attempts, err.vendorMessage);
      }
      throw err;
    }
    const parsed = TokenResponse.safeParse(response.body);
    if (!parsed.success) throw refused('answered without a usable access_token', response.status, response.attempts);
    onToken(parsed.data);
    const lifetimeMs = parsed.data.expires_in !== undefined ? parsed.data.expires_in * 1000 : null;
    if (lifetimeMs === null) return { accessToken: parsed.data.access_token, expiresAt: null, refreshAt: null };
    // Counted from when we asked, so network time can only make us refresh early, never late.
    const expiresAt = requestedAt + lifetimeMs;
    const ahead = Math.min(options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS, lifetimeMs * 0.1);
    return { accessToken: parsed.data.access_token, expiresAt, refreshAt: expiresAt - ahead };
  };

  const token = (): Promise<Token> => {
    if (current && (current.refreshAt === null || now() < current.refreshAt)) return Promise.resolve(current);
    // Single flight: every request that finds the token stale waits on the same fetch.
    inflight ??= fetchToken()
      .then((fresh) => (current = fresh))
      .finally(() => (inflight = null));
    return inflight;
  };

  return {
    async authorize(): Promise<Credentials> {
      const used = await token();
      return {
        headers: { Authorization: `Bearer ${used.accessToken}` },
        reject() {
          // Only the first 401 for a token drops it; requests that sent the same token share the next fetch.
          if (current === used) current = null;
          return true;
        },
      };
    },
    tokenExpiresAt: () => (current?.expiresAt != null ? new Date(current.expiresAt) : null),
    close: () => http.close(),
  };
}

/** OAuth 2.0 client credentials (Greenhouse Harvest v3, Personio v2): a cached, self-refreshing Bearer token. */
export function oauthClientCredentials(options: OAuthOptions): AuthProvider {
  return tokenProvider(
    options,
    () => ({ grant_type: 'client_credentials' }),
    () => undefined,
    true,
  );
}

/**
 * OAuth 2.0 refresh-token grant (Lever, BambooHR, Greenhouse partners). Not repeated after an
 * ambiguous failure: a server that rotates refresh tokens may have spent the old one already.
 */
export function oauthRefreshToken(options: RefreshTokenOptions): AuthProvider {
  let refreshToken = options.refreshToken;
  const onToken = (raw: z.infer<typeof TokenResponse>) => {
    if (raw.refresh_token && raw.refresh_token !== refreshToken) {
      refreshToken = raw.refresh_token;
      options.onRefreshToken?.(refreshToken);
    }
  };
  return tokenProvider(options, () => ({ grant_type: 'refresh_token', refresh_token: refreshToken }), onToken, false);
}
