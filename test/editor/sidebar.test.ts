/**
 * The "HR sync" sidebar as HR ops use it: a real Node-RED with a store, a dedupe node, an HRIS writer
 * pointed at the BambooHR emulator and a health monitor; a possible duplicate and a dead letter made
 * by the flow itself; the sidebar opened in headless Chromium shows the health figures, the duplicate
 * is approved and the flow receives the merge, the dead letter is retried once the fault is gone and
 * the employee appears in the emulator, and the browser console stays clean.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nodeRed4, projectRoot } from '../support/runtimes';
import { startNodeRed, userDirWithThisPackage, type RunningNodeRed, packageOfBuild } from '../support/realNodeRed';
import { launchChromium, openEditor, watchErrors } from '../support/browser';
import { BAMBOOHR_DEFAULTS, startBambooHr, type BambooHrHandle } from '../../sandbox/bamboohr';
import { METRICS } from '../../lib/health/metrics';
import { sampleHire } from '../../lib/mapping/sampleHire';
import type { HireEvent } from '../../lib/model';
import { openStore } from '../../lib/store';

const STORE_FILE = 'sync.db';
const HOUR = 3_600_000;

const packageOfThisBuild = () => packageOfBuild(projectRoot, path.resolve(__dirname, '..', '..'));

function hire(system: 'greenhouse' | 'lever', candidateId: string, person: Partial<HireEvent['person']>): HireEvent {
  const base = sampleHire();
  return sampleHire({
    eventId: `${system}-${candidateId}`,
    system,
    person: { ...base.person, ...person },
    sourceIds: { system, candidateId, applicationId: `app-${candidateId}` },
  });
}

// Same address, different names: a shared inbox or a mistyped address, which a person must look at.
const ana = hire('greenhouse', 'gh-1', {
  legalName: { first: 'Ana', last: 'Silva' },
  emails: [{ address: 'ana.silva@example.com', type: 'work' }],
  phones: [],
  dateOfBirth: '1990-05-17',
});
const maria = hire('lever', 'lv-1', {
  legalName: { first: 'Maria', last: 'Costa' },
  preferredName: 'Maria',
  emails: [{ address: 'ana.silva@example.com', type: 'work' }],
  phones: [],
});
const newHire = {
  payload: {
    firstName: 'Bo',
    lastName: 'Lind',
    workEmail: 'bo.lind@example.com',
    hireDate: '2026-01-05',
    ssn: '123-45-6789',
  },
  sourceIds: { system: 'greenhouse', candidateId: 'gh-7', applicationId: 'app-7' },
};

const inject = (id: string, y: number, props: Record<string, unknown>) => ({
  id,
  z: 'tab',
  type: 'inject',
  name: id,
  repeat: '',
  once: false,
  x: 130,
  y,
  props: Object.entries(props).map(([p, v]) => ({ p, v: JSON.stringify(v), vt: 'json' })),
  wires: [[id.startsWith('hire') ? 'writer' : 'dedupe']],
});
/** Puts a message property into flow context, where the test reads what the flow received. */
const remember = (id: string, y: number, key: string, from: string) => ({
  id,
  z: 'tab',
  type: 'change',
  name: id,
  x: 560,
  y,
  wires: [[]],
  rules: [{ t: 'set', p: key, pt: 'flow', to: from, tot: 'msg' }],
});

function flow(bambooUrl: string) {
  return [
    { id: 'tab', type: 'tab', label: 'HR sync' },
    { id: 'store', type: 'hr-store', name: 'Hires', file: STORE_FILE, secretFields: '', keyEnv: '' },
    {
      id: 'dedupe',
      z: 'tab',
      type: 'hr-dedupe',
      store: 'store',
      mergeThreshold: '0.95',
      reviewThreshold: '0.70',
      defaultCountry: 'US',
      model: '',
      x: 340,
      y: 90,
      wires: [['new'], ['merged'], []],
    },
    inject('person-ana', 60, { payload: ana }),
    inject('person-maria', 120, { payload: maria }),
    remember('new', 60, 'newGuid', 'person.guid'),
    remember('merged', 120, 'mergedGuid', 'person.guid'),
    {
      id: 'bamboo',
      type: 'hr-hris-connection',
      system: 'bamboohr',
      companyDomain: 'acme',
      bambooAuth: 'apiKey',
      baseUrl: `${bambooUrl}/api/gateway.php/acme`,
      rateLimit: 50,
      atsSystem: 'none',
      credentials: { secret: BAMBOOHR_DEFAULTS.apiKeys[0] },
    },
    {
      id: 'writer',
      z: 'tab',
      type: 'hr-hris-writer',
      connection: 'bamboo',
      store: 'store',
      operation: 'create',
      writeBack: false,
      dryRun: false,
      maxAttempts: 2,
      maxAgeHours: 24,
      x: 340,
      y: 240,
      wires: [['created'], [], []],
    },
    inject('hire-bo', 240, newHire),
    remember('created', 240, 'employeeId', 'hris.employeeId'),
    {
      id: 'monitor',
      z: 'tab',
      type: 'hr-health',
      name: 'Watch',
      store: 'store',
      interval: 60,
      cleanPeriod: 60,
      failurePercent: 50,
      failureMinCalls: 5,
      writesWindowHours: 24,
      webhooksWindowHours: 6,
      latencyMaxMs: 5000,
      validationMax: 10,
      credentialDays: 30,
      volumePeriod: 'week',
      volumePercent: 50,
      volumeLookbackWeeks: 8,
      expiries: '',
      x: 340,
      y: 340,
      wires: [[]],
    },
  ];
}

