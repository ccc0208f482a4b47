/**
 * The editor as a user meets it: a real Node-RED with this package, headless Chromium, every node of
 * the package found in the palette under "HR integration", dragged onto the canvas, its edit dialog
 * opened and closed, and no console error anywhere along the way.
 */
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nodeRed4, projectRoot } from '../support/runtimes';
import { startNodeRed, userDirWithThisPackage, type RunningNodeRed } from '../support/realNodeRed';
import { launchChromium, openEditor, watchErrors } from '../support/browser';
import { manifest, registeredTypes } from '../package/pack';

const allTypes = Object.keys(manifest()['node-red'].nodes).flatMap((set) =>
  registeredTypes(fs.readFileSync(path.join(projectRoot, 'nodes', set, `${set}.html`), 'utf8')),
);
const paletteTypes = allTypes.filter((t) => t.category !== 'config');
const configTypes = allTypes.filter((t) => t.category === 'config').map((t) => t.type);
/** Config node types whose dialog was opened through a consumer's "add new" button. */
const openedConfigTypes = new Set<string>();
/** How many nodes were dropped so far, so each lands on its own spot of the canvas. */
let dropped = 0;
const I18N_KEY = /\b[a-z-]+\.[a-z]+\.[a-zA-Z.]+\b/;

async function labelsOf(dialog: ReturnType<Page['locator']>): Promise<string[]> {
  // The tray slides in and its form is filled after it appears: wait for the first label, not a fixed time.
  await dialog.locator('.form-row label').first().waitFor({ timeout: 30_000 });
  const labels = await dialog.locator('.form-row label').allInnerTexts();
  assert.ok(labels.filter((l) => l.trim()).length > 0, 'the dialog shows labelled fields');
  assert.ok(
    labels.every((l) => !I18N_KEY.test(l)),
    `untranslated i18n key in a label: ${labels.join(' | ')}`,
  );
  return labels;
}

/** Screenshots land in test-results/; with HR_UPDATE_SCREENSHOTS=1 the README's copies in docs/ are refreshed. */
async function screenshot(page: Page, name: string) {
  const dir = path.join(projectRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  if (process.env.HR_UPDATE_SCREENSHOTS === '1')
    fs.copyFileSync(path.join(dir, `${name}.png`), path.join(projectRoot, 'docs', `${name}.png`));
}

describe('the editor', () => {
  let red: RunningNodeRed;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    red = await startNodeRed({
      runtime: nodeRed4(),
      userDir: userDirWithThisPackage(projectRoot),
      // The palette manager's catalogue lives on the internet, which the test machines cannot reach.
      settings: { editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } } },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    errors = watchErrors(page);
    await openEditor(page, red.url);
  });
  // A failed step must not leave a dialog open for the next node's test.
  afterEach(async () => {
    for (let i = 0; i < 3; i += 1) {
      const cancel = page.locator('#node-config-dialog-cancel:visible, #node-dialog-cancel:visible').last();
      if ((await cancel.count()) === 0) break;
      await cancel.click().catch(() => undefined);
      await page.waitForTimeout(300);
    }
  });
  after(async () => {
    await browser?.close();
    await red?.stop();
  });

  test('the palette shows every node of the package under "HR integration"', async () => {
    const category = page.locator('.red-ui-palette-category', { hasText: 'HR integration' });
    await category.first().waitFor();
    for (const { type } of paletteTypes) {
      await assert.doesNotReject(
        category.locator(`.red-ui-palette-node[data-palette-type="${type}"]`).waitFor({ timeout: 10_000 }),
        `${type} is not in the palette`,
      );
    }
  });

  for (const { type } of paletteTypes) {
    test(`${type} can be dragged onto the canvas and its edit dialog opened and closed`, async () => {
      const before = await page.evaluate(
        (t) =>
          (window as never as { RED: { nodes: { filterNodes: (f: object) => unknown[] } } }).RED.nodes.filterNodes({
            type: t,
          }).length,
        type,
      );
      const paletteNode = page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
      await paletteNode.scrollIntoViewIfNeeded();
      const from = (await paletteNode.boundingBox())!;
      const canvas = (await page.locator('#red-ui-workspace-chart').boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(canvas.x + 200 + (dropped % 2) * 260, canvas.y + 80 + Math.floor(dropped / 2) * 70, {
        steps: 12,
      });
      dropped += 1;
      await page.mouse.up();
      const id = await page
        .waitForFunction(
          ([t, n]) => {
            const nodes = (
              window as never as { RED: { nodes: { filterNodes: (f: object) => Array<{ id: string }> } } }
            ).RED.nodes.filterNodes({ type: t });
            return nodes.length > (n as number) ? nodes[nodes.length - 1].id : null;
          },
          [type, before] as const,
        )
        .then((h) => h.jsonValue() as Promise<string>);

      await page.waitForFunction(() => document.querySelectorAll('.red-ui-tray').length === 0);
      await page.locator(`[id="${id}"] .red-ui-flow-node`).first().dblclick();
      const dialog = page.locator('.red-ui-tray').last();
      await dialog.locator('#node-dialog-ok').waitFor();
      await labelsOf(dialog);
      await screenshot(page, `dialog-${type}`);
      // Each config node this node uses: open its "add new" dialog from here with the + button, as a user would.
      for (const add of await dialog.locator('[id^="node-input-btn-"][id$="-add"]').all()) {
        if (!(await add.isVisible())) continue;
        await add.click();
        const configDialog = page.locator('.red-ui-tray').last();
        await configDialog.locator('#node-config-dialog-ok').waitFor();
        await labelsOf(configDialog);
        const configType = await page.evaluate(
          () =>
            (window as never as { RED: { editor: { getEditStack: () => Array<{ type: string }> } } }).RED.editor
              .getEditStack()
              .slice(-1)[0].type,
        );
        openedConfigTypes.add(configType);
        await screenshot(page, `dialog-${configType}`);
        await configDialog.locator('#node-config-dialog-cancel').click();
        await page.locator('#node-config-dialog-ok').waitFor({ state: 'detached' });
      }
      await dialog.locator('#node-dialog-ok').click();
      await page.waitForFunction(() => document.querySelectorAll('.red-ui-tray').length === 0);
      assert.deepEqual(errors, []);
    });
  }

  test('every config node dialog was reachable from a node that uses it', () => {
    assert.deepEqual(
      configTypes.filter((t) => !openedConfigTypes.has(t)),
      [],
    );
  });

  test('the canvas with every node shows no console error', async () => {
    await screenshot(page, 'editor');
    assert.deepEqual(errors, []);
  });
});
