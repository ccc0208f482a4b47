import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'node-red';
import { helper, nextMessage, collect, type FlowNode } from '../support/nodeRed';
import type { TestContext } from 'node:test';
import { startServer, scripted } from '../unit/http/support';
import { startSlack, SLACK_DEFAULTS } from '../../sandbox/slack';
import { startTeams, TEAMS_DEFAULTS } from '../../sandbox/teams';
import { failureMessage, SECRETS } from '../unit/alert/support';
import alertNode = require('../../nodes/hr-alert/hr-alert');
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';

type Spied = Node & {
  error: { callCount: number; lastCall: { args: [string] } };
  status: { lastCall: { args: [{ fill: string; text: string }] } };
};

function flow(settings: Record<string, unknown>): FlowNode[] {
  return [
    {
      id: 'a',
      type: 'hr-alert',
      channel: 'slack',
      groupWindow: 0,
      ratePerMinute: 0,
      editorUrl: 'https://nodered.example.com/',
      hidePersonal: true,
      digest: false,
      ...settings,
      wires: [['sent'], ['failed']],
    },
    { id: 'sent', type: 'helper' },
    { id: 'failed', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

before(() => helper.startServer());
after(() => helper.stopServer());
afterEach(() => helper.unload());

/** The sandbox's strict Slack and Teams emulators, stopped when the test ends. */
async function slackEmulator(t: TestContext) {
  const slack = await startSlack();
  t.after(() => slack.stop());
  return { slack, hook: `${slack.url}${SLACK_DEFAULTS.hooks[0]}` };
}

async function teamsEmulator(t: TestContext) {
  const teams = await startTeams();
  t.after(() => teams.stop());
  return {
    teams,
    workflow: `${teams.url}/workflows/${TEAMS_DEFAULTS.workflows[0]}/triggers/manual/paths/invoke`,
    connector: `${teams.url}/webhookb2/${TEAMS_DEFAULTS.connectors[0]}`,
  };
}

const noSecrets = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret), `leaks ${secret}`);
};

