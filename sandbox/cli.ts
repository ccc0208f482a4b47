import { ASHBY_DEFAULTS } from './ashby';
import { BAMBOOHR_DEFAULTS } from './bamboohr';
import { CHECKR_DEFAULTS } from './checkr';
import { GREENHOUSE_DEFAULTS } from './greenhouse';
import { HIBOB_DEFAULTS } from './hibob';
import { EMULATORS, startSandbox, type EmulatorName } from './index';
import { LEVER_DEFAULTS } from './lever';
import { PERSONIO_DEFAULTS } from './personio';
import { SLACK_DEFAULTS } from './slack';
import { SMARTRECRUITERS_DEFAULTS } from './smartrecruiters';
import { TEAMS_DEFAULTS } from './teams';
import { WORKABLE_DEFAULTS } from './workable';

/**
 * `node dist/sandbox/cli.js`: every emulator on a fixed port, from SANDBOX_BASE_PORT (default 4010)
 * in the order of EMULATORS; SANDBOX_PORT_<NAME> (e.g. SANDBOX_PORT_BAMBOOHR) moves one.
 */
const base = Number(process.env.SANDBOX_BASE_PORT ?? 4010);
const names = Object.keys(EMULATORS) as EmulatorName[];
const ports = Object.fromEntries(
  names.map((name, i) => [name, Number(process.env[`SANDBOX_PORT_${name.toUpperCase()}`] ?? base + i)]),
);

/** What a person configuring a connection against the sandbox types in; sandbox credentials, not secrets. */
const HOW_TO_CONNECT: Record<EmulatorName, (url: string) => string[]> = {
  bamboohr: (u) => [
    `base URL ${u}/api/gateway.php/${BAMBOOHR_DEFAULTS.companyDomain}`,
    `API key ${BAMBOOHR_DEFAULTS.apiKeys[0]}`,
  ],
  hibob: (u) => [
    `base URL ${u}`,
    `service user ${HIBOB_DEFAULTS.serviceUsers[0]?.id} / ${HIBOB_DEFAULTS.serviceUsers[0]?.token}`,
  ],
  personio: (u) => [
    `base URL ${u}`,
    `client ${PERSONIO_DEFAULTS.clients[0]?.clientId} / ${PERSONIO_DEFAULTS.clients[0]?.clientSecret}`,
  ],
  greenhouse: (u) => [
    `Harvest v3 base URL ${u}, token URL ${u}/token`,
    `client ${GREENHOUSE_DEFAULTS.oauthClients[0].clientId} / ${GREENHOUSE_DEFAULTS.oauthClients[0].clientSecret}, user id ${GREENHOUSE_DEFAULTS.userIds[0]}`,
  ],
  lever: (u) => [`base URL ${u}/v1`, `API key ${LEVER_DEFAULTS.apiKeys[0]}`],
  ashby: (u) => [`base URL ${u}`, `API key ${ASHBY_DEFAULTS.apiKeys[0]}`],
  checkr: (u) => [
    `base URL ${u}`,
    `API key ${CHECKR_DEFAULTS.apiKeys[0]}, packages ${CHECKR_DEFAULTS.packages.join(', ')}`,
  ],
  slack: (u) => [`webhook ${u}${SLACK_DEFAULTS.hooks[0]}`],
  teams: (u) => [
    `Workflows webhook ${u}/workflows/${TEAMS_DEFAULTS.workflows[0]}/triggers/manual/paths/invoke`,
    `legacy connector ${u}/webhookb2/${TEAMS_DEFAULTS.connectors[0]}`,
  ],
  workable: (u) => [
    `base URL ${u}/spi/v3 (account ${WORKABLE_DEFAULTS.subdomain})`,
    `token ${WORKABLE_DEFAULTS.tokens[0]}`,
  ],
  smartrecruiters: (u) => [`base URL ${u}`, `X-SmartToken ${SMARTRECRUITERS_DEFAULTS.apiKeys[0]}`],
};

async function main() {
  const sandbox = await startSandbox({ ports });
  for (const name of names) {
    const url = sandbox.urls[name];
    console.log(`${sandbox[name].name.padEnd(26)} ${url}/_sandbox/`);
    for (const line of HOW_TO_CONNECT[name](url)) console.log(`  ${line}`);
  }
  console.log(
    '\nControl API on each: GET /_sandbox/state, POST /_sandbox/faults, /_sandbox/rate-limit, /_sandbox/reset. Ctrl-C stops.',
  );
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