/** Waits for a condition the runtime reaches on its own time (a flow, a retry); polls, never sleeps a fixed time. */
async function until<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  limitMs = 20_000,
): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Overview {
  stores: Array<{ reviews: Array<{ id: number }>; deadLetters: Array<{ id: number }> }>;
}

/** Drags the sidebar's edge to the left, as a reviewer would to see two persons side by side. */
async function widenSidebar(page: Page) {
  const edge = (await page.locator('#red-ui-sidebar-separator').boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x - 300, edge.y + edge.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Screenshots land in test-results/; with HR_UPDATE_SCREENSHOTS=1 the README's copy in docs/ is refreshed. */
async function screenshot(page: Page, name: string) {
  const dir = path.join(projectRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  if (process.env.HR_UPDATE_SCREENSHOTS === '1')
    fs.copyFileSync(path.join(dir, `${name}.png`), path.join(projectRoot, 'docs', `${name}.png`));
}

describe('the HR sync sidebar', () => {
  let red: RunningNodeRed;
  let bamboo: BambooHrHandle;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  /** Every confirmation the sidebar asked, accepted as a reviewer would. */
  const confirmations: string[] = [];
  let pkg: ReturnType<typeof packageOfThisBuild>;
  let userDir: string;

  const post = async (pathname: string, body?: unknown) => {
    const res = await fetch(red.url + pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${pathname} answered ${res.status}: ${await res.text()}`);
  };
  /** The admin API lists flow context per context store. */
  const flowValue = async (key: string) =>
    Object.values(await red.getJson<Record<string, Record<string, { msg: string }>>>('/context/flow/tab')).find(
      (values) => values[key],
    )?.[key]?.msg;
  const overview = () => red.getJson<Overview>('/hr-sync/overview');

  /** What the sidebar will show: counted events, a possible duplicate and a dead letter, made by the flow itself except the counts. */
  async function seed() {
    // A week of inbound events, as the trigger counts them, in the store the flow uses.
    const counters = await openStore({ file: path.join(userDir, STORE_FILE) });
    const now = Date.now();
    for (const [hoursAgo, n] of [
      [1, 5],
      [30, 3],
      [80, 6],
      [130, 2],
    ] as const)
      await counters.count(METRICS.eventsIn, { vendor: 'greenhouse' }, n, new Date(now - hoursAgo * HOUR));
    await counters.close();

    // A possible duplicate: Ana is on file first, then Maria arrives with Ana's address.
    await post('/inject/person-ana');
    await until(() => flowValue('newGuid'), 'Ana to be created');
    await post('/inject/person-maria');
    await until(async () => (await overview()).stores[0]?.reviews.length === 1, 'the review item');

    // A dead letter: BambooHR fails both attempts the writer is allowed.
    bamboo.injectFault({ kind: 'server_error', method: 'POST', path: '/v1/employees', times: 2 });
    await post('/inject/hire-bo');
    await until(async () => (await overview()).stores[0]?.deadLetters.length === 1, 'the dead letter');
  }

  before(async () => {
    bamboo = await startBambooHr();
    pkg = packageOfThisBuild();
    userDir = userDirWithThisPackage(pkg.dir);
    red = await startNodeRed({
      runtime: nodeRed4(),
      userDir,
      settings: {
        editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } },
        // Quick writer retries, so the dead letter and its retry take moments.
        hrHrisWriterPollMs: 100,
        hrHrisWriterRetryBaseMs: 100,
      },
    });
    await post('/flows', flow(bamboo.url))
      .then(seed)
      .catch((err: Error) => {
        throw new Error(`${err.message}\nNode-RED said:\n${red.log()}`);
      });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    errors = watchErrors(page);
    page.on('dialog', (d) => {
      confirmations.push(d.message());
      void d.accept();
    });
    await openEditor(page, red.url);
  });
  after(async () => {
    await browser?.close();
    await red?.stop();
    await bamboo?.stop();
    pkg?.remove();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  test("the sidebar shows the store's health figures, trend and monitor rules", async () => {
    // The sidebar header has room for four tab buttons; the others are in its drop-down menu.
    await page.locator('#red-ui-sidebar .red-ui-tab-link-button-menu').click();
    await page.locator('#red-ui-tabs-menu-option-hr-sync').click();
    const sidebar = page.locator('#hr-sync-sidebar');
    const events = sidebar.locator('tr[data-figure="events"]');
    await events.waitFor();
    assert.equal(await sidebar.locator('h3').first().innerText(), 'Store: Hires');
    assert.equal(await events.locator('.hr-sync-24h').innerText(), '5');
    assert.equal(await events.locator('.hr-sync-7d').innerText(), '16');
    assert.equal(await events.locator('svg.hr-sync-sparkline polyline').count(), 1, 'the trend is drawn');
    assert.match(
      await sidebar.locator('.hr-sync-health').innerText(),
      /Waiting now: 1 review item\(s\), 1 dead letter\(s\)/,
    );
    const monitor = sidebar.locator('.hr-sync-monitor[data-monitor="monitor"]');
    await monitor.locator('summary', { hasText: 'Health monitor Watch all rules OK' }).click();
    const deadLetterRule = monitor.locator('tr[data-rule="dead_letters"]');
    assert.match(await deadLetterRule.innerText(), /More than 0 writes given up in 24 h/);
    assert.equal(await deadLetterRule.locator('.hr-sync-state').innerText(), 'OK');
    await monitor.locator('summary').click();
  });

  test("approving the possible duplicate sends the person on through the dedupe node's merge output", async () => {
    const card = page.locator('#hr-sync-sidebar .hr-sync-review');
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /Possible duplicate/);
    assert.match(text, /Maria\s+Ana/, 'the two persons side by side');
    assert.match(
      await card.locator('tr[data-field="email"]').innerText(),
      /same\s+\+\d/,
      'the email agreed and raised the score',
    );
    assert.match(
      await card.locator('tr[data-field="forename"]').innerText(),
      /different\s+-\d/,
      'the first name differed and lowered it',
    );
    await widenSidebar(page);
    await screenshot(page, 'sidebar');

    await card.locator('.hr-sync-approve').click();
    await card.waitFor({ state: 'detached' });
    assert.match(
      confirmations.at(-1) ?? '',
      /^Merge Maria Costa with Ana Silva\?/,
      'the merge is confirmed first, naming both people',
    );
    const merged = await until(() => flowValue('mergedGuid'), 'the merge message in the flow');
    assert.equal(merged, await flowValue('newGuid'), "Maria was merged into Ana's person");
    assert.match(await page.locator('#hr-sync-sidebar .hr-sync-reviews').innerText(), /Nothing to review/);
  });

  test("the dead letter shows BambooHR's failure and, retried once the fault is gone, creates the employee", async () => {
    const card = page.locator('#hr-sync-sidebar .hr-sync-dead-letter');
    await card.waitFor();
    assert.match(await card.locator('.hr-sync-card-title').innerText(), /Create employee in bamboohr/);
    assert.equal(await card.locator('.hr-sync-attempts').innerText(), '2');
    assert.match(await card.locator('.hr-sync-error').innerText(), /hris\./);
    await card.locator('summary').click();
    assert.doesNotMatch(await card.innerText(), /123-45-6789/, 'the SSN is masked');
    assert.deepEqual(bamboo.employees(), [], 'the fault kept the employee out');

    await card.locator('.hr-sync-retry').click();
    assert.match(
      confirmations.at(-1) ?? '',
      /Send the write for Bo Lind again exactly as it was recorded\? A mapping changed since then is not applied/,
    );
    const employeeId = await until(() => flowValue('employeeId'), 'the retried write to succeed');
    assert.deepEqual(
      bamboo.employees().map((e) => e.id),
      [employeeId],
    );
    await card.waitFor({ state: 'detached' });
    assert.match(await page.locator('#hr-sync-sidebar .hr-sync-dead-letters').innerText(), /No write is waiting/);
    assert.doesNotMatch(red.log(), /\[error\].*hr-/);
    assert.deepEqual(errors, []);
  });
});
