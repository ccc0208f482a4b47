/** Personio v2 answers as Personio customers posted them (test/fixtures/vendors/personio) against our Personio target. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personio } from '../../lib/vendors/personio/target';
import type { HttpRequest, HttpResponse } from '../../lib/http';
import { vendorJson } from '../support/vendorFixtures';

const person = vendorJson<{ id: string }>('personio', 'person.json');
const employment = vendorJson('personio', 'employment.json');

function personioAnswering(sent: HttpRequest[]) {
  return {
    send: async (request: HttpRequest): Promise<HttpResponse> => {
      sent.push(request);
      const body = request.url.endsWith('/employments')
        ? { _data: [employment], _meta: { links: {} } }
        : request.url === 'v2/persons'
          ? { _data: [person], _meta: { links: {} } }
          : person;
      return { status: 200, headers: {}, body, attempts: 1, durationMs: 1 };
    },
  };
}

test('a person answered with employments by id only is read, and its state comes from the employments list', async () => {
  const sent: HttpRequest[] = [];
  assert.equal(await personio().employeeStatus(person.id, personioAnswering(sent)), 'active');
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.url}`),
    ['GET v2/persons/32180425', 'GET v2/persons/32180425/employments'],
  );
});

test('the lookup by email uses the documented filter and limit, and reads the posted list item', async () => {
  const sent: HttpRequest[] = [];
  assert.deepEqual(await personio().findByWorkEmail('ana@example.com', personioAnswering(sent)), {
    employeeId: '32180425',
    status: 'active',
  });
  assert.deepEqual(sent[0]?.query, { email: 'ana@example.com', limit: 1 });
});
