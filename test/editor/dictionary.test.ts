/**
 * The data dictionary as HR ops edit it: a real Node-RED with this package, headless Chromium, a
 * validator's dialog, a new dictionary added through its pencil button, the default dictionary
 * loaded, one cell of the table changed, saved and deployed; the admin API then shows the edited
 * value in the stored flow, and the browser console stays clean.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nodeRed4, projectRoot } from '../support/runtimes';
import { startNodeRed, userDirWithThisPackage, type RunningNodeRed, packageOfBuild } from '../support/realNodeRed';
import { launchChromium, openEditor, watchErrors } from '../support/browser';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import type { Dictionary } from '../../lib/dictionary/field';

const packageOfThisBuild = () => packageOfBuild(projectRoot, path.resolve(__dirname, '..', '..'));

interface RedWindow {
  RED: {
    nodes: { filterNodes: (f: object) => Array<{ id: string }>; dirty: () => boolean };
  };
}

/** Drags a node from the palette onto the canvas and returns its id. */
async function dropFromPalette(page: Page, type: string): Promise<string> {
  const paletteNode = page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
  await paletteNode.scrollIntoViewIfNeeded();
  const from = (await paletteNode.boundingBox())!;
  const canvas = (await page.locator('#red-ui-workspace-chart').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 300, canvas.y + 150, { steps: 12 });
  await page.mouse.up();
  const handle = await page.waitForFunction(
    (t) => (window as never as RedWindow).RED.nodes.filterNodes({ type: t })[0]?.id ?? null,
    type,
  );
  return (await handle.jsonValue()) as string;
}

/** The position of the table row whose field name is `name`. */
async function rowOf(page: Page, name: string): Promise<number> {
  const names = await page
    .locator('#hr-dictionary-fields input.hr-dictionary-name')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const index = names.indexOf(name);
  assert.ok(index >= 0, `no row for ${name} in ${names.join(', ')}`);
  return index;
}

describe('the data dictionary in the editor', () => {
  let red: RunningNodeRed;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let pkg: ReturnType<typeof packageOfThisBuild>;
  let userDir: string;

  before(async () => {
    pkg = packageOfThisBuild();
    userDir = userDirWithThisPackage(pkg.dir);
    red = await startNodeRed({
      runtime: nodeRed4(),
      userDir,
      settings: { editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } } },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    errors = watchErrors(page);
    await openEditor(page, red.url);
  });
  after(async () => {
    await browser?.close();
    await red?.stop();
    pkg?.remove();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  test('a dictionary added from a validator, loaded with the default, edited in the table and deployed is stored with the edit', async () => {
    const validatorId = await dropFromPalette(page, 'hr-validator');
    await page.locator(`[id="${validatorId}"] .red-ui-flow-node`).first().dblclick();
    const dialog = page.locator('.red-ui-tray').last();
    await dialog.locator('#node-dialog-ok').waitFor();

    // Node-RED 4.1 shows a pencil to edit the selected config node and a plus to add one.
    await page.locator('#node-input-btn-dictionary-add').click();
    await page.locator('#node-config-dialog-ok').waitFor();
    await page.locator('#hr-dictionary-load-default').click();
    const rows = page.locator('#hr-dictionary-fields input.hr-dictionary-name');
    await page.waitForFunction(
      (n) => document.querySelectorAll('#hr-dictionary-fields input.hr-dictionary-name').length === n,
      defaultDictionary.fields.length,
    );
    assert.equal(await rows.count(), defaultDictionary.fields.length);

    // A cell the runtime cannot accept is named in the dialog; a good value clears it.
    const maxLength = page
      .locator('#hr-dictionary-fields input.hr-dictionary-maxLength')
      .nth(await rowOf(page, 'job.title'));
    await maxLength.fill('lots');
    await page.locator('#hr-dictionary-check .hr-dictionary-problem', { hasText: '(job.title).maxLength' }).waitFor();
    await maxLength.fill('200');
    await page.locator('#hr-dictionary-check', { hasText: `${defaultDictionary.fields.length} fields` }).waitFor();

    // A CSV with a bad row is reported by line and column, and the table stays as it was.
    await page.locator('#hr-dictionary-import-csv').click();
    await page
      .locator('#hr-dictionary-import-text')
      .fill(
        'name,label,type,owner,syncDirection,sensitivity,maxLength\nnote,Note,string,ats,none,internal,20\nbad,Bad,string,ats,none,internal,many\n',
      );
    await page.locator('#hr-dictionary-import-run').click();
    await page
      .locator('#hr-dictionary-import-problems .hr-dictionary-problem', { hasText: /Line 3, column "maxLength"/ })
      .waitFor();
    assert.equal(await rows.count(), defaultDictionary.fields.length, 'nothing was imported');
    await page.locator('#hr-dictionary-import-cancel').click();

    // Export CSV downloads what the table holds, edit included.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#hr-dictionary-export-csv').click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    assert.match(download.suggestedFilename(), /\.csv$/);
    assert.match(csv, /^job\.title,Job title,string,true,,200,/m);

    await page.locator('#node-config-dialog-ok').click();
    await page.locator('#node-config-dialog-ok').waitFor({ state: 'detached' });
    await dialog.locator('#node-dialog-ok').click();
    await page.locator('.red-ui-tray').waitFor({ state: 'detached' });

    await page.locator('#red-ui-header-button-deploy').click();
    await page.waitForFunction(() => !(window as never as RedWindow).RED.nodes.dirty());

    const flows = await red.getJson<Array<Record<string, unknown>>>('/flows');
    const stored = flows.find((n) => n.type === 'hr-dictionary') as { id: string; dictionary: Dictionary } | undefined;
    assert.ok(stored, 'the dictionary config node was deployed');
    assert.equal(flows.find((n) => n.id === validatorId)?.dictionary, stored.id, 'the validator uses it');
    assert.equal(stored.dictionary.fields.find((f) => f.name === 'job.title')?.maxLength, 200);
    assert.deepEqual(
      stored.dictionary.fields.map((f) => f.name),
      defaultDictionary.fields.map((f) => f.name),
    );

    // The runtime accepted the dictionary: the validator started and says how many fields it checks.
    await page
      .locator(`[id="${validatorId}"] .red-ui-flow-node-status-label`, {
        hasText: `${defaultDictionary.fields.length}`,
      })
      .waitFor();
    assert.doesNotMatch(red.log(), /\[error\].*hr-/);
    assert.deepEqual(errors, []);
  });
});
