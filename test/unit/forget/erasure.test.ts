import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError, type HttpRequest, type HttpResponse } from '../../../lib/http';
import { eraserFor } from '../../../lib/vendors/registry';
import type { CallContext } from '../../../lib/vendors/hris/types';

/** Records what would be sent and answers as told. */
function vendor(answer: (req: HttpRequest) => Partial<HttpResponse> | Error = () => ({ status: 200 })) {
  const sent: HttpRequest[] = [];
  const ctx: CallContext = {
    send: async (req) => {
      sent.push(req);
      const a = answer(req);
      if (a instanceof Error) throw a;
      return { status: 200, headers: {}, body: undefined, attempts: 1, ...a } as HttpResponse;
    },
  };
  return { ctx, sent };
}

const notFound = () =>
  new HttpError('http.status', 'DELETE … answered 404', {
    method: 'DELETE',
    url: 'x',
    status: 404,
    retryable: false,
    attempts: 1,
    maybeDelivered: false,
  });

test('Greenhouse anonymises every documented field through Harvest v3, or deletes when asked', async () => {
  const { ctx, sent } = vendor();
  assert.deepEqual(await eraserFor('greenhouse').erase('35897443', ctx, { greenhouseMode: 'anonymize' }), {
    outcome: 'erased',
    action: 'anonymized',
  });
  assert.deepEqual([sent[0].method, sent[0].url], ['PATCH', 'v3/candidates/35897443/anonymize']);
  assert.ok((sent[0].body as { fields: string[] }).fields.includes('full_name'));
  assert.deepEqual(await eraserFor('greenhouse').erase('35897443', ctx, { greenhouseMode: 'delete' }), {
    outcome: 'erased',
    action: 'deleted',
  });
  assert.deepEqual([sent[1].method, sent[1].url], ['DELETE', 'v3/candidates/35897443']);
});

test('a record the vendor no longer has counts as already gone, so a repeat after a lost answer is not a failure', async () => {
  const { ctx } = vendor(notFound);
  assert.deepEqual(await eraserFor('checkr').erase('abc', ctx, { greenhouseMode: 'anonymize' }), {
    outcome: 'already_gone',
  });
});

test('Ashby refusing the anonymisation (open applications) becomes a manual step quoting Ashby', async () => {
  const { ctx } = vendor(() => ({ body: { success: false, errors: ['Candidate has active applications'] } }));
  const result = await eraserFor('ashby').erase('c-1', ctx, { greenhouseMode: 'anonymize' });
  assert.equal(result.outcome, 'manual');
  assert.match(result.outcome === 'manual' ? result.reason : '', /active applications/);
});

test('an HRIS without a deletion API is always a manual step and is never called', async () => {
  for (const system of ['bamboohr', 'hibob', 'personio', 'lever', 'someday-hris']) {
    const { ctx, sent } = vendor();
    assert.equal(
      (await eraserFor(system).erase('101', ctx, { greenhouseMode: 'anonymize' })).outcome,
      'manual',
      system,
    );
    assert.deepEqual(sent, []);
  }
});
