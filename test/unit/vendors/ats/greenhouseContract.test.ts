import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { HttpRequest, HttpResponse } from '../../../../lib/http';
import type { AtsContext, CandidateEvent, HireEvent, OfferEvent } from '../../../../lib/vendors/ats';
import { greenhouseEraser } from '../../../../lib/vendors/greenhouse/erasure';
import { greenhouse } from '../../../../lib/vendors/greenhouse/source';
import { greenhouseWriteBack } from '../../../../lib/vendors/greenhouse/writeBack';
import { greenhouseSender, hireCandidatePayload, updateCandidatePayload } from '../../../../sandbox/senders';
import { deliveryOf } from './support';

/** Greenhouse's own published webhook examples (see the README beside them). */
const fixtures = path.join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'vendors', 'greenhouse');
const example = (action: string): unknown => JSON.parse(fs.readFileSync(path.join(fixtures, `${action}.json`), 'utf8'));
const sender = greenhouseSender({ secret: 'gh-secret' });
const canonical = async (action: string) =>
  (await greenhouse.canonical(deliveryOf(greenhouse, sender.signed(example(action))), harvestV3({}).ctx)).event;

/** A Harvest v3 API that answers per "METHOD path" and records every request as sent. */
function harvestV3(answers: Record<string, (request: HttpRequest) => { body: unknown; link?: string }>) {
  const sent: HttpRequest[] = [];
  const ctx: AtsContext = {
    settings: { timeZone: 'UTC', defaultCountry: 'US' },
    auth: 'oauth',
    async send(request): Promise<HttpResponse> {
      sent.push(request);
      const key = `${request.method} ${new URL(request.url, 'https://harvest.greenhouse.io/').pathname}`;
      const answer = answers[key]?.(request) ?? assert.fail(`unexpected request ${key}`);
      return {
        status: 200,
        headers: answer.link ? { link: answer.link } : {},
        body: answer.body,
        attempts: 1,
        durationMs: 1,
      };
    },
  };
  return { ctx, sent };
}

test('Greenhouse’s example hire_candidate becomes a canonical hire with its ids and ISO start date', async () => {
  const hire = (await canonical('hire_candidate')) as HireEvent;
  assert.equal(hire.type, 'hire');
  assert.deepEqual(hire.person.legalName, { first: 'Johnny', last: 'Smith' });
  assert.equal(hire.offer.startDate, '2015-01-23');
  assert.deepEqual(hire.sourceIds, {
    system: 'greenhouse',
    candidateId: '35897443',
    applicationId: '46194062',
    offerId: '506409',
    jobId: '323753',
  });
});

test('Greenhouse’s example update_candidate (a candidate, no application) is accepted as candidate.updated', async () => {
  const event = (await canonical('update_candidate')) as CandidateEvent;
  assert.equal(event.type, 'candidate.updated');
  assert.equal(event.candidateId, '15696179');
  assert.equal(event.applicationIds, undefined);
  const body = example('update_candidate');
  const classified = greenhouse.classify({
    body,
    rawBody: Buffer.from(JSON.stringify(body)),
    headers: {},
    receivedAt: new Date(),
    vendorEventId: null,
  });
  assert.deepEqual(classified?.subjects, { candidateIds: ['15696179'], emails: ['123456email@email.com'] });
});

test('Greenhouse’s example delete, merge and unhire become candidate events naming what they concern', async () => {
  const deleted = (await canonical('delete_candidate')) as CandidateEvent;
  assert.deepEqual(
    [deleted.type, deleted.candidateId, deleted.applicationIds],
    ['candidate.deleted', '37031511', ['46196263', '46196258']],
  );
  const merged = (await canonical('merge_candidate')) as CandidateEvent;
  assert.deepEqual([merged.type, merged.candidateId, merged.mergedInto], ['candidate.merged', '37031511', '457456']);
  const unhired = (await canonical('unhire_candidate')) as CandidateEvent;
  assert.deepEqual(
    [unhired.type, unhired.candidateId, unhired.applicationIds],
    ['candidate.unhired', '265788', ['265293']],
  );
});

test('Greenhouse’s example offer events carry their status and an ISO start date from MM/DD/YYYY', async () => {
  const created = (await canonical('offer_created')) as OfferEvent;
  assert.deepEqual(
    [created.type, created.applicationId, created.offer.startDate, created.offer.status],
    ['offer', '234556', '2013-04-15', 'accepted'],
  );
  const approved = (await canonical('offer_approved')) as OfferEvent;
  assert.equal(approved.offer.id, '12345');
  const updated = (await canonical('offer_updated')) as OfferEvent;
  assert.deepEqual([updated.offer.version, updated.offer.status], [2, 'deprecated']);
});

