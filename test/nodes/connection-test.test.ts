/**
 * "Test connection" / "Send test alert" as the edit dialog uses them: the dialog's values POSTed to
 * the admin endpoint, one harmless call to the strict emulators, and an answer that names the problem
 * (bad key, wrong company domain, unreachable, rate limited) without ever repeating a secret.
 */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { helper } from '../support/nodeRed';
import { freePort } from '../support/realNodeRed';
import { BAMBOOHR_DEFAULTS, startBambooHr, type BambooHrHandle } from '../../sandbox/bamboohr';
import { GREENHOUSE_DEFAULTS, startGreenhouse, type GreenhouseHandle } from '../../sandbox/greenhouse';
import { SLACK_DEFAULTS, startSlack, type SlackHandle } from '../../sandbox/slack';
import hrisConnectionNode = require('../../nodes/hr-hris-connection/hr-hris-connection');
import atsConnectionNode = require('../../nodes/hr-ats-connection/hr-ats-connection');
import alertNode = require('../../nodes/hr-alert/hr-alert');

interface Outcome {
  service: string;
  ok: boolean;
  code: string;
  params: Record<string, string | number>;
}

const BAMBOO_KEY = BAMBOOHR_DEFAULTS.apiKeys[0]!;
const GREENHOUSE_CLIENT = GREENHOUSE_DEFAULTS.oauthClients[0];
const GREENHOUSE_KEY = GREENHOUSE_CLIENT.clientSecret;
const WRONG_KEY = 'a-wrong-key-nobody-issued-0123456789';

let bamboo: BambooHrHandle;
let greenhouse: GreenhouseHandle;
let slack: SlackHandle;

before(async () => {
  [bamboo, greenhouse, slack] = await Promise.all([startBambooHr(), startGreenhouse(), startSlack()]);
  await helper.startServer();
});
after(async () => {
  await helper.stopServer();
  await Promise.all([bamboo?.stop(), greenhouse?.stop(), slack?.stop()]);
});
afterEach(() => helper.unload());

/** What the HRIS connection dialog holds for a BambooHR company reached through the emulator. */
const bambooDialog = (company = 'acme', url = bamboo.url) => ({
  system: 'bamboohr',
  companyDomain: company,
  bambooAuth: 'apiKey',
  baseUrl: `${url}/api/gateway.php/${company}`,
  rateLimit: '5',
  atsSystem: 'none',
  checkrEnabled: false,
});

async function testConnection(type: string, body: Record<string, unknown>): Promise<Outcome[]> {
  const res = await helper.request().post(`/${type}/test`).send(body).expect(200);
  const text = JSON.stringify(res.body);
  for (const secret of [BAMBOO_KEY, GREENHOUSE_KEY, WRONG_KEY, 'XXXXXXXXXXXXXXXXXXXXXXXX'])
    assert.ok(!text.includes(secret), `the answer repeats a secret: ${text}`);
  return (res.body as { results: Outcome[] }).results;
}

/** The three node sets with nothing deployed: every dialog of a new, unsaved config node. */
const loadNothing = () => helper.load([hrisConnectionNode, atsConnectionNode, alertNode], []);

