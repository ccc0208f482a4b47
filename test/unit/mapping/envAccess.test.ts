import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTable, compileTable } from '../../../lib/mapping/compileTable';
import { listedEnv, parseEnvList } from '../../../lib/mapping/envAccess';
import { sampleHire } from '../../../lib/mapping/sampleHire';

const ENV: Record<string, string> = {
  HR_COMPANY: 'acme',
  HR_STORE_KEY: 'k'.repeat(64),
  OTHER: 'other',
  SLACK_TOKEN: 'xoxb',
  MY_STORE_KEY: 'custom',
};
const read = (name: string) => ENV[name];
const envRow = (source: string) => [{ target: 'value', from: 'env' as const, source }];

test('an env row reads a variable listed on the node', async () => {
  const mapping = compileTable(envRow('HR_COMPANY'), { env: listedEnv(parseEnvList('HR_COMPANY, OTHER'), [], read) });
  assert.deepEqual(await mapping.map(sampleHire()), { value: 'acme' });
});

test('a variable not listed is refused by name, and its value appears nowhere', () => {
  const problems = checkTable(envRow('OTHER'), { env: listedEnv(['HR_COMPANY'], [], read) });
  assert.equal(problems[0].code, 'mapper.env_not_listed');
  assert.match(problems[0].message, /"OTHER" is not among/);
  assert.ok(!JSON.stringify(problems).includes('other"'));
  assert.equal(
    checkTable(envRow('HR_COMPANY'), {})[0].code,
    'mapper.env_not_listed',
    'with no list, nothing is readable',
  );
});

test("the store's key, a deployed store's own key variable and credential-named variables are never readable, even when listed", () => {
  const env = listedEnv(['HR_STORE_KEY', 'MY_STORE_KEY', 'SLACK_TOKEN', 'HR_STORE_URL'], ['MY_STORE_KEY'], read);
  for (const name of ['HR_STORE_KEY', 'MY_STORE_KEY', 'SLACK_TOKEN', 'HR_STORE_URL']) {
    const problems = checkTable(envRow(name), { env });
    assert.equal(problems[0]?.code, 'mapper.env_protected', name);
    assert.ok(!JSON.stringify(problems).includes(ENV[name] ?? '\u0000'), `${name} leaked`);
  }
});
