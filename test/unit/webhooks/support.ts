import assert from 'node:assert/strict';
import type { SignedDelivery } from '../../../sandbox/senders';
import type { InboundRequest, RefusalReason, VerifyResult } from '../../../lib/webhooks';

/** What the trigger node hands the verifier: Node's http module lower-cases header names. */
export function inbound(signed: SignedDelivery, receivedAt = new Date()): InboundRequest {
  const headers = Object.fromEntries(
    Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { rawBody: signed.rawBody, headers, receivedAt };
}

export const withHeader = (req: InboundRequest, name: string, value: string | undefined): InboundRequest => ({
  ...req,
  headers: { ...req.headers, [name]: value },
});

/** Flips one bit of one byte in the middle of the body. */
export function withOneByteChanged(req: InboundRequest): InboundRequest {
  const rawBody = Buffer.from(req.rawBody);
  const at = Math.floor(rawBody.length / 2);
  rawBody[at] = (rawBody[at] ?? 0) ^ 0x01;
  return { ...req, rawBody };
}

/** Rewrites the JSON body (for vendors whose signature lives in it); the result is plain UTF-8 JSON. */
export function withBody(
  req: InboundRequest,
  edit: (body: Record<string, unknown>) => Record<string, unknown>,
): InboundRequest {
  const body = JSON.parse(req.rawBody.toString('utf8')) as Record<string, unknown>;
  return { ...req, rawBody: Buffer.from(JSON.stringify(edit(body))) };
}

export const minutes = (n: number) => n * 60_000;
export const shifted = (date: Date, ms: number) => new Date(date.getTime() + ms);

export function assertAccepted(result: VerifyResult): asserts result is Extract<VerifyResult, { ok: true }> {
  assert.equal(result.ok, true, result.ok ? '' : `refused: ${result.reason} (${result.detail})`);
}

/** Every refusal is checked for leaks: its detail may name headers and numbers, never the secret or the body. */
export function assertRefused(result: VerifyResult, reason: RefusalReason, secret: string, req?: InboundRequest): void {
  assert.equal(result.ok, false, `expected ${reason}, but the request was accepted`);
  if (result.ok) return;
  assert.equal(result.reason, reason, result.detail);
  assert.ok(result.detail.length > 0);
  assert.ok(!result.detail.includes(secret), 'the detail contains the secret');
  if (req && req.rawBody.length > 0)
    assert.ok(!result.detail.includes(req.rawBody.toString('utf8')), 'the detail contains the body');
}
