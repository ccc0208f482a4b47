/**
 * The data path of a hire, vendor payload to HRIS, without Node-RED: a Greenhouse and a Lever hire
 * are read into the canonical model, mapped with the shipped BambooHR mapping, validated against the
 * default dictionary and created in the strict BambooHR emulator.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { greenhouse } from '../../lib/vendors/greenhouse/source';
import { lever } from '../../lib/vendors/lever/source';
import type { HireEvent } from '../../lib/vendors/ats';
import { compileJsonataMapping } from '../../lib/mapping/jsonataMapping';
import { startingMappings } from '../../lib/mapping/startingMappings';
import { transformFunctions } from '../../lib/transform/functions';
import { compileValidator } from '../../lib/dictionary/validator';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { createHttpClient, basicAuth, HttpError } from '../../lib/http';
import { greenhouseSender, leverSender } from '../../sandbox/senders';
import { startBambooHr, type BambooHrHandle } from '../../sandbox/bamboohr';
import { deliveryOf, fakeApi, noApi } from '../unit/vendors/ats/support';
import { leverAnswers } from '../unit/vendors/ats/answers';

let bamboo: BambooHrHandle;
before(async () => {
  // The account's list fields hold the ATS's department and office names, as a configured account would.
  bamboo = await startBambooHr({
    lists: { department: ['Technology', 'Engineering'], location: ['New York, NY', 'Berlin'] },
  });
});
after(() => bamboo.stop());

const toBambooHr = compileJsonataMapping(startingMappings.bamboohr, transformFunctions);
const validate = compileValidator(defaultDictionary, {});

async function createInBambooHr(record: unknown) {
  const client = createHttpClient({
    baseUrl: `${bamboo.url}/api/gateway.php/acme/v1`,
    auth: basicAuth('sandbox-bamboohr-key', 'x'),
  });
  try {
    return await client.request({
      method: 'POST',
      url: '/employees',
      body: record,
      headers: { accept: 'application/json' },
    });
  } finally {
    await client.close();
  }
}

async function throughTheMapping(hire: HireEvent) {
  const report = validate(hire);
  assert.equal(report.status, 'valid', JSON.stringify(report.errors));
  const record = (await toBambooHr.map(hire)) as Record<string, string>;
  const res = await createInBambooHr(record);
  assert.equal(res.status, 201);
  const id = String(res.headers.location).split('/').pop();
  const stored = bamboo.employees().find((e) => e.id === id);
  assert.ok(stored, 'the employee exists in the emulator');
  return { record, stored };
}

test('a Greenhouse hire maps to a BambooHR employee the strict emulator accepts', async () => {
  const sender = greenhouseSender({ secret: 'gh-secret' });
  // The documented salary field has no frequency: the account declares its pay yearly, as the shipped examples do.
  const yearly = { ...noApi, settings: { ...noApi.settings, offerFields: { declaredPayPeriod: 'year' as const } } };
  const { event } = await greenhouse.canonical(
    deliveryOf(greenhouse, sender.hire({ firstName: 'Zoë', lastName: 'Åberg', salary: 103000 })),
    yearly,
  );
  const { stored } = await throughTheMapping(event as HireEvent);
  assert.equal(stored.fields.firstName, 'Zoë');
  assert.equal(stored.fields.lastName, 'Åberg');
  assert.equal(stored.fields.hireDate, '2015-01-23');
  assert.equal(stored.fields.department, 'Technology');
  assert.equal(stored.fields.paidPer, 'Year');
});

test('a Lever hire maps to a BambooHR employee the strict emulator accepts', async () => {
  const sender = leverSender({ secret: 'lever-token', now: () => new Date() });
  const { ctx } = fakeApi(leverAnswers());
  const { event } = await lever.canonical(
    deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1', contactId: 'contact-1' })),
    ctx,
  );
  const { stored } = await throughTheMapping(event as HireEvent);
  assert.equal(stored.fields.firstName, 'Johnny');
  assert.equal(
    stored.fields.homeEmail,
    'johnny@example.com',
    'an ATS email that is not a work address becomes the home email',
  );
  assert.equal(stored.fields.hireDate, '2026-12-01');
  assert.equal(stored.fields.department, 'Engineering');
});

test('a field BambooHR does not know is refused by the emulator with its reason, as the real API does', async () => {
  await assert.rejects(
    createInBambooHr({ firstName: 'Ana', lastName: 'Silva', payPer: 'Year' }),
    (err: unknown) => err instanceof HttpError && err.status === 406 && /payPer/.test(err.message),
  );
});
