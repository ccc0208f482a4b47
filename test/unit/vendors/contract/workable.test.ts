/** Workable's published example payloads (test/fixtures/vendors/workable/README.md) read as the trigger reads them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HireEvent } from '../../../../lib/vendors/ats';
import { normaliser } from '../../../../lib/vendors/ats/people';
import { workableOfferTerms } from '../../../../lib/vendors/workable/offer';
import { WorkableOffer } from '../../../../lib/vendors/workable/schema';
import { workable } from '../../../../lib/vendors/workable/source';
import { startWorkable } from '../../../../sandbox/workable';
import { workableSender } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi } from '../ats/support';
import { fixture } from './fixtures';

const offer = () => fixture('workable', 'offer.json');
const job = () => fixture('workable', 'job.json');
const signedEnvelope = () =>
  workableSender({ secret: 's' }).signed(fixture('workable', 'webhook-candidate-moved.json'));

test('the candidate_moved envelope into Hired is a hire keyed by its candidate, naming the candidate as its subject', () => {
  const delivery = deliveryOf(workable, signedEnvelope());
  assert.deepEqual([delivery.type, delivery.vendorType, delivery.key], ['hire', 'candidate_moved', 'hire:ce4da98']);
  assert.deepEqual(delivery.subjects, { candidateIds: ['ce4da98'], emails: [] });
});

test('the reference’s offer reads as a monthly USD 2000 salary and, where the account names it, its date variable', () => {
  const n = normaliser({ timeZone: 'UTC' });
  const terms = workableOfferTerms(
    WorkableOffer.parse(offer()),
    {},
    { timeZone: 'UTC', offerFields: { startDate: 'today_date' } },
    n,
  );
  assert.deepEqual(terms, {
    startDate: '2012-12-10',
    compensation: { amount: '2000', currency: 'USD', period: 'month' },
    employmentType: undefined,
  });
  assert.deepEqual(n.warnings, []);
});

test('the hire is read with GET jobs/:shortcode and GET candidates/:id/offer; without an employment type anywhere it is refused naming the field', async () => {
  const delivery = deliveryOf(workable, signedEnvelope());
  const api = fakeApi({ 'GET jobs/GROOV005': job(), 'GET candidates/ce4da98/offer': offer() });
  const ctx = { ...api.ctx, settings: { ...api.ctx.settings, offerFields: { startDate: 'today_date' } } };
  await assert.rejects(workable.canonical(delivery, ctx), /offer\.employmentType/);
  assert.deepEqual(
    api.calls.map((c) => `${c.method} ${c.url}`),
    ['GET jobs/GROOV005', 'GET candidates/ce4da98/offer'],
  );
});

test('with the employment type in an offer variable the account named, the reference’s payloads make a complete hire', async () => {
  const withType = offer();
  withType.document_variables.push({
    document_variable: { name: 'Employment Type', slug: 'employment_type' },
    value: { body: 'Full-time' },
  });
  const api = fakeApi({ 'GET jobs/GROOV005': job(), 'GET candidates/ce4da98/offer': withType });
  const ctx = {
    ...api.ctx,
    settings: { ...api.ctx.settings, offerFields: { startDate: 'today_date', employmentType: 'employment_type' } },
  };
  const hire = (await workable.canonical(deliveryOf(workable, signedEnvelope()), ctx)).event as HireEvent;
  assert.deepEqual(hire.person.legalName, { first: 'Lakita', last: 'Marrero' });
  assert.deepEqual(
    [hire.job.title, hire.offer.department, hire.offer.location],
    ['Office Manager', 'Administration', 'Chicago, United States'],
  );
  assert.deepEqual(hire.sourceIds, {
    system: 'workable',
    candidateId: 'ce4da98',
    applicationId: 'ce4da98',
    jobId: 'GROOV005',
  });
});

test('the reference’s candidates page parses as the poll reads it', async () => {
  const api = fakeApi({ 'GET candidates': fixture('workable', 'candidates.json') });
  const { hires, capped } = await workable.recentHires!(new Date('2026-11-01T00:00:00Z'), api.ctx);
  assert.deepEqual([hires.map((h) => h.key), capped], [['hire:ce4da98'], false]);
  assert.deepEqual(api.calls, [
    {
      method: 'GET',
      url: 'candidates',
      query: { stage: 'hired', updated_after: '2026-11-01T00:00:00.000Z', limit: 100 },
    },
  ]);
});

test('the emulator answers the offer and job routes with at least the keys of the reference’s examples', async () => {
  const emulator = await startWorkable();
  try {
    const shortcode = emulator.addJob({
      title: 'Office Manager',
      department: 'Administration',
      city: 'Chicago',
      country: 'United States',
    });
    const id = emulator.addCandidate({ firstname: 'Lakita', lastname: 'Marrero', jobShortcode: shortcode });
    emulator.setOffer(id, { startDate: '2026-12-01', salary: { amount: 2000, currency: 'USD', frequency: 'month' } });
    const get = async (p: string) =>
      (
        await fetch(`${emulator.url}/spi/v3${p}`, { headers: { Authorization: 'Bearer sandbox-workable-token' } })
      ).json() as Promise<Record<string, any>>;
    const answered = await get(`/candidates/${id}/offer`);
    for (const k of Object.keys(offer())) assert.ok(k in answered, `offer.${k}`);
    const salary = answered.document_variables.find((v: any) => v.value.data);
    assert.deepEqual(
      Object.keys(salary.value.data).sort(),
      Object.keys(offer().document_variables[1].value.data).sort(),
    );
    const listedKeys = Object.keys((await get('/candidates')).candidates[0]);
    for (const k of Object.keys(fixture('workable', 'candidates.json').candidates[0]))
      assert.ok(
        listedKeys.includes(k) ||
          ['headline', 'account', 'disqualified', 'disqualification_reason', 'sourced', 'name'].includes(k),
        `candidate.${k}`,
      );
  } finally {
    await emulator.stop();
  }
});
