import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** OAuth access tokens handed out by an emulated token endpoint, with real expiry. */
export class TokenIssuer<Grant> {
  private readonly tokens = new Map<string, { grant: Grant; expiresAt: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(grant: Grant): IssuedToken {
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, { grant, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  check(token: string | null): { status: 'valid'; grant: Grant } | { status: 'expired' | 'unknown' } {
    const found = token === null ? undefined : this.tokens.get(token);
    if (!found) return { status: 'unknown' };
    return found.expiresAt > this.now() ? { status: 'valid', grant: found.grant } : { status: 'expired' };
  }

  /** Ends every token's life now, so a test can see the client fetch a new one. */
  expireAll(): void {
    for (const entry of this.tokens.values()) entry.expiresAt = this.now();
  }

  count(): number {
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
  }
}
