/**
 * Lever payloads in the shapes the public sources agree on (test/fixtures/vendors/lever/README.md) parse
 * into our canonical events, and our requests are the documented Data API routes: GETs only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { lever } from '../../../../lib/vendors/lever/source';
import type { CandidateEvent, Delivery, HireEvent } from '../../../../lib/vendors/ats';
import { parseJsonBody } from '../../../../lib/webhooks/body';
import { projectRoot } from '../../../support/runtimes';
import { fakeApi } from './support';

const read = (name: string) =>
  fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'vendors', 'lever', `${name}.json`));
const fixture = (name: string): Record<string, unknown> => parseJsonBody(read(name)) as Record<string, unknown>;
const OPP = '250d8f03-738a-4bba-a671-8a3d73477145';
const POSTING = 'f2f01e16-27f8-4711-a728-7d49499795a0';

function delivery(name: string): Delivery {
  const rawBody = read(name);
  const body = parseJsonBody(rawBody);
  const classified = lever.classify({
    rawBody,
    headers: {},
    receivedAt: new Date('2017-02-24T20:49:18Z'),
    body,
    vendorEventId: null,
  });
  assert.ok(classified, `${name} is classified`);
  return { ...classified, vendor: 'lever', body, receivedAt: '2017-02-24T20:49:18.224Z' };
}

const api = () =>
  fakeApi({
    [`GET opportunities/${OPP}`]: fixture('opportunity'),
    [`GET opportunities/${OPP}/offers`]: fixture('offers'),
    'GET archive_reasons': fixture('archive_reasons'),
    [`GET postings/${POSTING}`]: {
      data: {
        id: POSTING,
        text: 'Customer Success Manager',
        categories: { team: 'Customer Success', department: 'Sales', location: 'Oakland', commitment: 'Full-time' },
      },
    },
  });

test('candidateHired, confirmed and completed from the opportunity, its signed offer and the posting, is the hire of that opportunity', async () => {
  const d = delivery('candidateHired');
  assert.equal(d.key, 'delivery:1df8b3a0c43d4e2e8c0a');
  const { ctx, calls } = api();
  const hire = (await lever.canonical(d, ctx)).event as HireEvent;
  assert.equal(hire.eventId, `hire:${OPP}`);
  assert.deepEqual(hire.person.legalName, { first: 'Shane', last: 'Smith' });
  assert.equal(hire.person.emails[0]?.address, 'shane@exampleq3.com');
  assert.equal(hire.offer.startDate, '2017-03-21');
  assert.deepEqual(
    hire.offer.compensation,
    { amount: '85000', currency: 'USD' },
    'no period on the offer and none declared: unknown',
  );
  assert.equal(hire.offer.title, 'Customer Success Manager');
  assert.equal(hire.offer.employmentType, 'full_time');
  assert.equal(hire.occurredAt, '2017-02-24T20:49:18.224Z', 'the time Lever archived the opportunity as hired');
  assert.deepEqual(
    calls.map((c) => [c.method, c.url, c.query ?? null]),
    [
      ['GET', `opportunities/${OPP}`, { expand: 'owner' }],
      ['GET', 'archive_reasons', { type: 'hired' }],
      ['GET', `opportunities/${OPP}/offers`, null],
      ['GET', `postings/${POSTING}`, null],
    ],
  );
});

test('candidateStageChange is a candidate.updated, keyed by its content so Lever’s retries with new tokens are one event', async () => {
  const d = delivery('candidateStageChange');
  const event = (await lever.canonical(d, fakeApi({}).ctx)).event as CandidateEvent;
  assert.equal(event.type, 'candidate.updated');
  assert.equal(event.candidateId, 'a3c8e9e2-8e47-4d8c-9b1c-9f3b6c0f7e11');
  const retry = {
    ...d,
    key: 'delivery:another-token',
    body: { ...(d.body as object), token: 'another-token', signature: 'other' },
  };
  assert.equal((await lever.canonical(retry, fakeApi({}).ctx)).event.eventId, event.eventId);
});

test('candidateDeleted is emitted only once the opportunity answers 404 and the contact has none left', async () => {
  const d = delivery('candidateDeleted');
  await assert.rejects(
    lever.canonical(d, api().ctx),
    (err: { code: string }) => err.code === 'ats.unconfirmed',
    'the opportunity still exists',
  );
  const { ctx, calls } = fakeApi({ 'GET opportunities': { data: [], hasNext: false } });
  const event = (await lever.canonical(d, ctx)).event as CandidateEvent;
  assert.equal(event.type, 'candidate.deleted');
  assert.deepEqual(
    calls.map((c) => [c.method, c.url, c.query ?? null]),
    [
      ['GET', `opportunities/${OPP}`, null],
      ['GET', 'opportunities', { contact_id: 'a3c8e9e2-8e47-4d8c-9b1c-9f3b6c0f7e11', limit: 1 }],
    ],
  );
});
