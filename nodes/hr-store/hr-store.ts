import type { NodeAPI, Node, NodeDef } from 'node-red';
import { openStore, type HrStore } from '../../lib/store';
import { HrError, toHrError, explainError } from '../../lib/errors';
import { describeUrl } from '../../lib/store/postgres/errors';
import { journalRetentionDays, scheduleJournalPrune } from '../../lib/store/journalPrune';
import { defaultPolicy, storedSecretPaths } from '../../lib/dictionary/defaultPolicy';
import type { StoreConfigNode } from '../common/storeRef';
import { settingsReader } from '../common/runtimeSettings';
import { parseBackend, storeLocation, type StoreLocation } from './location';
import { chooseStoreKey, type RuntimeSettings } from './storeKey';

/** Encrypted unless the user says otherwise: what the one secret policy calls secret (national ids, birth dates). */
const DEFAULT_SECRET_FIELDS = storedSecretPaths(defaultPolicy).join(', ');

interface StoreDef extends NodeDef {
  backend?: string;
  file: string;
  secretFields: string;
  keyEnv: string;
  /** Days a finished webhook event stays in the journal (its key recognises redeliveries that long). */
  journalDays?: string;
}

/** Runtime settings (settings.js), for tests: how often the journal is pruned. */
const SETTINGS = {
  hrStorePruneEveryMs: { value: 3_600_000, exportable: false },
};

/** The dialog's default for a new store's secret fields, read by the editor, so dialog and runtime share one list. */
const EDITOR_SETTINGS = {
  hrStoreDefaultSecretFields: { value: DEFAULT_SECRET_FIELDS, exportable: true },
};

interface StoreCredentials {
  encryptionKey?: string;
  /** PostgreSQL connection URL; a credential because it usually carries the database password. */
  url?: string;
}

/** What an error about the key adds: where to set one, its format, how to make one. */
const keyHint = (env: string) =>
  `Set the environment variable ${env}, or the key in the store's dialog ("Generate key"), to 32 random bytes as 64 hex characters or base64 (e.g. openssl rand -base64 32).`;

/** What may be shown of the location in logs and errors: the file, or the database without its password. */
const shownAs = (location: StoreLocation) => (location.kind === 'sqlite' ? location.file : describeUrl(location.url));

/**
 * The store's own messages already leave the password out; this is the net under them, for a driver
 * message that might quote the URL.
 */
function withoutUrl(err: HrError, location: StoreLocation): HrError {
  if (location.kind !== 'postgres') return err;
  const secrets = [location.url, ...passwordOf(location.url)].filter((s) => s.length > 0);
  if (!secrets.some((s) => err.message.includes(s))) return err;
  const message = secrets.reduce((text, s) => text.split(s).join('••••'), err.message);
  return new HrError(err.code, message, err.details);
}

/** The password as written in the URL and as decoded from it. */
function passwordOf(url: string): string[] {
  try {
    const { password } = new URL(url);
    return [password, decodeURIComponent(password)];
  } catch {
    return [];
  }
}

export = (RED: NodeAPI) => {
  function HrStoreNode(this: Node, def: StoreDef) {
    RED.nodes.createNode(this, def);
    const self = this as StoreConfigNode;
    const credentials = (this.credentials ?? {}) as StoreCredentials;
    const userDir = String((RED.settings as { userDir?: string }).userDir ?? process.cwd());
    const secretFields = (def.secretFields ?? DEFAULT_SECRET_FIELDS)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // The key comes from the credential store or an environment variable, never from the flow.
    const keyEnv = def.keyEnv?.trim() || 'HR_STORE_KEY';
    const given = credentials.encryptionKey || process.env[keyEnv] || undefined;
    let opening: Promise<HrStore> | null = null;
    let stopPruning: (() => void) | null = null;
    let closed = false;
    const pruneEveryMs = settingsReader(RED, SETTINGS)('hrStorePruneEveryMs');

    const open = async (): Promise<HrStore> => {
      const location = storeLocation(parseBackend(def.backend), def.file, credentials.url, userDir);
      try {
        const { key, generated } = await chooseStoreKey(given, location, RED.settings as unknown as RuntimeSettings);
        if (generated) this.warn(RED._('hr-store.warn.keyGenerated', { where: shownAs(location), env: keyEnv }));
        const store = await openStore(
          location.kind === 'sqlite'
            ? { file: location.file, secretFields, key }
            : { file: '', url: location.url, secretFields, key },
        );
        this.log(RED._(`hr-store.log.opened.${location.kind}`, { where: shownAs(location) }));
        // A store that finishes opening after the node closed is closed by the close handler, unpruned.
        if (!closed)
          stopPruning = scheduleJournalPrune(store, {
            retentionDays: journalRetentionDays(def.journalDays),
            everyMs: pruneEveryMs,
            onError: (e) =>
              this.warn(
                RED._('hr-store.warn.pruneFailed', {
                  code: e.code,
                  reason: explainError(RED._, e),
                  message: e.message,
                }),
              ),
          });
        return store;
      } catch (err) {
        const e = withoutUrl(toHrError(err, 'store.open_failed'), location);
        if (e.code !== 'store.key_missing' && e.code !== 'store.key_invalid') throw e;
        // Say what to set, in which format, and how to make a key: the library cannot know the variable.
        throw new HrError(e.code, `${e.message} ${keyHint(keyEnv)}`, e.details);
      }
    };

    self.acquire = () => {
      opening ??= open().catch((err: unknown) => {
        opening = null;
        const e = toHrError(err, 'store.open_failed');
        // Every consumer shows the code on its status; the log says once per attempt what to fix.
        this.error(
          RED._('hr-store.errors.openFailed', { code: e.code, reason: explainError(RED._, e), message: e.message }),
        );
        throw e;
      });
      return opening;
    };

    this.on('close', (_removed: boolean, done: () => void) => {
      closed = true;
      stopPruning?.();
      stopPruning = null;
      const pending = opening;
      opening = null;
      if (!pending) return done();
      pending
        .then((store) => store.close())
        .catch(() => undefined)
        .finally(done);
    });
  }

  RED.nodes.registerType('hr-store', HrStoreNode, {
    credentials: { encryptionKey: { type: 'password' }, url: { type: 'password' } },
    settings: { ...SETTINGS, ...EDITOR_SETTINGS },
  });
};
