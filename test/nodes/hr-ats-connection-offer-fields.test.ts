/**
 * "Read offer fields" in the ATS connection dialog: the dialog's values POSTed to the admin route,
 * which asks the vendor module for the account's own offer fields where it can list them.
 */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { helper } from '../support/nodeRed';
import atsConnectionNode = require('../../nodes/hr-ats-connection/hr-ats-connection');
import { atsSourceFor } from '../../lib/vendors/registry';

before(() => helper.startServer());
after(() => helper.stopServer());
afterEach(() => helper.unload());

const readOfferFields = async (body: Record<string, unknown>) =>
  (await helper.request().post('/hr-ats-connection/offer-fields').send(body).expect(200)).body as Record<
    string,
    unknown
  >;

test('a sender whose module cannot list offer fields says so, and the dialog keeps free text', async () => {
  await helper.load([atsConnectionNode], []);
  assert.equal(atsSourceFor('standard-webhooks').offerFieldChoices, undefined);
  const answer = await readOfferFields({ config: { vendor: 'standard-webhooks' }, credentials: {} });
  assert.deepEqual(answer, {
    results: [
      { service: 'Standard Webhooks', ok: false, code: 'noOfferFields', params: { service: 'Standard Webhooks' } },
    ],
  });
});

test("a request that is not the dialog's shape is refused with 400", async () => {
  await helper.load([atsConnectionNode], []);
  await helper.request().post('/hr-ats-connection/offer-fields').send({ credentials: 'x' }).expect(400);
});
