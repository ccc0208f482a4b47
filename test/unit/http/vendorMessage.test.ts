import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MASK } from '../../../lib/privacy/redact';
import { vendorMessage } from '../../../lib/http/vendorMessage';

const say = (body: unknown, headers: Record<string, string> = {}) => vendorMessage({ headers, body });

test('the vendor message is read from every common shape', () => {
  assert.equal(say(undefined, { 'x-bamboohr-error-message': 'Duplicate email' }), 'Duplicate email');
  assert.equal(say({ error: { message: 'Person not found' } }), 'Person not found');
  assert.equal(say({ message: 'Rate limit exceeded' }), 'Rate limit exceeded');
  assert.equal(
    say({ errors: [{ message: 'is required', field: 'first_name' }, { message: 'bad date' }] }),
    'first_name: is required; bad date',
  );
  assert.equal(say({ error: 'invalid_grant', error_description: 'Refresh token expired' }), 'Refresh token expired');
  assert.equal(say('invalid_payload'), 'invalid_payload');
});

test('an HTML error page or an empty body says nothing', () => {
  assert.equal(say('<html><body>Bad Gateway</body></html>'), undefined);
  assert.equal(say(undefined), undefined);
  assert.equal(say({ ok: false }), undefined);
});

test('a long message is cut to one short line', () => {
  const message = say(`line one\n${'x'.repeat(1000)}`);
  assert.ok(message !== undefined && message.length === 300 && message.endsWith('…') && !message.includes('\n'));
});

test('a vendor echoing a secret back does not put it in the message', () => {
  assert.equal(say({ message: 'SSN 123-45-6789 already exists' }), `SSN ${MASK} already exists`);
  const body = { errors: [{ message: 'AB123456C is not valid', field: 'nationalId' }] };
  assert.equal(vendorMessage({ headers: {}, body }, { values: ['AB123456C'] }), `nationalId: ${MASK} is not valid`);
});