test('a BambooHR connection with a good key that is not deployed yet answers "connected to BambooHR company acme" and changes nothing', async () => {
  await loadNothing();
  bamboo.reset();
  const before = bamboo.employees().length;
  const [result, ...more] = await testConnection('hr-hris-connection', {
    id: 'new-node',
    config: bambooDialog(),
    credentials: { secret: BAMBOO_KEY },
  });
  assert.deepEqual(more, []);
  assert.deepEqual(
    { ok: result!.ok, code: result!.code, service: result!.service, company: result!.params.company },
    { ok: true, code: 'okCompany', service: 'BambooHR', company: 'acme' },
  );
  assert.equal(bamboo.employees().length, before);
  // The probe is the writer's own lookup: the roster report (a POST that reads), nothing that writes.
  assert.deepEqual(
    bamboo.requests().map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`),
    ['POST /api/gateway.php/acme/v1/reports/custom'],
  );
});

test('a key BambooHR does not know is reported as a bad key', async () => {
  await loadNothing();
  const [result] = await testConnection('hr-hris-connection', {
    config: bambooDialog(),
    credentials: { secret: WRONG_KEY },
  });
  assert.equal(result!.ok, false);
  assert.equal(result!.code, 'badKey');
  assert.equal(result!.params.status, 401);
});

test('a company domain BambooHR does not know is reported as the wrong company domain, naming it', async () => {
  await loadNothing();
  const [result] = await testConnection('hr-hris-connection', {
    config: bambooDialog('globex'),
    credentials: { secret: BAMBOO_KEY },
  });
  assert.equal(result!.code, 'wrongCompany');
  assert.equal(result!.params.company, 'globex');
});

test('a port nothing listens on is reported as unreachable, naming the host', async () => {
  await loadNothing();
  const port = await freePort();
  const [result] = await testConnection('hr-hris-connection', {
    config: bambooDialog('acme', `http://127.0.0.1:${port}`),
    credentials: { secret: BAMBOO_KEY },
  });
  assert.equal(result!.code, 'unreachable');
  assert.equal(result!.params.host, `127.0.0.1:${port}`);
  assert.equal(result!.params.errno, 'ECONNREFUSED');
});

test('a BambooHR that is throttling is reported as rate limited with its wait, after one call', async () => {
  await loadNothing();
  bamboo.reset();
  bamboo.injectFault({ kind: 'throttle', retryAfterSeconds: 7, times: 5 });
  try {
    const [result] = await testConnection('hr-hris-connection', {
      config: bambooDialog(),
      credentials: { secret: BAMBOO_KEY },
    });
    assert.equal(result!.code, 'rateLimited');
    assert.equal(result!.params.wait, 7);
    assert.equal(bamboo.requests().length, 1, 'the person at the dialog gets the answer at once, not after retries');
  } finally {
    bamboo.reset();
  }
});

test('a deployed connection whose password field was left untouched is tested with its stored key; a newly typed key wins', async () => {
  await helper.load(hrisConnectionNode, [{ id: 'conn', type: 'hr-hris-connection', ...bambooDialog() }], {
    conn: { secret: BAMBOO_KEY },
  });
  const [stored] = await testConnection('hr-hris-connection', {
    id: 'conn',
    config: bambooDialog(),
    credentials: { secret: '__PWRD__' },
  });
  assert.equal(stored!.code, 'okCompany');
  const [typed] = await testConnection('hr-hris-connection', {
    id: 'conn',
    config: bambooDialog(),
    credentials: { secret: WRONG_KEY },
  });
  assert.equal(typed!.code, 'badKey');
});

test('a deployed connection is tested at its deployed address: an address in the request never receives its stored key', async () => {
  const seen: string[] = [];
  const trap = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  try {
    await helper.load(
      [hrisConnectionNode, atsConnectionNode],
      [
        { id: 'conn', type: 'hr-hris-connection', ...bambooDialog() },
        {
          id: 'ats',
          type: 'hr-ats-connection',
          vendor: 'greenhouse',
          baseUrl: greenhouse.url,
          tokenUrl: `${greenhouse.url}/token`,
        },
      ] as never,
      { conn: { secret: BAMBOO_KEY }, ats: { clientId: GREENHOUSE_CLIENT.clientId, clientSecret: GREENHOUSE_KEY } },
    );
    bamboo.reset();
    const [result] = await testConnection('hr-hris-connection', {
      id: 'conn',
      config: bambooDialog('acme', trapUrl),
      credentials: { secret: '__PWRD__' },
    });
    assert.equal(result!.code, 'okCompany', 'the deployed BambooHR answered');
    assert.equal(bamboo.requests().length, 1);
    // The id of a deployed node of another type lends no credentials to this one's test.
    const borrowed = await testConnection('hr-hris-connection', {
      id: 'ats',
      config: bambooDialog('acme', trapUrl),
      credentials: { secret: '__PWRD__' },
    });
    assert.deepEqual(
      borrowed.map((r) => r.code),
      ['incomplete'],
    );
    const atsTest = await testConnection('hr-ats-connection', {
      id: 'ats',
      config: { vendor: 'greenhouse', baseUrl: trapUrl, tokenUrl: `${trapUrl}/token` },
      credentials: {},
    });
    assert.deepEqual(
      atsTest.map((r) => r.code),
      ['ok'],
    );
    assert.deepEqual(seen, [], 'nothing reached the address named in the requests');
  } finally {
    await new Promise((r) => trap.close(r));
  }
});

