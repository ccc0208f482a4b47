import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailMessage } from '../../../lib/alert/email';
import { SLACK_LIMITS, slackMessage } from '../../../lib/alert/slack';
import {
  ADAPTIVE_CARD_VERSION,
  TEAMS_LIMITS,
  teamsConnectorCard,
  teamsWorkflowsMessage,
} from '../../../lib/alert/teams';
import { WEBHOOK_SCHEMA, webhookMessage } from '../../../lib/alert/webhook';
import { sampleAlert, translator } from './support';

const t = translator('hr-alert');

/** A lone surrogate means a character was cut in half. */
const hasBrokenChar = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => texts(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => texts(v, out));
  return out;
}

test('Slack gets Block Kit blocks and a plain-text fallback with the severity and the title', () => {
  const msg = slackMessage(sampleAlert(), t);
  assert.match(msg.text, /^Error: BambooHR refused the employee/);
  const header = msg.blocks[0] as { type: string; text: { text: string } };
  assert.equal(header.type, 'header');
  const all = JSON.stringify(msg.blocks);
  for (const expected of [
    'Ana Silva',
    'to BambooHR',
    'payRate: Invalid field',
    '*Attempts*\\n3',
    'https://app.greenhouse.io/people/7',
    '#node/writer-1',
  ]) {
    assert.ok(all.includes(expected), `blocks mention ${expected}`);
  }
});

test('Slack text is escaped for mrkdwn so a vendor message cannot inject links or mentions', () => {
  const msg = slackMessage(sampleAlert({ vendorError: '<!channel> & <https://evil.example|click>' }), t);
  const all = JSON.stringify(msg.blocks);
  assert.ok(all.includes('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;'));
});

test('a grouped alert says how many times it happened', () => {
  const msg = slackMessage(sampleAlert({ count: 20, lastAt: '2026-09-16T12:04:00.000Z' }), t);
  assert.match(JSON.stringify(msg), /Happened 20 times between 2026-09-16 12:00 UTC and 2026-09-16 12:04 UTC/);
});

test('Teams Workflows gets an Adaptive Card in a message attachment with open-URL actions', () => {
  const msg = teamsWorkflowsMessage(sampleAlert(), t);
  assert.equal(msg.type, 'message');
  const card = msg.attachments[0];
  assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
  assert.equal(card.content.type, 'AdaptiveCard');
  assert.equal(card.content.version, ADAPTIVE_CARD_VERSION);
  assert.deepEqual(
    card.content.actions.map((a) => a.type),
    ['Action.OpenUrl', 'Action.OpenUrl'],
  );
  assert.match(JSON.stringify(card.content.body), /"title":"Person","value":"Ana Silva \(7f1c2a4e/);
});

test('the retired Teams connector gets a MessageCard', () => {
  const card = teamsConnectorCard(sampleAlert(), t);
  assert.equal(card['@type'], 'MessageCard');
  assert.equal(card.themeColor, 'D0021B');
  assert.equal(card.potentialAction[0]['@type'], 'OpenUri');
});

test('email is shaped for the Node-RED email node: subject in topic, HTML payload, a plain-text part', () => {
  const mail = emailMessage(sampleAlert({ title: 'Line one\r\nBcc: someone@example.com <b>' }), t);
  assert.doesNotMatch(mail.topic, /[\r\n]/, 'no header injection through the subject');
  assert.match(mail.payload, /^<h2>/);
  assert.equal(mail.html, mail.payload);
  assert.match(mail.plaintext, /Attempts: 3/);
  assert.ok(mail.html.includes('&lt;b&gt;'), 'text is escaped in the HTML');
});

test('the generic webhook carries the alert as versioned JSON', () => {
  const body = webhookMessage(sampleAlert(), t);
  assert.equal(body.schema, WEBHOOK_SCHEMA);
  assert.equal(body.alert.code, 'bamboohr.field_invalid');
  assert.equal(body.alert.attempts, 3);
});

test('an oversized alert is cut to each channel limit without splitting a multi-byte character', () => {
  const huge = 'Ünïcødé 🧑🏽‍💻 '.repeat(3000);
  const alert = sampleAlert({ title: huge, detail: huge, vendorError: huge, facts: [{ label: 'Raw', value: huge }] });
  const slack = slackMessage(alert, t);
  assert.ok([...slack.text].length <= SLACK_LIMITS.fallbackText);
  const header = (slack.blocks[0] as { text: { text: string } }).text.text;
  assert.ok([...header].length <= SLACK_LIMITS.headerText);
  for (const block of slack.blocks as Array<{ text?: { text: string }; fields?: Array<{ text: string }> }>) {
    if (block.text) assert.ok([...block.text.text].length <= SLACK_LIMITS.sectionText);
    for (const f of block.fields ?? []) assert.ok([...f.text].length <= SLACK_LIMITS.fieldText);
  }
  const teams = teamsWorkflowsMessage(alert, t);
  const card = JSON.stringify(teams);
  assert.ok(Buffer.byteLength(card) < 28_000, `Teams card is ${Buffer.byteLength(card)} bytes`);
  assert.ok(Buffer.byteLength((teams.attachments[0].content.body[0] as { text: string }).text) <= TEAMS_LIMITS.title);
  for (const rendered of [
    slack,
    teams,
    teamsConnectorCard(alert, t),
    emailMessage(alert, t),
    webhookMessage(alert, t),
  ]) {
    for (const s of texts(rendered)) assert.ok(!hasBrokenChar(s), 'no character is cut in half');
  }
});
