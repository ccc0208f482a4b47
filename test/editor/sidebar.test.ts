/**
 * The "HR sync" sidebar as HR ops use it: a real Node-RED with a store, a dedupe node, an HRIS writer
 * pointed at the BambooHR emulator and a health monitor; a possible duplicate and a dead letter made
 * by the flow itself; the sidebar opened in headless Chromium shows the health figures, the duplicate
 * is approved and the flow receives the merge, the dead letter is retried once the fault is gone and
 * the employee appears in the emulator, and the browser console stays clean. A hire's pay held for
 * review is alerted with a link that opens its card, and approved from that card at the sidebar's
 * default width; the cards name the person, and the screenshots in docs/ show them at that width.
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
// Greenhouse links each candidate's page (application.url in the canonical hire).
const HANA_PAGE = 'https://app.greenhouse.io/people/4711?application_id=99';
const hana = hire('greenhouse', 'gh-9', {
  legalName: { first: 'Hana', last: 'Okafor' },
  preferredName: 'Hana',
  emails: [{ address: 'hana.okafor@example.com', type: 'work' }],
  phones: [],
});
hana.application = { ...hana.application, url: HANA_PAGE };
// The mapped BambooHR record sends 3 % more than the offer's 103000.00 USD a year.
const hanaPay = {
  payload: {
    firstName: 'Hana',
    lastName: 'Okafor',
    workEmail: 'hana.okafor@example.com',
    payRate: '106090.00 USD',
    paidPer: 'Year',
  },
  canonical: hana,
};
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
  wires: [[id.startsWith('hire') ? 'writer' : id.startsWith('pay') ? 'pay' : 'dedupe']],
});
/** Puts a message property into flow context, where the test reads what the flow received. */
const remember = (id: string, y: number, key: string, from: string, x = 560) => ({
  id,
  z: 'tab',
  type: 'change',
  name: id,
  x,
  y,
  wires: [[]],
  rules: [{ t: 'set', p: key, pt: 'flow', to: from, tot: 'msg' }],
});

