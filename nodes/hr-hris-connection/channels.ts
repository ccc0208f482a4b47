import type { Node } from 'node-red';
import { createHttpClient, type HttpClient, type HttpClientOptions, type RetryPolicy } from '../../lib/http';
import { checkr, checkrHttpOptions, type CheckrClient } from '../../lib/vendors/checkr/checks';
import type { HrisTarget } from '../../lib/vendors/hris';
import { connectHris, connectWriteBack } from '../../lib/vendors/registry';
import type { AtsWriteBack } from '../../lib/vendors/writeback';
import { connectionSettings, type ConnectionCredentials, type ConnectionSettings } from './settings';

export interface Channel<T> {
  api: T;
  /** The client options, for a dry run to show the exact URL and headers. */
  http: HttpClientOptions;
  client: HttpClient;
  /** The header the credential goes in, shown masked by a dry run. */
  authHeader: string;
}

export interface Channels {
  settings: ConnectionSettings;
  hris: Channel<HrisTarget>;
  writeBack?: Channel<AtsWriteBack>;
  checkr?: Channel<CheckrClient>;
}

/** What writer nodes see of the connection config node. */
export interface HrisConnectionNode extends Node<ConnectionCredentials> {
  /** Vendor modules and their clients, built on first use and shared by every writer (one rate limit). */
  channels(): Channels;
  /** The parts of the connection that talk to the built-in sandbox (empty when every part is live). */
  sandboxParts: string[];
}

/**
 * Short in-process retries only: a longer wait belongs to the writer's durable outbox, which
 * survives restarts and counts attempts towards the dead-letter limit.
 */
const IN_PROCESS_RETRY: Partial<RetryPolicy> = { maxAttempts: 2, maxTotalMs: 5_000 };

/** Builds the vendor modules and one HTTP client each; `clients` collects them for closing. */
export function buildChannels(def: unknown, credentials: ConnectionCredentials, clients: HttpClient[]): Channels {
  const settings = connectionSettings(def, credentials);
  const channel = <T>(
    api: T,
    http: HttpClientOptions,
    extra: Partial<HttpClientOptions> = {},
    authHeader = 'Authorization',
  ): Channel<T> => {
    const client = createHttpClient({ ...http, retry: IN_PROCESS_RETRY, ...extra });
    clients.push(client);
    return { api, http, client, authHeader };
  };
  const hris = connectHris(settings.hris);
  const authHeader = settings.hris.system === 'generic' ? settings.hris.authHeader || 'Authorization' : 'Authorization';
  // A small burst: one as large as the vendor's own bucket collides with it (its phase is unknown),
  // while 2 still absorbs timer jitter so the sustained rate stays at the limit.
  const result: Channels = {
    settings,
    hris: channel(hris.target, hris.http, { rateLimit: { ratePerSecond: settings.rateLimit, burst: 2 } }, authHeader),
  };
  if (settings.writeBack) {
    const wb = connectWriteBack(settings.writeBack);
    result.writeBack = channel(wb.writeBack, wb.http);
  }
  if (settings.checkr) result.checkr = channel(checkr(settings.checkr), checkrHttpOptions(settings.checkr));
  return result;
}
