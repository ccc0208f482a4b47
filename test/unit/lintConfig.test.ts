import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

/**
 * The full `npm test` starts with `npm run lint`; these cases keep its configuration honest: a
 * config that ignored a folder or lost a rule would let the check pass on anything.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function rulesBroken(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? `parse: ${m.message}`);
}

test('lint refuses an any in lib/, nodes/ and the sandbox', async () => {
  for (const file of ['lib/example.ts', 'nodes/hr-example/hr-example.ts', 'sandbox/example.ts']) {
    assert.deepEqual(
      await rulesBroken(file, 'export const value: any = 1;\n'),
      ['@typescript-eslint/no-explicit-any'],
      file,
    );
  }
});

test('lint refuses console output from lib/ (logs go through the node), but not from a test', async () => {
  assert.deepEqual(await rulesBroken('lib/example.ts', "console.log('hired');\n"), ['no-console']);
  assert.deepEqual(await rulesBroken('test/unit/example.test.ts', "console.log('hired');\n"), []);
});

test('lint reads the editor scripts inside a node .html as the browser runs them', async () => {
  const html = (script: string) => `<script type="text/javascript">\n${script}\n</script>\n`;
  assert.deepEqual(await rulesBroken('nodes/hr-example/hr-example.html', html("RED.nodes.registerType('x', {});")), []);
  const [modern] = await rulesBroken('nodes/hr-example/hr-example.html', html('const x = () => 1;'));
  assert.match(modern, /^parse: /, 'ES2015 syntax in an editor script is refused (the editor scripts stay ES5)');
  assert.deepEqual(await rulesBroken('nodes/hr-example/hr-example.html', html('undefinedThing();')), ['no-undef']);
});

test('the format check knows the project style', async () => {
  const options = await prettier.resolveConfig(path.join(root, 'lib', 'example.ts'));
  assert.ok(options, '.prettierrc.json is found');
  const formatted = "export const answer = { id: 'x' };\n";
  assert.equal(await prettier.check(formatted, { ...options, filepath: 'lib/example.ts' }), true);
  assert.equal(
    await prettier.check('export const answer = {id:"x"}\n', { ...options, filepath: 'lib/example.ts' }),
    false,
  );
  const long = `export const list = [${Array.from({ length: 30 }, (_, i) => `'item${i}'`).join(', ')}];\n`;
  assert.equal(await prettier.check(long, { ...options, filepath: 'lib/example.ts' }), false, 'lines wrap at 120');
});
