#!/usr/bin/env node
// `npm start`: builds, then runs Node-RED on 127.0.0.1 (port from PORT, default 1880) with a
// git-ignored user directory (.userdir/) in which this working tree is installed as a module, the
// way `npm install <folder>` in a Node-RED user directory does it, next to the vendor sandbox. On
// the first start the shipped examples are deployed against the sandbox, so `npm run demo` shows a
// hire becoming an employee at once.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const userDir = path.resolve(root, process.env.HR_USERDIR || '.userdir');
const port = Number(process.env.PORT || 1880);

const build = spawnSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const link = path.join(userDir, 'node_modules', pkg.name);
fs.mkdirSync(path.dirname(link), { recursive: true });
if (!fs.existsSync(link)) fs.symlinkSync(root, link, 'dir');

fs.writeFileSync(
  path.join(userDir, 'settings.js'),
  `module.exports = ${JSON.stringify(
    {
      uiHost: '127.0.0.1',
      uiPort: port,
      flowFile: 'flows.json',
      credentialSecret: process.env.NODE_RED_CREDENTIAL_SECRET || 'local-sandbox-only',
      editorTheme: { projects: { enabled: false } },
      telemetry: { enabled: false, updateNotification: false },
    },
    null,
    2,
  )};\n`,
);

// A development-only key for the store's secret fields, so the examples run at once; a real
// installation sets its own HR_STORE_KEY (examples/ENVIRONMENT.md).
const env = { ...process.env };
if (!env.HR_STORE_KEY) {
  env.HR_STORE_KEY = '5a'.repeat(32);
  console.log('HR_STORE_KEY is not set: using a development-only key for the sandbox.');
}
// The examples' variables (examples/ENVIRONMENT.md) pointed at the standalone sandbox on 127.0.0.1:4010–4020;
// a variable already set in the environment is kept. HR_SANDBOX=0 leaves them unset, so the examples
// use the sandbox built into Node-RED instead.
if (process.env.HR_SANDBOX !== '0') {
  const at = (port, rest = '') => `http://127.0.0.1:${port}${rest}`;
  const standalone = {
    BAMBOOHR_API_URL: at(4010, '/api/gateway.php/acme'),
    BAMBOOHR_COMPANY_DOMAIN: 'acme',
    BAMBOOHR_API_KEY: 'sandbox-bamboohr-key',
    HIBOB_API_URL: at(4011),
    HIBOB_SERVICE_USER_ID: 'SERVICE-SANDBOX',
    HIBOB_API_TOKEN: 'sandbox-hibob-token',
    PERSONIO_API_URL: at(4012),
    PERSONIO_CLIENT_ID: 'sandbox-personio-client',
    PERSONIO_CLIENT_SECRET: 'sandbox-personio-secret',
    GREENHOUSE_API_URL: at(4013),
    GREENHOUSE_TOKEN_URL: at(4013, '/token'),
    GREENHOUSE_CLIENT_ID: 'sandbox-greenhouse-client',
    GREENHOUSE_CLIENT_SECRET: 'sandbox-greenhouse-secret',
    GREENHOUSE_USER_ID: '4080',
    GREENHOUSE_WEBHOOK_SECRET: 'sandbox-greenhouse-webhook-secret',
    GREENHOUSE_EMPLOYEE_ID_FIELD: 'employee_id',
    GREENHOUSE_CHECK_RESULT_FIELD: 'background_check',
    LEVER_API_URL: at(4014, '/v1'),
    LEVER_API_KEY: 'sandbox-lever-key',
    LEVER_USER_ID: 'lever-user-1',
    LEVER_WEBHOOK_SECRET: 'sandbox-lever-webhook-secret',
    ASHBY_API_URL: at(4015),
    ASHBY_API_KEY: 'sandbox-ashby-key',
    ASHBY_WEBHOOK_SECRET: 'sandbox-ashby-webhook-secret',
    ASHBY_EMPLOYEE_ID_FIELD: '6f7c1a52-0b1e-4f5a-9d2e-000000000001',
    CHECKR_API_URL: at(4016),
    CHECKR_API_KEY: 'sandbox-checkr-key',
    CHECKR_PACKAGE: 'tasker_standard',
    SLACK_WEBHOOK_URL: at(4017, '/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'),
  };
  for (const [name, value] of Object.entries(standalone)) env[name] ||= value;
}
const firstStart = !fs.existsSync(path.join(userDir, 'flows.json'));

/** On the first start, deploys every shipped example as the editor's Import + Deploy would (credentials included). */
async function deployExamples() {
  const examples = fs
    .readdirSync(path.join(root, 'examples'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  const flows = examples.flatMap((f) => JSON.parse(fs.readFileSync(path.join(root, 'examples', f), 'utf8')));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(`${url}/settings`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const res = await fetch(`${url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
    body: JSON.stringify(flows),
  });
  console.log(
    res.ok
      ? `deployed the shipped examples: ${examples.map((f) => f.replace(/\.json$/, '')).join(', ')}. Try \`npm run demo\`.`
      : `could not deploy the examples: ${res.status} ${await res.text()}`,
  );
}

// The vendor emulators (BambooHR, Greenhouse, Checkr, Slack, …) on 127.0.0.1, so the examples run
// without any real account; set HR_SANDBOX=0 to start Node-RED alone.
const children = [];
if (process.env.HR_SANDBOX !== '0') {
  children.push(
    spawn(process.execPath, [path.join(root, 'dist', 'sandbox', 'cli.js')], { stdio: 'inherit', cwd: root }),
  );
}
console.log(`${pkg.name} loaded from this working tree.`);
console.log(`Node-RED editor: http://127.0.0.1:${port}/`);
const red = spawn(process.execPath, [require.resolve('node-red/red.js'), '--userDir', userDir], {
  stdio: 'inherit',
  cwd: root,
  env,
});
children.push(red);
if (firstStart) deployExamples().catch((err) => console.error(`could not deploy the examples: ${err.message}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.kill(signal)));
red.on('exit', (code) => {
  children.forEach((c) => c.kill('SIGTERM'));
  process.exit(code ?? 0);
});
