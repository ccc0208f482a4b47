import { authKind } from '../../lib/vendors/ats';
import { atsSourceFor } from '../../lib/vendors/registry';
import { outcome, runProbe, secretsOf, type TestInput, type TestOutcome } from '../shared/connectionTest';
import { atsApiSettings, vendorOf } from './apiSettings';
import { ATS_NAMES, ATS_PROBES } from './probes';

/** "Test connection" of an ATS connection: one read through its API, when it has one. */
export async function testAtsConnection({ config, credentials }: TestInput): Promise<TestOutcome[]> {
  const vendor = vendorOf(config.vendor);
  const service = ATS_NAMES[vendor];
  const probe = ATS_PROBES[vendor];
  if (!probe) return [outcome(service, 'noApi')];
  const api = atsApiSettings(config, credentials);
  const http = atsSourceFor(vendor).httpOptions(api);
  if (!http) return [outcome(service, 'noApiKey')];
  if (vendor === 'greenhouse' && authKind(api) === 'apiKey') return [outcome(service, 'apiRetired')];
  const result = await runProbe({
    explain: { service, secrets: secretsOf(credentials) },
    http,
    call: (ctx) => ctx.send(probe(authKind(api))),
    ok: () => outcome(service, 'ok'),
  });
  return [result];
}
