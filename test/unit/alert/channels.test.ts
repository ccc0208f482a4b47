import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelPoster } from '../../../lib/alert/channels';
import { HrError } from '../../../lib/errors';
import { closing, fakeClock, scripted, startServer } from '../http/support';

const rejectsWith = (code: string) => (err: unknown) => err instanceof HrError && err.code === code;

test('a Slack webhook answering no_service is reported as gone, with what to do and without the secret URL', async (t) => {
  const slack = await startServer(t, scripted({ status: 404, body: 'no_service' }));
  const poster = closing(t, channelPoster('slack', `${slack.url}/services/T000/B000/very-secret`));
  await assert.rejects(poster.post({ text: 'hi' }), (err: unknown) => {
    assert.ok(rejectsWith('alert.channel_gone')(err));
    const message = (err as Error).message;
    assert.match(message, /no_service/);
    assert.match(message, /create a new one/);
    assert.doesNotMatch(message, /very-secret/);
    return true;
  });
});

test('a Teams connector that throttles inside a 200 answer is reported as throttled', async (t) => {
  const teams = await startServer(
    t,
    scripted({ status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0' }),
  );
  const poster = closing(t, channelPoster('teams-connector', `${teams.url}/webhookb2/secret`));
  await assert.rejects(poster.post({}), rejectsWith('alert.channel_throttled'));
});

test('a channel that fails for a moment is retried through the shared client and the alert arrives once it answers', async (t) => {
  const time = fakeClock();
  const server = await startServer(t, scripted({ status: 503, body: 'busy' }, { status: 202, body: '' }));
  const poster = closing(t, channelPoster('teams', `${server.url}/workflows/secret`, { clock: time.clock }));
  const receipt = await poster.post({ type: 'message' });
  assert.equal(receipt.status, 202);
  assert.equal(receipt.attempts, 2);
  assert.equal(server.received.length, 2);
  assert.equal(JSON.parse(server.received[1].body).type, 'message');
});

test('a Slack answer rejecting the payload says so', async (t) => {
  const slack = await startServer(t, scripted({ status: 400, body: 'invalid_payload' }));
  const poster = closing(t, channelPoster('slack', `${slack.url}/services/x`));
  await assert.rejects(poster.post({}), rejectsWith('alert.payload_rejected'));
});