test('a connection missing its key is not called, and the answer says what is missing', async () => {
  await loadNothing();
  const [result] = await testConnection('hr-hris-connection', { config: bambooDialog(), credentials: {} });
  assert.equal(result!.code, 'incomplete');
  assert.match(String(result!.params.detail), /API key/);
});

test('with the Greenhouse write-back switched on, each service gets its own answer', async () => {
  await loadNothing();
  const config = {
    ...bambooDialog(),
    atsSystem: 'greenhouse',
    atsBaseUrl: greenhouse.url,
    atsTokenUrl: `${greenhouse.url}/token`,
  };
  const results = await testConnection('hr-hris-connection', {
    config,
    credentials: { secret: BAMBOO_KEY, atsClientId: GREENHOUSE_CLIENT.clientId, atsClientSecret: WRONG_KEY },
  });
  assert.deepEqual(
    results.map((r) => [r.service, r.code]),
    [
      ['BambooHR', 'okCompany'],
      ['Greenhouse', 'badKey'],
    ],
  );
});

test('an ATS connection reads one row through Greenhouse Harvest v3; a wrong secret, a retired v1 key and a sender without an API are told apart', async () => {
  await loadNothing();
  const config = { vendor: 'greenhouse', baseUrl: greenhouse.url, tokenUrl: `${greenhouse.url}/token` };
  const client = { clientId: GREENHOUSE_CLIENT.clientId, clientSecret: GREENHOUSE_CLIENT.clientSecret };
  assert.deepEqual(
    (await testConnection('hr-ats-connection', { config, credentials: client })).map((r) => r.code),
    ['ok'],
  );
  assert.deepEqual(
    (await testConnection('hr-ats-connection', { config, credentials: { ...client, clientSecret: WRONG_KEY } })).map(
      (r) => r.code,
    ),
    ['badKey'],
  );
  assert.deepEqual(
    (await testConnection('hr-ats-connection', { config, credentials: { apiKey: 'a-harvest-v1-key' } })).map(
      (r) => r.code,
    ),
    ['apiRetired'],
  );
  assert.deepEqual(
    (await testConnection('hr-ats-connection', { config, credentials: {} })).map((r) => r.code),
    ['noApiKey'],
  );
  assert.deepEqual(
    (await testConnection('hr-ats-connection', { config: { vendor: 'standard-webhooks' }, credentials: {} })).map(
      (r) => r.code,
    ),
    ['noApi'],
  );
});

test('"Send test alert" posts one message marked as a test to Slack; a hook Slack does not know is reported as gone', async () => {
  await loadNothing();
  const hook = SLACK_DEFAULTS.hooks[0]!;
  const config = {
    channel: 'slack',
    groupWindow: '60',
    ratePerMinute: '20',
    digest: false,
    digestTime: '08:00',
    hidePersonal: true,
  };
  const [sent] = await testConnection('hr-alert', { config, credentials: { url: `${slack.url}${hook}` } });
  assert.deepEqual([sent!.ok, sent!.code, sent!.service], [true, 'alertSent', 'Slack']);
  const messages = slack.messages();
  assert.equal(messages.length, 1);
  // RED._ answers keys in the test helper: the message is the test one.
  assert.match(JSON.stringify(messages[0]!.message), /hr-alert\.text\.test\.title/);

  const [gone] = await testConnection('hr-alert', {
    config,
    credentials: { url: `${slack.url}/services/T1/B1/${'X'.repeat(24)}` },
  });
  assert.equal(gone!.code, 'channelGone');
  assert.equal(slack.messages().length, 1);
  assert.deepEqual(
    (await testConnection('hr-alert', { config: { ...config, channel: 'email' }, credentials: {} })).map((r) => r.code),
    ['emailChannel'],
  );
});
