import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTeams, TEAMS_DEFAULTS } from '../../../sandbox/teams';
import { call, useEmulator } from './support';

const teams = useEmulator(() => startTeams());
const workflow = () => `${teams().url}/workflows/${TEAMS_DEFAULTS.workflows[0]}/triggers/manual/paths/invoke`;
const connector = () => `${teams().url}/webhookb2/${TEAMS_DEFAULTS.connectors[0]}`;
const card = (body: unknown[], actions: unknown[] = []) => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: { type: 'AdaptiveCard', version: '1.4', body, actions },
    },
  ],
});
const facts = [
  { type: 'TextBlock', text: 'Hire sync failed', weight: 'Bolder' },
  { type: 'FactSet', facts: [{ title: 'Candidate', value: 'Jane Doe' }] },
];

test('a Workflows webhook accepts an Adaptive Card message with 202', async () => {
  const res = await call(workflow(), {
    body: card(facts, [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://example.com' }]),
  });
  assert.equal(res.status, 202);
  assert.equal(teams().messages().length, 1);
});

test('a MessageCard or an Action.Submit is refused by Workflows', async () => {
  assert.equal(
    (
      await call(workflow(), {
        body: { '@type': 'MessageCard', '@context': 'http://schema.org/extensions', text: 'x' },
      })
    ).status,
    400,
  );
  assert.equal((await call(workflow(), { body: card(facts, [{ type: 'Action.Submit', title: 'Go' }]) })).status, 400);
});

test('a card over 28 KB is refused', async () => {
  const res = await call(workflow(), { body: card([{ type: 'TextBlock', text: 'x'.repeat(29 * 1024) }]) });
  assert.equal(res.status, 413);
});

test('the legacy connector answers 1, and signals throttling inside a 200 body', async () => {
  const ok = await call(connector(), {
    body: { '@type': 'MessageCard', '@context': 'http://schema.org/extensions', summary: 'Hire', text: 'Hire failed' },
  });
  assert.deepEqual([ok.status, ok.text], [200, '1']);
  teams().injectFault({ kind: 'throttle' });
  const throttled = await call(connector(), { body: card(facts) });
  assert.equal(throttled.status, 200);
  assert.match(throttled.text, /returned HTTP error 429/);
});
