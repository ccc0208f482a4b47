/**
 * The mapper's dialog as HR ops use it: a real Node-RED with this package, headless Chromium, a mapper
 * whose HRIS connection points at the BambooHR emulator. The dialog reads BambooHR's own fields, a
 * field is picked from them, a location outside BambooHR's list and a field BambooHR does not have are
 * named in plain words before deploy; switching JSONata and Table back and forth loses neither.
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

const packageOfThisBuild = () => packageOfBuild(projectRoot, path.resolve(__dirname, '..', '..'));

const EXPRESSION = '{ "firstName": person.legalName.first, "location": "Remote" }';

function flow(bambooUrl: string) {
  return [
    { id: 'tab', type: 'tab', label: 'Hire to HRIS' },
    {
      id: 'bamboo',
      type: 'hr-hris-connection',
      name: 'BambooHR',
      system: 'bamboohr',
      companyDomain: 'acme',
      bambooAuth: 'apiKey',
      baseUrl: `${bambooUrl}/api/gateway.php/acme`,
      rateLimit: 50,
      atsSystem: 'none',
      credentials: { secret: BAMBOOHR_DEFAULTS.apiKeys[0] },
    },
    {
      id: 'mapper',
      z: 'tab',
      type: 'hr-mapper',
      name: 'to BambooHR',
      target: 'bamboohr',
      fieldsFrom: 'bamboo',
      fieldList: '',
      mode: 'table',
      expression: EXPRESSION,
      x: 300,
      y: 100,
      wires: [[]],
      rows: [
        {
          target: 'firstName',
          from: 'path',
          source: 'person.legalName.first',
          transform: '',
          args: '',
          default: '',
          required: true,
        },
        {
          target: 'location',
          from: 'constant',
          source: 'Remote',
          transform: '',
          args: '',
          default: '',
          required: false,
        },
      ],
    },
  ];
}

interface RedWindow {
  RED: { nodes: { node: (id: string) => Record<string, unknown> } };
}

/** Screenshots land in test-results/; with HR_UPDATE_SCREENSHOTS=1 the README's copy in docs/ is refreshed. */
async function screenshot(page: Page, name: string) {
  const dir = path.join(projectRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  if (process.env.HR_UPDATE_SCREENSHOTS === '1')
    fs.copyFileSync(path.join(dir, `${name}.png`), path.join(projectRoot, 'docs', `${name}.png`));
}

describe('the mapper dialog', () => {
  let red: RunningNodeRed;
  let bamboo: BambooHrHandle;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let pkg: ReturnType<typeof packageOfThisBuild>;
  let userDir: string;

  const openMapper = async () => {
    await page.locator('[id="mapper"] .red-ui-flow-node').first().dblclick();
    await page.locator('.red-ui-tray').last().locator('#node-dialog-ok').waitFor();
  };
  const closeDialog = async () => {
    await page.locator('.red-ui-tray').last().locator('#node-dialog-ok').click();
    await page.locator('.red-ui-tray').waitFor({ state: 'detached' });
  };
  const row = (i: number) => page.locator('#node-input-rows-container > li').nth(i);

  before(async () => {
    bamboo = await startBambooHr();
    pkg = packageOfThisBuild();
    userDir = userDirWithThisPackage(pkg.dir);
    red = await startNodeRed({
      runtime: nodeRed4(),
      userDir,
      settings: { editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } } },
    });
    const res = await fetch(`${red.url}/flows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
      body: JSON.stringify(flow(bamboo.url)),
    });
    assert.equal(res.status < 300, true, `deploy answered ${res.status}: ${await res.text()}\n${red.log()}`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    errors = watchErrors(page);
    await openEditor(page, red.url);
  });
  after(async () => {
    await browser?.close();
    await red?.stop();
    await bamboo?.stop();
    pkg?.remove();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  test("a BambooHR field is picked from the account's own fields, and a location outside its list is named before deploy", async () => {
    await openMapper();
    await page.locator('#hr-mapper-catalogue-status', { hasText: /fields of BambooHR/ }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#hr-mapper-field-names option').length > 0);
    const offered = await page
      .locator('#hr-mapper-field-names option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    assert.ok(
      offered.includes('location') && offered.includes('hireDate'),
      `the picker offers BambooHR's fields: ${offered.join(', ')}`,
    );
    assert.equal(
      await row(0).locator('.hr-mapper-target').getAttribute('list'),
      'hr-mapper-field-names',
      'each target cell picks from them',
    );
    await row(1).locator('.hr-mapper-field', { hasText: 'allowed: New York City, London, Remote' }).waitFor();

    // A new empty row is not an error before anything is typed in it.
    await page.locator('.red-ui-tray .red-ui-editableList-addButton').click();
    await new Promise((r) => setTimeout(r, 900));
    assert.equal((await row(2).locator('.hr-mapper-problem').textContent())?.trim(), '');
    assert.match(
      (await row(2).locator('.hr-mapper-target').getAttribute('placeholder')) ?? '',
      /hireDate/,
      'the placeholder is a BambooHR field',
    );

    await row(1).locator('.hr-mapper-source').fill('Berlin');
    await row(1)
      .locator('.hr-mapper-problem', {
        hasText:
          "This value is not one of the options of BambooHR's list: New York City, London, Remote. Add it in BambooHR or change the mapping.",
      })
      .waitFor();
    await row(2).locator('.hr-mapper-target').fill('customCostCenter');
    await row(2).locator('.hr-mapper-problem', { hasText: 'BambooHR has no field "customCostCenter"' }).waitFor();
    const words = (await row(2).locator('.hr-mapper-problem').textContent()) ?? '';
    assert.match(words, /Give where the value comes from/, 'an empty source is asked for in plain words');
    assert.doesNotMatch(words, /found the end of/);
    await screenshot(page, 'dialog-hr-mapper');

    await row(1).locator('.hr-mapper-source').fill('London');
    await row(2).locator('.hr-mapper-target').fill('hireDate');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#node-input-rows-container .hr-mapper-problem')).every(
        (p) => !p.textContent?.includes('list'),
      ),
    );
    assert.equal((await row(1).locator('.hr-mapper-problem').textContent())?.trim(), '');
    await closeDialog();
    assert.deepEqual(errors, []);
  });

  test('switching JSONata → Table and back keeps both, and the dialog says which one runs', async () => {
    await openMapper();
    await page.locator('#node-input-mode').selectOption('jsonata');
    await page
      .locator('#hr-mapper-mode-note', { hasText: 'The JSONata expression runs. The table is kept unchanged' })
      .waitFor();
    // The dialog's code editor, as oneditprepare keeps it on the node being edited.
    const shown = await page.evaluate(() =>
      ((window as never as RedWindow).RED.nodes.node('mapper').editor as { getValue: () => string }).getValue(),
    );
    assert.equal(shown, EXPRESSION, 'the saved expression is shown, not a starting mapping');
    await page.locator('#node-input-mode').selectOption('table');
    await page.locator('#hr-mapper-mode-note', { hasText: 'The table runs.' }).waitFor();
    assert.equal(await page.locator('#node-input-rows-container > li').count(), 3, 'the rows are all still there');
    await closeDialog();
    const saved = await page.evaluate(() => {
      const n = (window as never as RedWindow).RED.nodes.node('mapper');
      return {
        mode: n.mode,
        expression: n.expression,
        targets: (n.rows as Array<{ target: string }>).map((r) => r.target),
      };
    });
    assert.deepEqual(saved, { mode: 'table', expression: EXPRESSION, targets: ['firstName', 'location', 'hireDate'] });
    assert.deepEqual(errors, []);
  });
});
