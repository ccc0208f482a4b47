/**
 * How a connection proves who it is. The client asks for credentials before every attempt, so a
 * provider can refresh them; when the resource answers 401 the client calls `reject()` on exactly
 * the credentials it sent, and retries once if the provider says fresh ones may help.
 */
export interface AuthProvider {
  authorize(): Promise<Credentials>;
  /** When the current credentials stop working, for health warnings; null if they do not expire or it is unknown. */
  tokenExpiresAt(): Date | null;
  close(): void;
}

export interface Credentials {
  headers: Record<string, string>;
  /** Marks these credentials as refused by the resource; true when fetching new ones is worth one retry. */
  reject(): boolean;
}

export function staticHeaders(headers: Record<string, string>): AuthProvider {
  const credentials: Credentials = { headers: { ...headers }, reject: () => false };
  return {
    authorize: async () => credentials,
    tokenExpiresAt: () => null,
    close: () => undefined,
  };
}

export const bearerToken = (token: string): AuthProvider => staticHeaders({ Authorization: `Bearer ${token}` });

export const apiKeyHeader = (header: string, key: string): AuthProvider => staticHeaders({ [header]: key });

/**
 * HTTP Basic. Most vendors put the API key in the username: Greenhouse Harvest v1/v2, Ashby and
 * Checkr with an empty password, BambooHR with any password, commonly 'x' (docs/vendors/checkr.md, docs/vendors/bamboohr.md).
 */
export const basicAuth = (username: string, password = ''): AuthProvider =>
  staticHeaders({ Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` });
