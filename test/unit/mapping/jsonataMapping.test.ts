import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJsonataMapping } from '../../../lib/mapping/jsonataMapping';
import { HrError } from '../../../lib/errors';

const hire = {
  person: { name: { first: 'Ana', last: 'Silva' }, emails: [{ type: 'work', address: 'ana@example.com' }] },
};

test('a mapping turns a canonical hire into the target record', async () => {
  const mapping = compileJsonataMapping(
    '{ "firstName": person.name.first, "workEmail": person.emails[type="work"][0].address }',
  );
  assert.deepEqual(await mapping.map(hire), { firstName: 'Ana', workEmail: 'ana@example.com' });
});

test('an expression that is not JSONata is refused at compile time with its position', () => {
  assert.throws(
    () => compileJsonataMapping('{ "firstName": person.name.first '),
    (err: unknown) =>
      err instanceof HrError && err.code === 'mapper.expression_invalid' && /character \d+/.test(err.message),
  );
});

test('a failure while mapping one record names the problem instead of returning a wrong value', async () => {
  const mapping = compileJsonataMapping('{ "salary": person.name.first * 12 }');
  await assert.rejects(
    mapping.map(hire),
    (err: unknown) => err instanceof HrError && err.code === 'mapper.evaluation_failed',
  );
});

test('a mapping that matches nothing in the record is an error, not an empty employee', async () => {
  const mapping = compileJsonataMapping('candidate.name');
  await assert.rejects(
    mapping.map(hire),
    (err: unknown) => err instanceof HrError && err.code === 'mapper.empty_result',
  );
});

test('registered transform functions are callable from the mapping', async () => {
  const mapping = compileJsonataMapping('$shout(person.name.first)', {
    shout: { implementation: ((s: string) => s.toUpperCase()) as (...args: never[]) => unknown, signature: '<s:s>' },
  });
  assert.equal(await mapping.map(hire), 'ANA');
});
