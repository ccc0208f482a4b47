/**
 * The HRIS's own field catalogue for the mapper's dialog, read through the HRIS connection the person
 * picks: POST /hr-hris-connection/catalogue, guarded and credentialed like "Test connection". Cached per
 * connection for a few minutes, so typing in the table does not call the HRIS.
 */
import type { NodeAPI } from 'node-red';
import { createHttpClient } from '../../lib/http';
import type { FieldCatalogue } from '../../lib/vendors/hris/catalogue';
import { connectHris, type HrisConnection } from '../../lib/vendors/registry';
import { bambooHrCatalogue } from '../../lib/vendors/bamboohr/catalogue';
import { hiBobCatalogue } from '../../lib/vendors/hibob/catalogue';
import { personioCatalogue } from '../../lib/vendors/personio/catalogue';
import type { CallContext } from '../../lib/vendors/hris/types';
import { explainFailure, outcome, PROBE_HTTP, registerConnectionAction, secretsOf } from '../common/connectionTest';
import { connectionSettings } from '../common/hrisConnectionSettings';

const CACHE_MS = 5 * 60_000;

const READERS: Partial<
  Record<HrisConnection['system'], { service: string; read: (ctx: CallContext) => Promise<FieldCatalogue> }>
> = {
  bamboohr: { service: 'BambooHR', read: bambooHrCatalogue },
  hibob: { service: 'HiBob', read: hiBobCatalogue },
  personio: { service: 'Personio', read: personioCatalogue },
};

export function registerCatalogueRoute(RED: NodeAPI, now: () => number = Date.now): void {
  const cache = new Map<string, { at: number; catalogue: FieldCatalogue }>();
  registerConnectionAction(RED, 'hr-hris-connection', 'catalogue', async ({ config, credentials }) => {
    const { hris } = connectionSettings(config, credentials);
    const reader = READERS[hris.system];
    // A generic REST HRIS has no metadata route: the person pastes the field list in the mapper's dialog.
    if (!reader) return { ok: false, code: 'catalogueByHand', system: hris.system };
    const key = JSON.stringify([hris.system, config, secretsOf(credentials)]);
    const cached = cache.get(key);
    if (cached && now() - cached.at < CACHE_MS) return { ok: true, catalogue: cached.catalogue, cached: true };
    const client = createHttpClient({ ...connectHris(hris).http, ...PROBE_HTTP });
    try {
      const catalogue = {
        ...(await reader.read({ send: (request) => client.request(request) })),
        readAt: new Date(now()).toISOString(),
      };
      cache.set(key, { at: now(), catalogue });
      return { ok: true, catalogue, cached: false };
    } catch (err) {
      const said = explainFailure(err, { service: reader.service, secrets: secretsOf(credentials) });
      return {
        ok: false,
        result: said.code === 'unexpected' ? outcome(reader.service, 'unexpected', said.params) : said,
      };
    } finally {
      client.close();
    }
  });
}
