import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SLACK_DEFAULTS, startSlack } from '../../../sandbox/slack';
import { call, useEmulator } from './support';

const slack = useEmulator(() => startSlack());
const hook = () => `${slack().url}${SLACK_DEFAULTS.hooks[0]}`;
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

test('a Block Kit message is accepted with a plain ok', async () => {
  const res = await call(hook(), {
    body: {
      text: 'Hire failed',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Hire failed' } },
        section('*Ana Silva*'),
        { type: 'divider' },
      ],
    },
  });
  assert.deepEqual([res.status, res.text], [200, 'ok']);
  assert.equal(slack().messages().length, 1);
});

test('a section longer than 3000 characters is refused as invalid_payload', async () => {
  const res = await call(hook(), { body: { text: 'x', blocks: [section('x'.repeat(3001))] } });
  assert.deepEqual([res.status, res.text], [400, 'invalid_payload']);
  assert.equal(slack().messages().length, 0);
});

test('more than 50 blocks, or an unknown block type, is refused', async () => {
  assert.equal(
    (await call(hook(), { body: { text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) } }))
      .status,
    400,
  );
  assert.equal((await call(hook(), { body: { text: 'x', blocks: [{ type: 'hero' }] } })).status, 400);
});

test('a message with neither text nor blocks is no_text', async () => {
  const res = await call(hook(), { body: {} });
  assert.deepEqual([res.status, res.text], [400, 'no_text']);
});

test('an unknown hook path is no_service', async () => {
  const res = await call(`${slack().url}/services/T1/B1/revoked`, { body: { text: 'x' } });
  assert.deepEqual([res.status, res.text], [404, 'no_service']);
});

test('more than one message a second, beyond the burst, is 429 with Retry-After', async () => {
  slack().setRateLimit({ perSecond: 1, burst: 1 });
  assert.equal((await call(hook(), { body: { text: 'one' } })).status, 200);
  const res = await call(hook(), { body: { text: 'two' } });
  assert.equal(res.status, 429);
  assert.equal(res.headers['retry-after'], '1');
});
