import { formBody } from './body';
import { refuse, json, type Reply } from './reply';
import { basicCredentials, contentTypeIs, type SandboxRequest } from './request';
import type { Route } from './routes';
import type { IssuedToken, TokenIssuer } from './tokens';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** RFC 6749 §5.2 error body, which token endpoints share whatever their API's own error shape. */
const oauthError = (status: number, error: string, description: string): Reply =>
  json(status, { error, error_description: description });

/**
 * An RFC 6749 §4.4 client-credentials token request: a urlencoded form with the client in a Basic
 * header (Greenhouse v3, docs/vendors/greenhouse.md) or in the body (Personio v2, docs/vendors/personio.md). Returns the client and the form.
 */
export function clientCredentialsRequest(
  req: SandboxRequest,
  clients: readonly OAuthClient[],
  clientAuth: 'basic' | 'body',
): { client: OAuthClient; form: Record<string, string> } {
  if (!contentTypeIs(req, 'application/x-www-form-urlencoded')) {
    refuse(oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded'));
  }
  const form = formBody(req);
  if (form.grant_type !== 'client_credentials')
    refuse(oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials'));
  const basic = basicCredentials(req);
  const presented =
    clientAuth === 'basic'
      ? { id: basic?.user, secret: basic?.password }
      : { id: form.client_id, secret: form.client_secret };
  const client = clients.find((c) => c.clientId === presented.id && c.clientSecret === presented.secret);
  return client ? { client, form } : refuse(oauthError(401, 'invalid_client', 'Client authentication failed'));
}

export const tokenReply = (issued: IssuedToken, extra: Record<string, unknown> = {}): Reply =>
  json(200, { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, ...extra });

/** `POST /_sandbox/expire-tokens`: every issued token stops working, to test the client's refresh. */
export const expireTokensControl = (issuer: TokenIssuer<unknown>): Route => ({
  method: 'POST',
  path: '/expire-tokens',
  handle: () => {
    issuer.expireAll();
    return json(200, { expired: issuer.count() });
  },
});
