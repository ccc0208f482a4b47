/**
 * An alert about a review or a dead letter links to the editor with that item open in the HR sync
 * sidebar, on the Editor URL the alert node is given, in every channel's body; without an Editor URL
 * there is no editor link at all (it is never guessed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertFromMessage, type MessageContext } from '../../../lib/alert/fromMessage';
import { editorLink } from '../../../lib/alert/links';
import { emailMessage } from '../../../lib/alert/email';
import { slackMessage } from '../../../lib/alert/slack';
import { teamsConnectorCard, teamsWorkflowsMessage } from '../../../lib/alert/teams';
import { translator } from './support';

const t = translator('hr-alert');
const context = (editorUrl?: string): MessageContext => ({
  t,
  now: new Date('2026-09-16T12:00:00Z'),
  defaultSeverity: 'warning',
  describeNode: () => undefined,
  ...(editorUrl !== undefined ? { editorUrl } : {}),
});

// What a validator's review output carries, once a change node has worded the alert.
const payReview = {
  payload: { firstName: 'Hana', lastName: 'Okafor', payRate: '99910.00 USD' },
  review: { id: 2, kind: 'compensation_variance', status: 'open' },
  alert: { code: 'hire.pay_review', title: "A hire's pay needs review" },
};
// A writer's failure output after the last attempt.
const deadLetter = {
  payload: {},
  hris: {
    system: 'bamboohr',
    operation: 'create',
    dead: true,
    outboxId: 7,
    error: { code: 'hris.invalid', message: 'bad department' },
  },
};

test('a review alert links to the editor with the review open, and names the review by the id its card shows', () => {
  const alert = alertFromMessage(payReview, context('https://nodered.example.com/admin/'));
  assert.equal(alert.links.editor, 'https://nodered.example.com/admin/?hr-sync-review=2');
  assert.deepEqual(alert.facts, [
    { label: 'Waiting for a decision', value: 'Review 2 (open it in the HR sync sidebar)' },
  ]);
});

test('a dead letter alert links to the dead letter, beside the writer node when the alert knows it', () => {
  const alert = alertFromMessage(
    { ...deadLetter, alert: { source: { nodeId: 'writer-1' } } },
    context('https://nodered.example.com'),
  );
  assert.equal(alert.links.editor, 'https://nodered.example.com/?hr-sync-dead-letter=7#node/writer-1');
  assert.match(alert.facts[0]?.value ?? '', /^Dead letter 7/);
});

test('without an Editor URL no editor link is made up', () => {
  assert.equal(alertFromMessage(payReview, context()).links.editor, undefined);
  assert.equal(alertFromMessage(payReview, context('')).links.editor, undefined);
  assert.equal(editorLink(undefined, { nodeId: 'x' }, { review: 1 }), undefined);
});

test('a message that is not a dead letter (still retrying) does not link to one', () => {
  const alert = alertFromMessage(
    { hris: { ...deadLetter.hris, dead: false, retrying: true } },
    context('https://nodered.example.com'),
  );
  assert.equal(alert.links.editor, undefined);
  assert.deepEqual(alert.facts, []);
});

test('Slack, Teams and e-mail bodies carry the link that opens the review', () => {
  const alert = alertFromMessage(payReview, context('https://nodered.example.com'));
  const link = 'https://nodered.example.com/?hr-sync-review=2';
  const slack = slackMessage(alert, t);
  assert.ok(JSON.stringify(slack.blocks).includes(JSON.stringify(link)), 'a Slack button opens it');
  assert.ok(JSON.stringify(teamsWorkflowsMessage(alert, t)).includes(JSON.stringify(link)), 'a Teams action opens it');
  assert.ok(
    JSON.stringify(teamsConnectorCard(alert, t)).includes(JSON.stringify(link)),
    'a connector card action opens it',
  );
  const email = emailMessage(alert, t);
  assert.match(email.plaintext, /Open in Node-RED: https:\/\/nodered\.example\.com\/\?hr-sync-review=2/);
  assert.ok(email.html.includes('href="https://nodered.example.com/?hr-sync-review=2"'));
  assert.match(email.plaintext, /Waiting for a decision: Review 2/);
});
