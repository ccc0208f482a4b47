import type { Node, NodeAPI, NodeDef } from 'node-red';
import { HrError, toHrError } from '../../lib/errors';
import { createHttpClient, type HttpClient } from '../../lib/http';
import { PayPeriod } from '../../lib/model';
import { authKind, type AtsApiSettings, type AtsContext, type AtsVendor, type OfferFieldSettings } from '../../lib/vendors/ats';
import { atsSourceFor } from '../../lib/vendors/registry';
import { apiNotConfigured } from '../../lib/vendors/ats/boundary';
import { verifierFor, type GenericHmacConfig, type WebhookVerifier } from '../../lib/webhooks';
import { registerConnectionAction, registerConnectionTest, rememberDeployed } from '../shared/connectionTest';
import { atsApiSettings, vendorOf, type AtsCredentials } from './apiSettings';
import type { AtsConnectionNode } from './connectionRef';
import { readOfferFieldChoices } from './offerFieldChoices';
import { testAtsConnection } from './testConnection';

interface ConnectionDef extends NodeDef {
  vendor: AtsVendor;
  baseUrl: string;
  tokenUrl: string;
  account: string;
  defaultCountry: string;
  timeZone: string;
  toleranceSeconds: string;
  sigHeader: string;
  sigAlgorithm: 'sha256' | 'sha1' | 'sha512';
  sigEncoding: 'hex' | 'base64';
  sigPrefix: string;
  sigTimestampHeader: string;
  sigTimestampUnit: 'seconds' | 'milliseconds';
  sigContent: string;
  sigEventIdHeader: string;
  offerPayField?: string;
  offerPayPeriodField?: string;
  declaredPayPeriod?: string;
  offerEmploymentTypeField?: string;
  offerStartDateField?: string;
}

const DEFAULT_TOLERANCE_SECONDS = 300;

/** Which offer fields hold pay, its period, the employment type and the start date; a blank one means the vendor's default. */
function offerFieldSettings(def: ConnectionDef): OfferFieldSettings {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const declared = PayPeriod.safeParse(text(def.declaredPayPeriod));
  return Object.fromEntries(
    Object.entries({
      pay: text(def.offerPayField),
      payPeriod: text(def.offerPayPeriodField),
      declaredPayPeriod: declared.success ? declared.data : undefined,
      employmentType: text(def.offerEmploymentTypeField),
      startDate: text(def.offerStartDateField),
    }).filter(([, v]) => v !== undefined),
  );
}

function genericSettings(def: ConnectionDef): GenericHmacConfig {
  return {
    signatureHeader: def.sigHeader,
    algorithm: def.sigAlgorithm || 'sha256',
    encoding: def.sigEncoding || 'hex',
    prefix: def.sigPrefix ?? '',
    signedContent: def.sigContent || '{body}',
    timestampUnit: def.sigTimestampUnit || 'seconds',
    ...(def.sigTimestampHeader ? { timestampHeader: def.sigTimestampHeader } : {}),
    ...(def.sigEventIdHeader ? { eventIdHeader: def.sigEventIdHeader } : {}),
  };
}

export = (RED: NodeAPI) => {
  function HrAtsConnection(this: Node, def: ConnectionDef) {
    RED.nodes.createNode(this, def);
    rememberDeployed(this, def);
    const self = this as unknown as { -readonly [K in keyof AtsConnectionNode]: AtsConnectionNode[K] };
    const credentials = (this.credentials ?? {}) as AtsCredentials;
    const vendor: AtsVendor = vendorOf(def.vendor);
    const source = atsSourceFor(vendor);
    const api: AtsApiSettings = atsApiSettings(def, credentials);
    const toleranceMs = (Number(def.toleranceSeconds) || DEFAULT_TOLERANCE_SECONDS) * 1000;

    let verifier: WebhookVerifier | null = null;
    self.configError = null;
    try {
      verifier = verifierFor(vendor, vendor === 'generic' ? genericSettings(def) : undefined);
    } catch (err) {
      self.configError = toHrError(err);
    }
    const unusable = () => self.configError ?? new HrError('ats.not_configured', 'The ATS connection is not usable.');

    self.vendor = vendor;
    self.apiRetired = vendor === 'greenhouse' && authKind(api) === 'apiKey';
    self.source = source;
    self.intake = {
      source,
      verify: (req) => (verifier ? verifier.verify(req, credentials.webhookSecret, { toleranceMs }) : { ok: false, reason: 'missing_secret', detail: unusable().message }),
      handshake: (req) => verifier?.handshake?.(req) ?? null,
      eventId: (req, body) => verifier?.eventId(req, body) ?? null,
    };

    let client: HttpClient | null = null;
    const settings = {
      timeZone: def.timeZone?.trim() || 'UTC',
      ...(def.defaultCountry?.trim() ? { defaultCountry: def.defaultCountry.trim().toUpperCase() } : {}),
      offerFields: offerFieldSettings(def),
    };
    const context: AtsContext = {
      settings,
      auth: authKind(api),
      send: (request) => {
        if (!client) {
          const options = source.httpOptions(api);
          if (!options) return Promise.reject(apiNotConfigured(vendor));
          // The client redacts credentials in every log entry; only method, URL and status are logged.
          client = createHttpClient({ ...options, logger: (e) => this.debug(`${e.method} ${e.url} ${e.status ?? e.error}`) });
        }
        return client.request(request);
      },
    };
    self.atsContext = () => context;

    this.on('close', (_removed: boolean, done: () => void) => {
      client?.close();
      client = null;
      done();
    });
  }

  registerConnectionTest(RED, 'hr-ats-connection', testAtsConnection);
  registerConnectionAction(RED, 'hr-ats-connection', 'offer-fields', readOfferFieldChoices);

  RED.nodes.registerType('hr-ats-connection', HrAtsConnection, {
    credentials: {
      apiKey: { type: 'password' },
      clientId: { type: 'password' },
      clientSecret: { type: 'password' },
      webhookSecret: { type: 'password' },
    },
  });
};