function flow(bambooUrl: string, editorUrl: string) {
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
    // The pay check holds the hire for review; its review output is alerted, with the editor link, by e-mail (no channel URL needed).
    {
      id: 'pay',
      z: 'tab',
      type: 'hr-validator',
      name: 'check the pay',
      dictionary: '',
      checks: 'pay',
      threshold: '2',
      payFormat: 'bamboohr',
      payPath: '',
      payAmount: '',
      payCurrency: '',
      payPeriod: '',
      offerPath: '',
      store: 'store',
      x: 340,
      y: 420,
      wires: [['paid'], [], ['pay-alert']],
    },
    inject('pay-hana', 420, hanaPay),
    remember('paid', 420, 'paidRate', 'payload.payRate'),
    {
      id: 'pay-alert',
      z: 'tab',
      type: 'hr-alert',
      name: 'pay review',
      channel: 'email',
      editorUrl: `${editorUrl}/`,
      severity: 'warning',
      groupWindow: '0',
      ratePerMinute: '0',
      digest: false,
      digestTime: '08:00',
      digestBelow: 'error',
      hidePersonal: true,
      secretFields: '',
      x: 560,
      y: 480,
      wires: [['alerted'], []],
    },
    remember('alerted', 480, 'alertLink', 'alert.links.editor', 780),
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
  stores: Array<{ reviews: Array<{ id: number; kind: string }>; deadLetters: Array<{ id: number }> }>;
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

    // A hire's pay 3 % above the offer: held for review, and alerted.
    await post('/inject/pay-hana');
    await until(async () => (await overview()).stores[0]?.reviews.length === 2, 'the pay review');
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
    await post('/flows', flow(bamboo.url, red.url))
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
      /Waiting now: 2 review item\(s\), 1 dead letter\(s\)/,
    );
    const monitor = sidebar.locator('.hr-sync-monitor[data-monitor="monitor"]');
    await monitor.locator('summary', { hasText: 'Health monitor Watch all rules OK' }).click();
    const deadLetterRule = monitor.locator('tr[data-rule="dead_letters"]');
    assert.match(await deadLetterRule.innerText(), /More than 0 writes given up in 24 h/);
    assert.equal(await deadLetterRule.locator('.hr-sync-state').innerText(), 'OK');
    await monitor.locator('summary').click();
  });

  /** The card of the store's one review of this kind, and its id. */
  async function reviewCard(kind: string) {
    const review = (await overview()).stores[0]!.reviews.find((r) => r.kind === kind)!;
    return { id: review.id, card: page.locator(`#hr-sync-sidebar .hr-sync-review[data-review="${review.id}"]`) };
  }

  /** What a reader of the card can tell is wrong at a glance: a word broken across lines, a button too small to hit. */
  async function assertReadable(card: ReturnType<Page['locator']>) {
    const buttons = await card.locator('.hr-sync-actions button').evaluateAll((els) =>
      els.map((e) => ({
        text: e.textContent,
        ...(e.getBoundingClientRect().toJSON() as { width: number; height: number }),
      })),
    );
    // WCAG 2.2 target size (minimum, 2.5.8) is 24 × 24 CSS px.
    for (const b of buttons)
      assert.ok(b.height >= 24 && b.width >= 24, `the button "${b.text}" is ${b.width}×${b.height} px`);
    // Words of our own text end where a line ends; only vendor values (errors, JSON) may break anywhere.
    const overflowing = await card.evaluate(
      (root) =>
        Array.from(root.querySelectorAll('table')).filter(
          (t) => t.getBoundingClientRect().right > root.getBoundingClientRect().right,
        ).length,
    );
    assert.equal(overflowing, 0, 'every table fits the card: nothing is cut off at the edge');
    const broken = await card.evaluate((root) => {
      const found: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('pre, .hr-sync-error, .hr-sync-value')) continue;
        const text = n.textContent ?? '';
        const range = document.createRange();
        for (const m of text.matchAll(/\S+/g)) {
          range.setStart(n, m.index!);
          range.setEnd(n, m.index! + m[0].length);
          if (range.getClientRects().length > 1) found.push(m[0]);
        }
      }
      return found;
    });
    assert.deepEqual(broken, [], 'no word is broken across lines');
  }

  test('the alert about a held pay links to the editor with its card open; the card names the person and the pay is approved from it', async () => {
    const { id, card } = await reviewCard('compensation_variance');
    const link = await until(() => flowValue('alertLink'), 'the alert about the pay review');
    assert.equal(link, `${red.url}/?hr-sync-review=${id}`, 'the Editor URL given to the alert node, with the review');
    await openEditor(page, link);
    await card.waitFor();
    assert.ok(await card.evaluate((e) => e.classList.contains('hr-sync-card-focus')), 'the linked card is singled out');
    assert.ok(await page.locator('#hr-sync-sidebar').isVisible(), 'the HR sync sidebar opened by itself');
    const sidebarWidth = (await page.locator('#red-ui-sidebar').boundingBox())!.width;
    const text = await card.innerText();
    assert.match(text, new RegExp(`^Review ${id}\\s`), 'the id the alert names');
    assert.match(text, /Hana Okafor/);
    assert.match(text, /Job: Payroll Specialist/);
    assert.equal(await card.locator('a.hr-sync-ats-link').getAttribute('href'), HANA_PAGE);
    assert.match(text, /3 % above the offer/);
    await assertReadable(card);
    await screenshot(page, 'sidebar-pay-review');

    await card.locator('.hr-sync-approve').click();
    await card.waitFor({ state: 'detached' });
    assert.match(
      confirmations.at(-1) ?? '',
      new RegExp(`^Approve review ${id} for Hana Okafor\\?`),
      'the approval is confirmed first, naming the person',
    );
    assert.equal(await until(() => flowValue('paidRate'), 'the approved record in the flow'), '106090.00 USD');
    assert.equal(
      (await page.locator('#red-ui-sidebar').boundingBox())!.width,
      sidebarWidth,
      'all of it at the default sidebar width',
    );
  });

  test("approving the possible duplicate, from a card that names both persons and the evidence, sends the person on through the dedupe node's merge output", async () => {
    const { id, card } = await reviewCard('possible_duplicate');
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, new RegExp(`^Review ${id}\\s+Possible duplicate`));
    assert.match(text, /Maria Costa may be Ana Silva, who is on file/);
    const evidence = await card.locator('.hr-sync-evidence').innerText();
    assert.match(evidence, /Email: same/, 'the same address…');
    assert.match(evidence, /First name: different; Last name: different/, '…against different names, said as such');
    const shown = /Match probability, as the model computed it: ([^\n]+) %/.exec(text)?.[1];
    assert.ok(shown && shown !== '100' && shown !== '100.0', `the probability is not shown as a certainty (${shown})`);
    assert.match(text, /Maria\s+Ana/, 'the two persons side by side');
    assert.match(text, /Not compared, one of them has none: Phone, Date of birth/);
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
    await assertReadable(card);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'sidebar-duplicate');
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
    assert.match(
      await page.locator('#hr-sync-sidebar .hr-sync-reviews').innerText(),
      /Nothing to review/,
      'the list refreshed itself',
    );
  });

  test("the dead letter shows BambooHR's failure and, retried once the fault is gone, creates the employee", async () => {
    const card = page.locator('#hr-sync-sidebar .hr-sync-dead-letter');
    await card.waitFor();
    assert.match(
      await card.locator('.hr-sync-card-title').innerText(),
      /^Dead letter \d+\s+Create employee in bamboohr/,
    );
    assert.match(
      await card.locator('.hr-sync-subject').innerText(),
      /Bo Lind[\s\S]*In the ATS: greenhouse gh-7/,
      'the person and the candidate it came from',
    );
    assert.match(
      await card.locator('.hr-sync-what-to-do').innerText(),
      /then retry; or discard/,
      'the error code comes with what to do',
    );
    assert.match(
      await card.locator('.hr-sync-resends').innerText(),
      /sends the stored record below again, exactly as it was recorded/,
    );
    await assertReadable(card);
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
