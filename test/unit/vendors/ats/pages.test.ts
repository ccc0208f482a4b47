/** The page loop every time-filtered poll reads its vendor's list with. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { HttpRequest } from '../../../../lib/http';
import { parsePayload } from '../../../../lib/vendors/ats/boundary';
import { readPages } from '../../../../lib/vendors/ats/pages';
import type { AtsContext } from '../../../../lib/vendors/ats';

/** A list served a page per `page` query, each page naming the next as a vendor would. */
function pagedList(pages: unknown[]) {
  const asked: number[] = [];
  const ctx: AtsContext = {
    settings: { timeZone: 'UTC' },
    auth: 'apiKey',
    async send(request) {
      const page = Number(request.query?.page);
      asked.push(page);
      return { status: 200, headers: {}, body: pages[page], attempts: 1, durationMs: 1 };
    },
  };
  return { ctx, asked };
}

const at = (page: number): HttpRequest => ({ method: 'GET', url: 'hires', query: { page } });
const Page = z.object({ hires: z.array(z.object({ id: z.string() })), more: z.boolean() });
const parse = (response: { body: unknown }, request: HttpRequest) => {
  const { hires, more } = parsePayload(Page, response.body, 'The list of hires');
  return { items: hires.map((h) => h.id), next: more ? at(Number(request.query?.page) + 1) : null };
};
const pageOf = (ids: string[], more: boolean) => ({ hires: ids.map((id) => ({ id })), more });

test('reads pages until one names no next page, and is not capped', async () => {
  const { ctx, asked } = pagedList([pageOf(['a', 'b'], true), pageOf(['c'], true), pageOf([], false)]);
  assert.deepEqual(await readPages(ctx, at(0), parse, 5), { items: ['a', 'b', 'c'], capped: false });
  assert.deepEqual(asked, [0, 1, 2]);
});

test('a last page read exactly at the limit is not capped', async () => {
  const { ctx } = pagedList([pageOf(['a'], true), pageOf(['b'], false)]);
  assert.deepEqual(await readPages(ctx, at(0), parse, 2), { items: ['a', 'b'], capped: false });
});

test('stops at the limit without asking for the next page, and says it was capped', async () => {
  const { ctx, asked } = pagedList([pageOf(['a'], true), pageOf(['b'], true), pageOf(['c'], false)]);
  assert.deepEqual(await readPages(ctx, at(0), parse, 2), { items: ['a', 'b'], capped: true });
  assert.deepEqual(asked, [0, 1]);
});

test('a malformed page fails the read naming the field', async () => {
  const { ctx } = pagedList([pageOf(['a'], true), { hires: [{ id: 7 }], more: false }]);
  await assert.rejects(readPages(ctx, at(0), parse, 5), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'ats.payload_invalid');
    assert.match(err.message, /The list of hires is not valid: .*hires\.0\.id/);
    return true;
  });
});
