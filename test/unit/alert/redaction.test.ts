import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNEL_KINDS, renderAlert } from '../../../lib/alert/channels';
import { alertFromMessage } from '../../../lib/alert/fromMessage';
import { alertRedactor } from '../../../lib/alert/redaction';
import { SecretPolicy } from '../../../lib/privacy/policy';
import { failureMessage, dictionaryWithSecretSalary, SECRETS, translator } from './support';

const t = translator('hr-alert');
const context = {
  t,
  now: new Date('2026-09-16T12:00:00Z'),
  defaultSeverity: 'error' as const,
  describeNode: () => ({ flowId: 'flow-1' }),
  editorUrl: 'https://nodered.example.com/',
};

function redactedAlert(options = {}) {
  const msg = failureMessage();
  return alertRedactor(SecretPolicy.of(dictionaryWithSecretSalary), options).redact(
    alertFromMessage(msg, context),
    msg,
  );
}

test('no secret field (SSN, date of birth, salary marked secret) appears in any channel payload, even where the vendor echoed it', () => {
  const alert = redactedAlert();
  for (const kind of CHANNEL_KINDS) {
    const text = JSON.stringify(renderAlert(kind, alert, t));
    for (const secret of [SECRETS.ssn, SECRETS.ssnDigits, SECRETS.dateOfBirth, SECRETS.salary, '103,000']) {
      assert.ok(!text.includes(secret), `${kind} payload leaks ${secret}`);
    }
    assert.match(text, /Ana Silva/, `${kind} still names the person`);
    assert.match(text, /7f1c2a4e-3b7d-4c1e-9a57-0c2f3d4e5f60/, `${kind} still gives the person's GUID`);
  }
});

test('personal fields other than the name are hidden unless the user lets them through', () => {
  const msg = {
    ...failureMessage(),
    error: { ...failureMessage().error, vendorMessage: 'workEmail ana.silva@example.com already exists' },
  };
  const hidden = alertRedactor(SecretPolicy.of(dictionaryWithSecretSalary)).redact(alertFromMessage(msg, context), msg);
  assert.doesNotMatch(JSON.stringify(hidden), /ana\.silva@example\.com/);
  const shown = alertRedactor(SecretPolicy.of(dictionaryWithSecretSalary), { hidePersonal: false }).redact(
    alertFromMessage(msg, context),
    msg,
  );
  assert.match(JSON.stringify(shown), /ana\.silva@example\.com/);
});

test('an SSN-like or card-like string is masked even when no dictionary field holds it', () => {
  const msg = { error: { message: 'Rejected 987-65-4321 and card 4111 1111 1111 1111', code: 'x.y' } };
  const alert = alertRedactor(SecretPolicy.of(dictionaryWithSecretSalary)).redact(alertFromMessage(msg, context), msg);
  assert.doesNotMatch(alert.title, /987-65-4321|4111 1111/);
});

test('the alert says who, where, what the vendor said, the attempts, and links to the ATS and the editor', () => {
  const alert = redactedAlert();
  assert.equal(alert.code, 'bamboohr.field_invalid');
  assert.deepEqual(alert.people, [{ name: 'Ana Silva', guid: '7f1c2a4e-3b7d-4c1e-9a57-0c2f3d4e5f60' }]);
  assert.equal(alert.source?.nodeName, 'to BambooHR');
  assert.equal(alert.source?.flowId, 'flow-1');
  assert.equal(alert.attempts, 3);
  assert.match(alert.vendorError ?? '', /is not valid/);
  assert.equal(alert.links.ats, 'https://app.greenhouse.io/people/7');
  assert.equal(alert.links.editor, 'https://nodered.example.com/#node/writer-1');
});

test('an alert from the health monitor passes through the alert node’s reading unchanged in substance', () => {
  const health = {
    severity: 'warning' as const,
    category: 'security' as const,
    code: 'health.credentials_expiring',
    title: 'The credential "Lever" expires on 2026-10-06, in 20 days: renew it now',
    source: { nodeId: 'health-1', nodeType: 'hr-health' },
    subject: 'manual:lever',
    people: [],
    peopleCount: 0,
    links: {},
    facts: [{ label: 'Rule', value: 'credentials_expiring' }],
    firstAt: '2026-09-16T12:00:00.000Z',
    lastAt: '2026-09-16T12:00:00.000Z',
    count: 1,
  };
  const alert = alertFromMessage({ topic: health.code, payload: health.title, alert: health }, context);
  assert.deepEqual(alert, { ...health, links: { editor: 'https://nodered.example.com/#node/health-1' } });
});