test('the reconciliation poll asks Harvest v3 for hired applications with the operator filter and follows the cursor link as given', async () => {
  const next = 'https://harvest.greenhouse.io/v3/applications?cursor=abc';
  const { ctx, sent } = harvestV3({
    'GET /v3/applications': (r) =>
      r.url === next
        ? { body: [{ id: 2, candidate_id: 20, job_id: 200, status: 'hired' }] }
        : { body: [{ id: 1, candidate_id: 10, job_id: 100, status: 'hired' }], link: `<${next}>; rel="next"` },
    'GET /v3/candidates': (r) => ({
      body: [
        {
          id: Number(r.query?.ids),
          first_name: 'Ana',
          last_name: 'Silva',
          email_addresses: [{ value: `c${r.query?.ids}@example.com`, type: 'personal' }],
        },
      ],
    }),
    'GET /v3/jobs': (r) => ({ body: [{ id: Number(r.query?.ids), name: 'Developer' }] }),
    'GET /v3/offers': (r) => ({
      body: [
        {
          id: Number(r.query?.application_ids) * 7,
          application_id: Number(r.query?.application_ids),
          starts_on: '2026-12-01',
          status: 'Accepted',
        },
      ],
    }),
  });
  const found = await greenhouse.recentHires!(new Date('2026-01-01T00:00:00.000Z'), ctx);
  assert.deepEqual(
    found.hires.map((h) => h.key),
    ['hire:1:7', 'hire:2:14'],
  );
  assert.deepEqual(sent[0], {
    method: 'GET',
    url: 'v3/applications',
    query: { status: 'hired', updated_at: 'gte|2026-01-01T00:00:00Z', per_page: 100 },
  });
  assert.deepEqual(
    sent.find((r) => r.url === next),
    { method: 'GET', url: next },
    'the cursor link is the only query',
  );
  assert.deepEqual(sent.find((r) => r.url === 'v3/offers')?.query, { application_ids: '1', current_only: 'true' });
  assert.deepEqual(sent.find((r) => r.url === 'v3/candidates')?.query, { ids: '10' });
  assert.deepEqual(sent.find((r) => r.url === 'v3/jobs')?.query, { ids: '100' });
  assert.ok(
    sent.every((r) => !r.url.includes('v1/')),
    'no v1 route',
  );
  const application = (found.hires[0]!.body as { payload: { application: { offer: { starts_at: string } } } }).payload
    .application;
  assert.equal(application.offer.starts_at, '2026-12-01', 'the v3 starts_on is read as the start date');
});

test('a hire whose candidate the candidate list no longer holds is left out of the poll', async () => {
  const { ctx } = harvestV3({
    'GET /v3/applications': () => ({ body: [{ id: 1, candidate_id: 10, job_id: 100 }] }),
    'GET /v3/candidates': () => ({ body: [] }),
  });
  assert.deepEqual((await greenhouse.recentHires!(new Date(), ctx)).hires, []);
});

test('the employee id is written with the v3 candidate update, by the custom field’s key', async () => {
  const { ctx, sent } = harvestV3({ 'PATCH /v3/candidates/35897443': () => ({ body: { id: 35897443 } }) });
  await greenhouseWriteBack({ system: 'greenhouse', apiKey: '', field: 'employee_id' }).writeEmployeeId(
    { system: 'greenhouse', candidateId: '35897443' },
    'E-7',
    ctx,
  );
  assert.deepEqual(sent, [
    {
      method: 'PATCH',
      url: 'v3/candidates/35897443',
      body: { custom_fields: [{ name_key: 'employee_id', value: 'E-7' }] },
      idempotent: true,
    },
  ]);
});

test('a candidate is anonymised with PATCH …/anonymize naming the fields, or deleted with DELETE, on v3', async () => {
  const { ctx, sent } = harvestV3({
    'PATCH /v3/candidates/5/anonymize': () => ({ body: { id: 5 } }),
    'DELETE /v3/candidates/5': () => ({ body: { message: 'Person 5 has been deleted.' } }),
  });
  assert.deepEqual(await greenhouseEraser.erase('5', ctx, { greenhouseMode: 'anonymize' }), {
    outcome: 'erased',
    action: 'anonymized',
  });
  assert.deepEqual(await greenhouseEraser.erase('5', ctx, { greenhouseMode: 'delete' }), {
    outcome: 'erased',
    action: 'deleted',
  });
  assert.deepEqual(
    sent.map((r) => [r.method, r.url]),
    [
      ['PATCH', 'v3/candidates/5/anonymize'],
      ['DELETE', 'v3/candidates/5'],
    ],
  );
  assert.ok((sent[0]!.body as { fields: string[] }).fields.includes('full_name'));
});

test('the account’s offer fields are read from the v3 custom fields of type offer; deleted ones are not offered', async () => {
  const { ctx, sent } = harvestV3({
    'GET /v3/custom_fields': () => ({
      body: [
        { id: 1, name: 'Salary', name_key: 'salary', value_type: 'currency', active: true },
        { id: 2, name: 'Old bonus', name_key: 'old_bonus', value_type: 'currency', active: false },
      ],
    }),
  });
  assert.deepEqual(await greenhouse.offerFieldChoices!(ctx), [{ key: 'salary', name: 'Salary', type: 'currency' }]);
  assert.deepEqual(sent[0]?.query, { field_type: 'offer', per_page: 100 });
});

test('the sandbox sends hire_candidate and update_candidate with every top-level field of Greenhouse’s examples', () => {
  const keys = (value: unknown): string[] => Object.keys(value as object).sort();
  const app = (body: unknown) => (body as { payload: { application: Record<string, unknown> } }).payload.application;
  const documentedHire = app(example('hire_candidate'));
  const sentHire = app(hireCandidatePayload());
  assert.deepEqual(
    keys(sentHire).filter((k) => k !== 'status'),
    keys(documentedHire),
  );
  for (const part of ['candidate', 'offer'] as const)
    assert.deepEqual(keys(sentHire[part]), keys(documentedHire[part]), part);
  const candidate = (body: unknown) => (body as { payload: { candidate: unknown } }).payload.candidate;
  assert.deepEqual(keys(candidate(updateCandidatePayload())), keys(candidate(example('update_candidate'))));
});
