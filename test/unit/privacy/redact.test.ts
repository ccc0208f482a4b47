import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, redact, redactText, redactUrl, secretValues } from '../../../lib/privacy/redact';

test('keys named like credentials are masked at any depth', () => {
  const out = redact({
    headers: { Authorization: 'Bearer abc', 'X-Api-Key': 'k', Cookie: 'c' },
    auth: { client_secret: 's', apikey: 'a', api_key: 'b', password: 'p', refresh_token: 't', signature: 'sig' },
    name: 'Ana',
  });
  assert.deepEqual(out, {
    headers: { Authorization: MASK, 'X-Api-Key': MASK, Cookie: MASK },
    auth: { client_secret: MASK, apikey: MASK, api_key: MASK, password: MASK, refresh_token: MASK, signature: MASK },
    name: 'Ana',
  });
});

test("the dictionary's secret paths are masked wherever they end, through arrays", () => {
  const out = redact(
    {
      pin: '1234',
      person: { badge: { value: 'B-1', site: 'HQ' }, hobby: 'chess' },
      dependants: [{ hobby: 'go', name: 'Bo' }],
    },
    { paths: ['pin', 'badge.value', 'hobby'] },
  );
  assert.deepEqual(out, {
    pin: MASK,
    person: { badge: { value: MASK, site: 'HQ' }, hobby: MASK },
    dependants: [{ hobby: MASK, name: 'Bo' }],
  });
});

test('a path names a field, not any field that happens to share its last segment', () => {
  const out = redact({ badge: { value: 'X' }, salary: { value: 80000 } }, { paths: ['badge.value'] });
  assert.deepEqual(out, { badge: { value: MASK }, salary: { value: 80000 } });
});

test('SSN-like and card-like values are caught wherever they hide', () => {
  assert.equal(redactText('ssn 123-45-6789 on file'), `ssn ${MASK} on file`);
  assert.equal(redactText('card 4111 1111 1111 1111 ok'), `card ${MASK} ok`);
  assert.equal(redactText('card 4111-1111-1111-1111'), `card ${MASK}`);
  assert.equal(redactText('ref 4111111111111112'), 'ref 4111111111111112', 'fails Luhn: an id, not a card');
  assert.equal(redactText('phone +14155552671'), 'phone +14155552671');
  assert.deepEqual(redact({ note: 'pay to 5500005555555559', n: 4111111111111111 }), {
    note: `pay to ${MASK}`,
    n: MASK,
  });
  assert.equal(redactText('header was Bearer eyJhbGciOi.x-y_z'), `header was Bearer ${MASK}`);
});

test('a 13-digit millisecond timestamp is not mistaken for a card; a 13-digit Visa number still is', () => {
  assert.equal(
    redactText('triggeredAt 1764400000006'),
    'triggeredAt 1764400000006',
    'passes Luhn, but no card of 13 digits starts with 1',
  );
  assert.equal(redactText('card 4222222222222'), `card ${MASK}`);
});

test('caller patterns add to the safety net', () => {
  assert.equal(redact({ note: 'badge B-99812' }, { patterns: [/B-\d{5}/] }).note, `badge ${MASK}`);
});

test('the input is left untouched and cycles do not hang', () => {
  const input: Record<string, unknown> = { password: 'p', nested: { ssn: '123-45-6789' } };
  input.self = input;
  const out = redact(input);
  assert.equal(input.password, 'p');
  assert.deepEqual((input.nested as Record<string, unknown>).ssn, '123-45-6789');
  assert.equal(out.self, '[Circular]');
});

test('URLs lose user info and secret query parameters; webhook URLs lose their path', () => {
  assert.equal(
    redactUrl('https://user:pw@api.example.com/v1/x?api_key=k&limit=5&ssn=1'),
    `https://${MASK}@api.example.com/v1/x?api_key=${MASK}&limit=5&ssn=${MASK}`,
  );
  assert.equal(
    redactUrl('https://api.example.com/v1/x?badge=1', { paths: ['badge'] }),
    `https://api.example.com/v1/x?badge=${MASK}`,
  );
  assert.equal(
    redactUrl('https://hooks.slack.com/services/T000/B000/XXXX', { secretPath: true }),
    `https://hooks.slack.com/${MASK}`,
  );
});

test('secret values are collected from secret paths and keys, and masked inside free text', () => {
  const values = secretValues({ person: { nationalId: { value: 'AB123456C' }, name: 'Ana' }, api_key: 'k-123456' }, [
    'nationalId.value',
  ]);
  assert.deepEqual(values.sort(), ['AB123456C', 'k-123456']);
  assert.equal(redactText('AB123456C is not a valid id', { values }), `${MASK} is not a valid id`);
  assert.equal(
    redactText('GB is fine', { values: ['GB'] }),
    'GB is fine',
    'values too short to be secrets are left alone',
  );
});