test('a failure reaches Slack as one redacted Block Kit message and the sent output says what was posted', async (t) => {
  const { slack, hook } = await slackEmulator(t);
  await helper.load(alertNode, flow({ secretFields: 'offer.salary' }), { a: { url: hook } });
  const sent = nextMessage(helper.getNode('sent'));
  helper.getNode('a').receive(failureMessage() as never);
  const msg = await sent;
  const posted = slack.messages();
  assert.equal(posted.length, 1, 'the emulator accepted the Block Kit message');
  const body = JSON.stringify(posted[0].message);
  assert.match(body, /BambooHR refused the employee/);
  assert.match(body, /#node\/writer-1/, 'links back to the failing node in the editor');
  noSecrets(posted[0].message);
  assert.doesNotMatch(body, /103,000/, 'the field named in "Also hide" is masked too');
  assert.equal((msg.delivery as { status: number }).status, 200);
});

test('Slack answering no_service sends the alert to the error output and the log, and the node keeps running', async (t) => {
  const { slack } = await slackEmulator(t);
  await helper.load(alertNode, flow({}), { a: { url: `${slack.url}/services/T1/B1/revoked-secret` } });
  const node = helper.getNode('a') as Spied;
  const caught = collect(helper.getNode('caught'));
  const failed = nextMessage(helper.getNode('failed'));
  node.receive(failureMessage() as never);
  const msg = await failed;
  const error = msg.error as { code: string; message: string };
  assert.equal(error.code, 'alert.channel_gone');
  assert.match(error.message, /no_service/);
  assert.doesNotMatch(error.message, /revoked-secret/);
  noSecrets(msg);
  assert.equal(node.error.callCount, 1, 'logged');
  assert.match(node.error.lastCall.args[0], /hr-alert\.errors\.notDelivered/);
  assert.equal(node.status.lastCall.args[0].fill, 'red');
  assert.equal(caught.length, 0, 'no Catch loop back into the alert node');
  const again = nextMessage(helper.getNode('failed'));
  node.receive(failureMessage() as never);
  await again;
});

test('20 identical failures within the grouping window reach Teams as one card with the count', async (t) => {
  const { teams, workflow } = await teamsEmulator(t);
  await helper.load(alertNode, flow({ channel: 'teams', groupWindow: 0.3 }), { a: { url: workflow } });
  const sent = nextMessage(helper.getNode('sent'));
  for (let i = 0; i < 20; i++) helper.getNode('a').receive(failureMessage() as never);
  const msg = await sent;
  assert.equal((msg.alert as { count: number }).count, 20);
  assert.equal((msg.delivery as { status: number }).status, 202);
  await helper.unload();
  assert.equal(teams.messages().length, 1, 'one card, nothing more after close');
  assert.match(JSON.stringify(teams.messages()[0].message), /hr-alert\.text\.repeated/, 'the card says it repeated');
});

test('a Teams connector that throttles inside a 200 answer sends the alert to the error output', async (t) => {
  const { teams, connector } = await teamsEmulator(t);
  teams.injectFault({ kind: 'throttle', path: '/webhookb2/' });
  await helper.load(alertNode, flow({ channel: 'teams-connector' }), { a: { url: connector } });
  const failed = nextMessage(helper.getNode('failed'));
  helper.getNode('a').receive(failureMessage() as never);
  assert.equal(((await failed).error as { code: string }).code, 'alert.channel_throttled');
});

test('an alert far over the channel limits is cut to fit and accepted by Slack and Teams', async (t) => {
  const { slack, hook } = await slackEmulator(t);
  const { teams, workflow } = await teamsEmulator(t);
  const huge = 'Ünïcødé 🧑🏽‍💻 '.repeat(5000);
  const message = { alert: { title: huge, detail: huge, vendorError: huge } };
  for (const [channel, url] of [
    ['slack', hook],
    ['teams', workflow],
  ] as const) {
    await helper.load(alertNode, flow({ channel }), { a: { url } });
    const sent = nextMessage(helper.getNode('sent'));
    helper.getNode('a').receive(message as never);
    await sent;
    await helper.unload();
  }
  assert.equal(slack.messages().length, 1);
  assert.equal(teams.messages().length, 1);
});

test('alerts still grouped when the flow is redeployed are sent, not dropped', async (t) => {
  const { slack, hook } = await slackEmulator(t);
  await helper.load(alertNode, flow({ groupWindow: 3600 }), { a: { url: hook } });
  helper.getNode('a').receive(failureMessage() as never);
  helper.getNode('a').receive(failureMessage() as never);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(slack.messages().length, 0);
  await helper.unload();
  assert.equal(slack.messages().length, 1);
  assert.match(JSON.stringify(slack.messages()[0].message), /hr-alert\.text\.repeated/);
});

test('the email channel puts out a message for the Node-RED email node, redacted', async () => {
  await helper.load(alertNode, flow({ channel: 'email' }));
  const sent = nextMessage(helper.getNode('sent'));
  helper.getNode('a').receive(failureMessage() as never);
  const msg = await sent;
  assert.match(String(msg.topic), /^hr-alert\.text\.severity\.error: BambooHR refused the employee/);
  assert.match(String(msg.payload), /<h2>/);
  assert.equal(msg.html, msg.payload);
  assert.match(String(msg.plaintext), /hr-alert\.text\.person: Ana Silva/);
  noSecrets(msg);
});

test('a webhook channel without a URL refuses to start and says why', async () => {
  await helper.load(alertNode, flow({ channel: 'webhook' }));
  const caught = nextMessage(helper.getNode('caught'));
  helper.getNode('a').receive(failureMessage() as never);
  assert.equal(((await caught).error as { code: string }).code, 'alert.url_missing');
});

test('a malformed msg.alert is reported with its field path', async (t) => {
  const hook = await startServer(t, scripted({ status: 200, body: {} }));
  await helper.load(alertNode, flow({ channel: 'webhook' }), { a: { url: `${hook.url}/hook` } });
  const caught = nextMessage(helper.getNode('caught'));
  helper.getNode('a').receive({ alert: { severity: 'loud' } } as never);
  const error = (await caught).error as { code: string; message: string };
  assert.equal(error.code, 'alert.input_invalid');
  assert.match(error.message, /alert\.severity/);
});

test("a field the node's dictionary marks secret never reaches the alert, even where the error echoes it", async () => {
  const dictionary = {
    version: 'custom-1',
    fields: [
      ...defaultDictionary.fields,
      {
        name: 'person.custom.badgePin',
        label: 'Badge PIN',
        type: 'string',
        required: false,
        owner: 'hris',
        syncDirection: 'none',
        sensitivity: 'secret',
      },
    ],
  };
  const message = () => {
    const msg = failureMessage();
    return {
      ...msg,
      payload: { ...msg.payload, person: { ...msg.payload.person, custom: { badgePin: 'PIN-77310' } } },
      error: { ...msg.error, message: 'BambooHR refused the employee: badge PIN-77310 unknown' },
    };
  };
  const sendOne = async (settings: Record<string, unknown>, nodes: unknown[], extra: FlowNode[] = []) => {
    await helper.load(nodes as never, [...extra, ...flow({ channel: 'email', ...settings })] as never);
    const sent = nextMessage(helper.getNode('sent'));
    helper.getNode('a').receive(message() as never);
    const text = JSON.stringify(await sent);
    await helper.unload();
    return text;
  };
  assert.match(await sendOne({}, [alertNode]), /PIN-77310/, 'the default dictionary knows no badge PIN');
  const masked = await sendOne(
    { dictionary: 'dict' },
    [dictionaryNode, alertNode],
    [{ id: 'dict', type: 'hr-dictionary', dictionary } as unknown as FlowNode],
  );
  assert.doesNotMatch(masked, /PIN-77310/);
  assert.match(masked, /badge \[REDACTED\] unknown/);
});
