import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../lib/errors';
import { planFor } from '../../../lib/forget/plan';
import { requestFrom } from '../../../lib/forget/request';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof HrError ? err.code : 'not an HrError';
  }
  return 'no error';
};

test("the trigger's candidate.deleted event names the person and the system that deleted them", () => {
  const request = requestFrom({
    payload: {
      type: 'candidate.deleted',
      system: 'greenhouse',
      candidateId: '35897443',
      eventId: 'e',
      occurredAt: '2026-01-01T00:00:00Z',
    },
    event: { id: 'delete:35897443', vendor: 'greenhouse' },
  });
  assert.deepEqual(request, {
    by: { system: 'greenhouse', externalId: '35897443' },
    deletedAt: { system: 'greenhouse', externalId: '35897443' },
    via: 'greenhouse',
    event: { source: 'greenhouse', eventId: 'delete:35897443' },
  });
});

test('the e-mail addresses a candidate.deleted event carries come along, to be tombstoned if the store never held the person', () => {
  const request = requestFrom({
    payload: {
      type: 'candidate.deleted',
      system: 'lever',
      candidateId: 'c-1',
      eventId: 'e',
      occurredAt: '2026-01-01T00:00:00Z',
      person: { emails: [{ address: 'nia@example.com' }] },
    },
  });
  assert.deepEqual(request.emails, ['nia@example.com']);
});

test("a data-subject request names the person by GUID, by a system's id, or by e-mail address", () => {
  assert.deepEqual(requestFrom({ payload: { guid: 'g-1' } }).by, { guid: 'g-1' });
  assert.deepEqual(requestFrom({ payload: { system: 'bamboohr', externalId: 101 } }).by, {
    system: 'bamboohr',
    externalId: '101',
  });
  assert.deepEqual(requestFrom({ payload: { email: 'ana@example.com' } }).by, { email: 'ana@example.com' });
});

test('anything else is refused with a reason', () => {
  assert.equal(
    code(() => requestFrom({ payload: { type: 'hire', system: 'greenhouse' } })),
    'forget.not_a_deletion',
  );
  assert.equal(
    code(() => requestFrom({ payload: 'Ana Silva' })),
    'forget.request_invalid',
  );
  assert.equal(
    code(() => requestFrom({ payload: { email: 'not an address' } })),
    'forget.request_invalid',
  );
});

test("a plan keys its steps by the person's GUID, the same however often it is made, and skips the reporting system", () => {
  const links = [
    { system: 'greenhouse', externalId: '7' },
    { system: 'bamboohr', externalId: '101' },
  ];
  const request = {
    by: { system: 'greenhouse', externalId: '7' },
    deletedAt: { system: 'greenhouse', externalId: '7' },
    via: 'greenhouse',
  };
  const a = planFor('g-1', links, request, new Date(0));
  const b = planFor('g-1', [...links].reverse(), request, new Date(1));
  assert.deepEqual(a.steps, b.steps);
  assert.deepEqual(
    a.steps.map((s) => [s.key, s.system, s.kind]),
    [
      ['forget:g-1:0', 'bamboohr', 'erase'],
      ['forget:g-1:1', 'greenhouse', 'source'],
    ],
  );
  assert.equal(a.key, 'forget:g-1');
});
