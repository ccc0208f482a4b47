import { createHttpClient } from '../../lib/http';
import { authKind, type AtsContext } from '../../lib/vendors/ats';
import { atsSourceFor } from '../../lib/vendors/registry';
import { PROBE_HTTP, explainFailure, outcome, secretsOf, type TestInput } from '../common/connectionTest';
import { atsApiSettings, vendorOf } from './apiSettings';
import { ATS_NAMES } from './probes';

/**
 * "Read offer fields" in the connection dialog: the account's own offer fields through the vendor
 * module's `offerFieldChoices`, with the dialog's values (deployed or not). `{ choices }` on success,
 * `{ results }` (the connection test's outcomes) when the vendor has no such read or the call fails.
 */
export async function readOfferFieldChoices({ config, credentials }: TestInput): Promise<Record<string, unknown>> {
  const vendor = vendorOf(config.vendor);
  const service = ATS_NAMES[vendor];
  const source = atsSourceFor(vendor);
  if (!source.offerFieldChoices) return { results: [outcome(service, 'noOfferFields')] };
  const api = atsApiSettings(config, credentials);
  const http = source.httpOptions(api);
  if (!http) return { results: [outcome(service, 'noApiKey')] };
  const client = createHttpClient({ ...http, ...PROBE_HTTP });
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const ctx: AtsContext = {
    settings: {
      timeZone: text(config.timeZone) ?? 'UTC',
      ...(text(config.defaultCountry) ? { defaultCountry: text(config.defaultCountry)!.toUpperCase() } : {}),
    },
    auth: authKind(api),
    send: (request) => client.request(request),
  };
  try {
    return { choices: await source.offerFieldChoices(ctx) };
  } catch (err) {
    return { results: [explainFailure(err, { service, secrets: secretsOf(credentials) })] };
  } finally {
    client.close();
  }
}
