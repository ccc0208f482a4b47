/**
 * A new user's first run, from the palette (issue #19): a fresh Node-RED 4.1 with default settings and
 * NO environment variables, the packed tarball installed through Manage palette ▸ Install ▸ upload,
 * then Import ▸ Examples ▸ <example>, Deploy, and a click on "send a test hire". The hire must reach
 * the HRIS emulator of the sandbox built into the package, show in the HR sync sidebar, and no node may
 * show a red status at any moment. With HR_UPDATE_SCREENSHOTS=1 the README's screenshots are refreshed.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nodeRed4, projectRoot } from '../support/runtimes';
import { makeUserDir, startNodeRed, type RunningNodeRed } from '../support/realNodeRed';
import { launchChromium, openEditor, watchErrors } from '../support/browser';
import { packProject } from '../package/pack';

async function screenshot(page: Page, name: string) {
  const dir = path.join(projectRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  if (process.env.HR_UPDATE_SCREENSHOTS === '1')
    fs.copyFileSync(path.join(dir, `${name}.png`), path.join(projectRoot, 'docs', `${name}.png`));
}

/** Records, in the page, every node status that turns red, however briefly. */
async function watchRedStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { hrRed: string[] };
    w.hrRed = [];
    const check = (el: Element) => {
      const cls = el.getAttribute('class') ?? '';
      if (/red-ui-flow-node-status-(dot|ring)-red/.test(cls)) {
        const node = el.closest('.red-ui-flow-node-group');
        w.hrRed.push(`${node?.id ?? '?'}: ${node?.querySelector('.red-ui-flow-node-status-label')?.textContent ?? ''}`);
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') check(r.target as Element);
        r.addedNodes.forEach((n) => n instanceof Element && [n, ...Array.from(n.querySelectorAll('*'))].forEach(check));
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
}

const redStatuses = (page: Page) => page.evaluate(() => (window as unknown as { hrRed: string[] }).hrRed);

async function installFromPalette(page: Page, tarball: string, red: RunningNodeRed): Promise<void> {
  await page.locator('#red-ui-header-button-sidemenu').click();
  await page.locator('#menu-item-edit-palette').click();
  await page.locator('#red-ui-palette-editor .red-ui-tab', { hasText: 'Install' }).click();
  await page.setInputFiles('#red-ui-palette-editor-upload-form input[type="file"]', tarball);
  await screenshot(page, 'palette-upload');
  await page.locator('.red-ui-palette-editor-upload-buttons button.primary').click();
  // npm installs the package and its dependencies into the user directory, as for any palette install.
  await page
    .waitForFunction(
      () =>
        !!(window as unknown as { RED: { nodes: { getType(t: string): unknown } } }).RED.nodes.getType('hr-test-hire'),
      null,
      { timeout: 480_000 },
    )
    .catch(async (err: unknown) => {
      await screenshot(page, 'palette-upload-failed');
      throw new Error(`the package did not appear in the palette: ${String(err)}\n${red.log().slice(-4000)}`);
    });
  await page.getByRole('button', { name: 'Close', exact: true }).first().click();
  await page.locator('#red-ui-palette-editor').waitFor({ state: 'hidden' });
}

async function importExample(page: Page, example: string): Promise<void> {
  const dialog = page.locator('#red-ui-clipboard-dialog');
  const folder = dialog.locator('.red-ui-treeList-label', { hasText: 'node-red-contrib-ats-hris' }).first();
  const entry = dialog.locator('.red-ui-treeList-label', { hasText: new RegExp(`^\\s*${example}\\s*$`) }).first();
  // The editor learns of a newly installed module's examples a moment after its nodes: reopen until listed.
  for (let attempt = 0; ; attempt += 1) {
    await page.evaluate(() =>
      (window as unknown as { RED: { actions: { invoke(a: string): void } } }).RED.actions.invoke(
        'core:show-examples-import-dialog',
      ),
    );
    if (
      await folder.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    )
      break;
    assert.ok(attempt < 6, "the package's examples are listed under Import ▸ Examples");
    await page.locator('#red-ui-clipboard-dialog-cancel').click();
  }
  // The folder stays open from an earlier import; a click would close it.
  if (!(await entry.isVisible())) await folder.click();
  await entry.click();
  await screenshot(page, `import-${example.toLowerCase().replace(/\W+/g, '-')}`);
  await page.locator('#red-ui-clipboard-dialog-ok').click();
  // The example comes as a flow of its own: open its tab.
  await page.locator('#red-ui-workspace-tabs .red-ui-tab', { hasText: example }).first().click();
}

async function deploy(page: Page): Promise<void> {
  await page.locator('#red-ui-header-button-deploy').click();
  await page.waitForFunction(() => !document.querySelector('#red-ui-header-button-deploy:not(.disabled)'), null, {
    timeout: 30_000,
  });
}

/** Clicks the button of the inject node wired to "send a test hire" on the shown tab. */
async function sendTestHire(page: Page): Promise<void> {
  const id = await page.evaluate(() => {
    type EditorNode = { id: string; type: string };
    const RED = (
      window as unknown as {
        RED: {
          workspaces: { active(): string };
          nodes: { filterNodes(f: object): EditorNode[]; filterLinks(f: object): Array<{ source: EditorNode }> };
        };
      }
    ).RED;
    const testHire = RED.nodes.filterNodes({ z: RED.workspaces.active(), type: 'hr-test-hire' })[0];
    return testHire
      ? RED.nodes.filterLinks({ target: testHire }).find((l) => l.source.type === 'inject')?.source.id
      : undefined;
  });
  assert.ok(id, 'the example has an inject button wired to "send a test hire"');
  await page.locator(`[id="${id}"] .red-ui-flow-node-button`).click();
}

interface Case {
  example: string;
  hris: string;
  /** Whether what the test hire made is in the emulator's state. */
  arrived(holds: Record<string, unknown[]>): boolean;
}

const CASES: Case[] = [
  { example: 'Hire to HRIS', hris: 'bamboohr', arrived: (h) => (h.employees?.length ?? 0) > 0 },
  { example: 'Lever to HiBob', hris: 'hibob', arrived: (h) => (h.people?.length ?? 0) > 0 },
  { example: 'Background check', hris: 'checkr', arrived: (h) => (h.candidates?.length ?? 0) > 0 },
];

describe("a palette user's first run, with no environment variables", () => {
  let red: RunningNodeRed;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    const { tarball } = packProject();
    const userDir = makeUserDir('hr-first-run-');
    // Default settings, except that the palette catalogue on the internet is left out (the test machine is offline).
    red = await startNodeRed({
      runtime: nodeRed4(),
      userDir,
      env: {},
      settings: { editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } } },
      readyLimitMs: 90_000,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    errors = watchErrors(page);
    await openEditor(page, red.url);
    await watchRedStatuses(page);
    await installFromPalette(page, tarball, red);
  });
  after(async () => {
    await browser?.close();
    await red?.stop();
  });

  for (const c of CASES) {
    test(`${c.example}: imported, deployed, a test hire arrives in the ${c.hris} emulator and the sidebar, and nothing turns red`, async () => {
      await importExample(page, c.example);
      await deploy(page);
      // The nodes of a connection in sandbox mode say so.
      await page.locator('.red-ui-flow-node-status-label', { hasText: 'sandbox' }).first().waitFor({ timeout: 30_000 });
      await sendTestHire(page);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await fetch(`${red.url}/hr-sandbox/${c.hris}/_sandbox/state`);
        if (res.ok && c.arrived(((await res.json()) as { holds: Record<string, unknown[]> }).holds)) break;
        assert.ok(
          Date.now() < deadline,
          `the test hire did not reach the ${c.hris} emulator:\n${red.log().slice(-3000)}`,
        );
        await page.waitForTimeout(500);
      }
      // The sidebar header has room for four tab buttons; the others are in its drop-down menu.
      if (!(await page.locator('#hr-sync-sidebar').isVisible())) {
        await page.locator('#red-ui-sidebar .red-ui-tab-link-button-menu').click();
        await page.locator('#red-ui-tabs-menu-option-hr-sync').click();
      }
      await page.locator('#hr-sync-refresh').click();
      await page
        .locator('#hr-sync-sidebar tr[data-figure="events"] .hr-sync-24h')
        .filter({ hasText: /^[1-9]/ })
        .first()
        .waitFor({ timeout: 30_000 });
      // Node-RED's notifications (imported, deployed, injected) fade by themselves; the screenshot waits for them.
      await page
        .locator('.red-ui-notification')
        .first()
        .waitFor({ state: 'detached', timeout: 20_000 })
        .catch(() => undefined);
      await screenshot(page, `first-run-${c.example.toLowerCase().replace(/\W+/g, '-')}`);
      assert.deepEqual(await redStatuses(page), [], 'no node showed a red status');
      assert.deepEqual(errors, [], 'no console error in the editor');
    });
  }
});
