/** Slack's and Microsoft's published webhook payloads (test/fixtures/vendors/{slack,teams}) against our messages and the emulators. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { slackMessage } from '../../lib/alert/slack';
import { teamsConnectorCard, teamsWorkflowsMessage } from '../../lib/alert/teams';
import { SLACK_DEFAULTS, startSlack } from '../../sandbox/slack';
import { TEAMS_DEFAULTS, startTeams } from '../../sandbox/teams';
import { call } from '../unit/sandbox/support';
import { sampleAlert, translator } from '../unit/alert/support';
import { vendorJson } from '../support/vendorFixtures';

const t = translator('hr-alert');
const slack = startSlack();
const teams = startTeams();
after(async () => Promise.all([(await slack).stop(), (await teams).stop()]));

const shape = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.length
      ? [shape(value[0])]
      : []
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [
              k,
              k === 'type' || k === 'contentType' || k === '$schema'
                ? (value as Record<string, unknown>)[k]
                : typeof (value as Record<string, unknown>)[k],
            ]),
        )
      : typeof value;

test("the Slack emulator takes Slack's published example, and our alert uses the same text + blocks shape", async () => {
  const documented = vendorJson<{ text: string; blocks: Array<{ type: string; text?: { type: string } }> }>(
    'slack',
    'review-blocks.json',
  );
  const hook = `${(await slack).url}${SLACK_DEFAULTS.hooks[0]}`;
  assert.equal((await call(hook, { body: documented })).status, 200);
  const ours = slackMessage(sampleAlert({ detail: 'BambooHR refused the record.' }), t);
  assert.equal(typeof ours.text, 'string', 'a notification text beside the blocks, as in the example');
  const sections = ours.blocks.filter((b) => (b as { type: string }).type === 'section') as Array<
    Record<string, unknown>
  >;
  assert.deepEqual(shape(sections.find((b) => 'text' in b)), shape(documented.blocks[0]));
  assert.deepEqual(shape(sections.find((b) => 'fields' in b)), shape(documented.blocks[2]));
  assert.equal((await call(hook, { body: ours })).status, 200);
});

test("the Teams emulator takes Microsoft's published Adaptive Card message; ours has the same envelope", async () => {
  const documented = vendorJson<{ type: string; attachments: Array<Record<string, unknown>> }>(
    'teams',
    'adaptive-card-message.json',
  );
  const hook = `${(await teams).url}/workflows/${TEAMS_DEFAULTS.workflows[0]}/triggers/manual/paths/invoke`;
  assert.ok((await call(hook, { body: documented })).status < 300);
  const ours = teamsWorkflowsMessage(sampleAlert(), t) as unknown as {
    type: string;
    attachments: Array<{ contentType: string; contentUrl: unknown; content: Record<string, unknown> }>;
  };
  assert.equal(ours.type, documented.type);
  assert.deepEqual(Object.keys(ours.attachments[0]!).sort(), Object.keys(documented.attachments[0]!).sort());
  assert.equal(ours.attachments[0]!.contentType, documented.attachments[0]!.contentType);
  assert.equal(
    ours.attachments[0]!.content.$schema,
    (documented.attachments[0]!.content as Record<string, unknown>).$schema,
  );
  assert.ok((await call(hook, { body: ours })).status < 300);
});

test("the legacy connector takes Microsoft's published MessageCard; ours carries the same @type and @context", async () => {
  const documented = vendorJson<Record<string, unknown>>('teams', 'message-card.json');
  const hook = `${(await teams).url}/webhookb2/${TEAMS_DEFAULTS.connectors[0]}`;
  const answer = await call(hook, { body: documented });
  assert.equal(answer.status, 200);
  const ours = teamsConnectorCard(sampleAlert(), t) as unknown as Record<string, unknown>;
  assert.equal(ours['@type'], documented['@type']);
  assert.equal(ours['@context'], documented['@context']);
  assert.equal((await call(hook, { body: ours })).status, 200);
});
