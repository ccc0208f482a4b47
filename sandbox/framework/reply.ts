/** What an emulator answers: a status, headers and the exact body bytes. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  body,
});

export const empty = (status: number, headers: Record<string, string> = {}): Reply => ({ status, headers });

/** Thrown by a handler to stop and answer `reply` (a refused credential, an invalid body). */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    // The message repeats the vendor's words, so a seeding helper that refuses says why.
    super(
      `refused with ${reply.status}: ${reply.body?.toString().slice(0, 500) || JSON.stringify(reply.headers ?? {})}`,
    );
  }
}

export function refuse(reply: Reply): never {
  throw new Refusal(reply);
}
