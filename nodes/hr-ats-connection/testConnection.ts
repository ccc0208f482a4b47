import { authKind } from '../../lib/vendors/ats';
import { atsSourceFor } from '../../lib/vendors/registry';
import { SANDBOX_ATS_VENDORS, sandboxAtsValues, type SandboxAtsVendor } from '../../sandbox/connectionValues';
import { unsetVariable, unsetVariables } from '../common/sandboxMode';
import { inSandbox, outcome, runProbe, secretsOf, type TestInput, type TestOutcome } from '../common/connectionTest';
import { atsApiSettings, vendorOf } from './apiSettings';
import { ATS_NAMES, ATS_PROBES } from './probes';

/** "Test connection" of an ATS connection: one read through its API, when it has one. */
export async function testAtsConnection({ config, credentials, sandbox }: TestInput): Promise<TestOutcome[]> {
  const vendor = vendorOf(config.vendor);
  const sandboxed =
    unsetVariable(config.baseUrl) !== null && (SANDBOX_ATS_VENDORS as readonly string[]).includes(vendor);
  const service = sandboxed ? inSandbox(ATS_NAMES[vendor]) : ATS_NAMES[vendor];
  const probe = ATS_PROBES[vendor];
  if (!probe) return [outcome(service, 'noApi')];
  // As the deployed node does: an address left as an unset `${NAME}` is the built-in sandbox, with its credentials.
  const api = sandboxed ? sandboxAtsValues(sandbox(), vendor as SandboxAtsVendor) : atsApiSettings(config, credentials);
  // A variable still unset is not sent to the vendor as if it were the value.
  const unset = sandboxed
    ? []
    : unsetVariables({
        ...api,
        apiKey: credentials.apiKey,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      });
  if (unset.length > 0) return [outcome(service, 'incomplete', { detail: `${unset.join(', ')} not set` })];
  const http = atsSourceFor(vendor).httpOptions(api);
  if (!http) return [outcome(service, 'noApiKey')];
  if (vendor === 'greenhouse' && authKind(api) === 'apiKey') return [outcome(service, 'apiRetired')];
  const result = await runProbe({
    explain: { service, secrets: secretsOf({ ...credentials, apiKey: api.apiKey, clientSecret: api.clientSecret }) },
    http,
    call: (ctx) => ctx.send(probe(authKind(api))),
    ok: () => outcome(service, 'ok'),
  });
  return [result];
}
