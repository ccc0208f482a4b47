/**
 * The edit dialogs in German: a real Node-RED with this package, headless Chromium once with a German
 * and once with an English editor; every node's dialog (and each config node's, through its "add"
 * button) is opened in both. No label, tooltip, placeholder, option or tip shows a raw i18n key, the
 * German texts are not the English ones, and the browser console stays clean.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { nodeRed4, projectRoot } from '../support/runtimes';
import { startNodeRed, userDirWithThisPackage, type RunningNodeRed, packageOfBuild } from '../support/realNodeRed';
import { launchChromium, openEditor, watchErrors } from '../support/browser';
import { manifest, registeredTypes } from '../package/pack';
import { BAMBOOHR_DEFAULTS, startBambooHr, type BambooHrHandle } from '../../sandbox/bamboohr';

const PACKAGE = manifest().name;
const SETS = Object.keys(manifest()['node-red'].nodes);
const paletteTypes = SETS.flatMap((set) =>
  registeredTypes(fs.readFileSync(path.join(projectRoot, 'nodes', set, `${set}.html`), 'utf8')),
)
  .filter((t) => t.category !== 'config')
  .map((t) => t.type);

/** What a missing translation looks like on screen: the key itself, e.g. hr-alert.label.channel or common.label.name. */
const RAW_KEY = /(?:^|[^\w./-])(?:hr-[a-z-]+|common)\.[a-zA-Z]+\.[a-zA-Z]/;

/**
 * Texts that are the same word in both languages (product names, "Name", technical terms). Every
 * other translated text must differ from its English one, which is what a missing German key shows.
 */
const SAME_IN_BOTH =
  /^(?:Name|Details|Status|Token URL|Webhook URL|E-?Mail|HMAC-SHA\d+|hex|base64|Greenhouse|Lever|Ashby|Workable|SmartRecruiters|Checkr|BambooHR|HiBob|Personio|Standard Webhooks|Generic HMAC|Slack \(incoming webhook\)|OAuth|API|Info|JSON|CSV|SQLite|Version|ms|\{.*\}|[A-Z]{2,6}|[\d\s.,:%/()–-]*)$/;

const packageOfThisBuild = () => packageOfBuild(projectRoot, path.resolve(__dirname, '..', '..'));

interface DialogTexts {
  /** The config node type, or the node's own type. */
  type: string;
  /** Per translated element and attribute (`[title]ns:hr-x.tip.y`), what the editor shows. */
  translated: Record<string, string>;
  /** Everything a person can read in the dialog: visible text, tooltips, placeholders, options. */
  all: string[];
}

interface RedWindow {
  RED: {
    nodes: { filterNodes: (f: object) => Array<{ id: string }> };
    editor: { getEditStack: () => Array<{ type: string }> };
  };
}

/** Reads the top-most tray, once its form is built: every data-i18n target by its key, and all readable text. */
async function readDialog(page: Page): Promise<DialogTexts> {
  await page.waitForFunction((ns) => {
    const trays = document.querySelectorAll('.red-ui-tray');
    return !!trays[trays.length - 1]?.querySelector(`[data-i18n*="${ns}/"]`);
  }, PACKAGE);
  return page.evaluate(() => {
    const trays = document.querySelectorAll('.red-ui-tray');
    const tray = trays[trays.length - 1]!;
    const translated: Record<string, string> = {};
    tray.querySelectorAll('[data-i18n]').forEach((el) => {
      for (const part of (el.getAttribute('data-i18n') ?? '').split(';')) {
        const attr = /^\[([^\]]+)\]/.exec(part)?.[1];
        const value = attr === undefined || attr === 'html' ? el.textContent : el.getAttribute(attr);
        translated[part] = (value ?? '').trim();
      }
    });
    const all = [(tray as HTMLElement).innerText];
    tray.querySelectorAll('[title], [placeholder], option').forEach((el) => {
      all.push(
        el.getAttribute('title') ?? '',
        el.getAttribute('placeholder') ?? '',
        el.tagName === 'OPTION' ? (el.textContent ?? '') : '',
      );
    });
    const stack = (window as never as RedWindow).RED.editor.getEditStack();
    return { type: stack[stack.length - 1]!.type, translated, all: all.filter((t) => t.trim()) };
  });
}

