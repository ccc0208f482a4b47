import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTable } from '../../../lib/mapping/compileTable';
import { compileJsonataMapping } from '../../../lib/mapping/jsonataMapping';
import { sampleHire } from '../../../lib/mapping/sampleHire';
import { startingMappings, type MappingTarget } from '../../../lib/mapping/startingMappings';
import { startingTables } from '../../../lib/mapping/startingTables';
import { HireEvent } from '../../../lib/model/hireEvent';
import { transformFunctions } from '../../../lib/transform/functions';
import { hireFixtures } from './fixtures';

const targets = Object.keys(startingTables) as MappingTarget[];
const fixtures = hireFixtures();

test('every fixture is a valid canonical hire', () => {
  for (const [name, hire] of Object.entries(fixtures)) assert.equal(HireEvent.safeParse(hire).success, true, name);
});

for (const target of targets) {
  test(`the ${target} table gives the same record as its JSONata version on every fixture`, async () => {
    const table = compileTable(startingTables[target]);
    const expression = compileJsonataMapping(startingMappings[target], transformFunctions);
    for (const [name, hire] of Object.entries(fixtures)) {
      assert.deepEqual(await table.map(hire), await expression.map(hire), `${target}, ${name}`);
    }
  });
}

test('a pay period BambooHR has no value for fails in both versions with the same code', async () => {
  const hire = sampleHire();
  hire.offer.compensation.period = 'biweekly';
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'mapped',
      (err: { code: string }) => err.code,
    );
  const viaTable = await code(compileTable(startingTables.bamboohr).map(hire));
  assert.equal(viaTable, 'transform.enum_no_match');
  assert.equal(viaTable, await code(compileJsonataMapping(startingMappings.bamboohr, transformFunctions).map(hire)));
});

test('the HiBob table refuses a hire without a site, naming the field HiBob would refuse it for', async () => {
  const hire = sampleHire();
  delete hire.offer.location;
  delete hire.job.office;
  await assert.rejects(
    compileTable(startingTables.hibob).map(hire),
    (err: { code: string; message: string }) =>
      err.code === 'mapper.required_missing' && /"work\.site"/.test(err.message),
  );
});