/**
 * Cancels the edit dialog. On a loaded machine a click that lands while the tray is still sliding in can
 * be lost (the tray then stays open for good), so the click is repeated until the tray has gone.
 */
async function cancelDialog(page: Page, dialog: Locator): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if (await dialog.locator('#node-dialog-cancel').isVisible()) await dialog.locator('#node-dialog-cancel').click();
    try {
      await page.locator('.red-ui-tray').waitFor({ state: 'detached', timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Adds one node of the type to the canvas, opens its dialog and every config dialog its "add" buttons open. */
async function dialogsOf(page: Page, type: string, index: number): Promise<DialogTexts[]> {
  // Dropped from the palette and double-clicked, as a user opens a dialog.
  const count = () =>
    page.evaluate((t) => (window as never as RedWindow).RED.nodes.filterNodes({ type: t }).length, type);
  const before = await count();
  const paletteNode = page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
  await paletteNode.scrollIntoViewIfNeeded();
  const from = (await paletteNode.boundingBox())!;
  const canvas = (await page.locator('#red-ui-workspace-chart').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 200 + (index % 3) * 260, canvas.y + 80 + Math.floor(index / 3) * 70, { steps: 12 });
  await page.mouse.up();
  await page.waitForFunction(
    ([t, n]) => (window as never as RedWindow).RED.nodes.filterNodes({ type: t }).length > (n as number),
    [type, before] as const,
  );
  const id = await page.evaluate(
    (t) => (window as never as RedWindow).RED.nodes.filterNodes({ type: t }).slice(-1)[0]!.id,
    type,
  );
  await page.locator(`[id="${id}"] .red-ui-flow-node`).first().dblclick();
  const dialog = page.locator('.red-ui-tray').last();
  await dialog.locator('#node-dialog-ok').waitFor();
  const found = [await readDialog(page)];
  for (const add of await dialog.locator('[id^="node-input-btn-"][id$="-add"]').all()) {
    if (!(await add.isVisible())) continue;
    await add.click();
    await page.locator('#node-config-dialog-ok').waitFor();
    found.push(await readDialog(page));
    await page.locator('#node-config-dialog-cancel').click();
    await page.locator('#node-config-dialog-ok').waitFor({ state: 'detached' });
  }
  await cancelDialog(page, dialog);
  return found;
}

async function allDialogs(page: Page): Promise<Map<string, DialogTexts>> {
  const byType = new Map<string, DialogTexts>();
  for (const [i, type] of paletteTypes.entries()) {
    for (const texts of await dialogsOf(page, type, i)) if (!byType.has(texts.type)) byType.set(texts.type, texts);
  }
  return byType;
}

describe('the edit dialogs in German', () => {
  let red: RunningNodeRed;
  let browser: Browser;
  let pkg: ReturnType<typeof packageOfThisBuild>;
  let userDir: string;
  /** Console and page errors, one list per page, filled as they happen. */
  const errors: string[][] = [];
  let german: Map<string, DialogTexts>;
  let de: Page;
  let bamboo: BambooHrHandle;
  let english: Map<string, DialogTexts>;

  async function editorIn(language: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 }, locale: language });
    // The editor's own language setting (View → Language) lives in localStorage; the browser locale is its default.
    await page.addInitScript((lang) => localStorage.setItem('editor-language', lang), language);
    errors.push(watchErrors(page));
    await openEditor(page, red.url);
    // openEditor waits for the core nodes; this package's node sets may register a moment later.
    await page.waitForFunction(
      (types) =>
        types.every((t) =>
          (window as never as { RED: { nodes: { getType: (t: string) => unknown } } }).RED.nodes.getType(t),
        ),
      paletteTypes,
    );
    return page;
  }

  before(async () => {
    pkg = packageOfThisBuild();
    userDir = userDirWithThisPackage(pkg.dir);
    red = await startNodeRed({
      runtime: nodeRed4(),
      userDir,
      settings: { editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } } },
    });
    browser = await launchChromium();
    bamboo = await startBambooHr();
    const en = await editorIn('en-US');
    english = await allDialogs(en);
    await en.close();
    de = await editorIn('de');
    german = await allDialogs(de);
  });
  after(async () => {
    await de?.close();
    await browser?.close();
    await red?.stop();
    await bamboo?.stop();
    pkg?.remove();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  test('every node and config node dialog was opened in both languages', () => {
    const configTypes = SETS.flatMap((set) =>
      registeredTypes(fs.readFileSync(path.join(projectRoot, 'nodes', set, `${set}.html`), 'utf8')),
    )
      .filter((t) => t.category === 'config')
      .map((t) => t.type);
    for (const type of [...paletteTypes, ...configTypes]) {
      assert.ok(german.has(type) && english.has(type), `${type}'s dialog was not opened`);
    }
  });

  test('no German dialog shows a raw i18n key in a label, tooltip, placeholder, option or tip', () => {
    const raw = [...german.values()].flatMap((d) =>
      d.all
        .flatMap((text) => text.split('\n'))
        .filter((line) => RAW_KEY.test(line))
        .map((line) => `${d.type}: ${line.trim()}`),
    );
    assert.deepEqual(raw, []);
    const empty = [...german.values()].flatMap((d) =>
      Object.entries(d.translated)
        .filter(([key, text]) => !text && key.includes(`${PACKAGE}/`))
        .map(([key]) => `${d.type}: ${key}`),
    );
    assert.deepEqual(empty, [], 'translated elements left empty');
  });

  test('the German texts are German: none is the English text, beyond words both languages share', () => {
    const untranslated: string[] = [];
    for (const [type, de] of german) {
      const en = english.get(type);
      assert.ok(en, `${type} was not opened in English`);
      let compared = 0;
      for (const [key, text] of Object.entries(de.translated)) {
        // Node-RED's own strings (the Icon tab, …) are its business; this package's carry its namespace.
        if (!key.includes(`${PACKAGE}/`) || !(key in en.translated)) continue;
        compared += 1;
        if (text === en.translated[key] && !SAME_IN_BOTH.test(text)) untranslated.push(`${type}: ${key} = "${text}"`);
      }
      assert.ok(compared > 0, `${type}: nothing to compare`);
    }
    assert.deepEqual(untranslated, []);
  });

  test('"Verbindung testen" in a new, unsaved HRIS connection answers in German what is wrong', async () => {
    await de.locator('.red-ui-palette-node[data-palette-type="hr-hris-writer"]').waitFor();
    const writer = (await de.evaluate(
      () => (window as never as RedWindow).RED.nodes.filterNodes({ type: 'hr-hris-writer' })[0]?.id,
    ))!;
    await de.locator(`[id="${writer}"] .red-ui-flow-node`).first().dblclick();
    await de.locator('#node-input-btn-connection-add').click();
    await de.locator('#node-config-dialog-ok').waitFor();
    await de.locator('#node-config-input-system').selectOption('bamboohr');
    await de.locator('#node-config-input-companyDomain').fill('acme');
    await de.locator('#node-config-input-baseUrl').fill(`${bamboo.url}/api/gateway.php/acme`);
    await de.locator('#node-config-input-secret').fill('not-the-key');
    await de.locator('#hr-hris-connection-test').click();
    await de.locator('#hr-hris-connection-result', { hasText: 'BambooHR hat den Schlüssel abgelehnt (401)' }).waitFor();
    await de.locator('#node-config-input-secret').fill(BAMBOOHR_DEFAULTS.apiKeys[0]!);
    await de.locator('#hr-hris-connection-test').click();
    await de.locator('#hr-hris-connection-result', { hasText: 'Verbunden mit BambooHR, Firma acme.' }).waitFor();
    assert.doesNotMatch(
      await de.locator('#hr-hris-connection-result').innerText(),
      new RegExp(BAMBOOHR_DEFAULTS.apiKeys[0]!),
    );
    await de.locator('#node-config-dialog-cancel').click();
    await de.locator('#node-dialog-cancel').click();
    await de.locator('.red-ui-tray').waitFor({ state: 'detached' });
  });

  test('no console error in either language', () => {
    assert.deepEqual(errors.flat(), []);
  });
});
