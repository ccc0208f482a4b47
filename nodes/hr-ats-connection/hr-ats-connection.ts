import type { Node, NodeAPI, NodeDef } from 'node-red';
import { HrError, toHrError } from '../../lib/errors';
import { createHttpClient, type HttpClient } from '../../lib/http';
import { PayPeriod } from '../../lib/model';
import {
  authKind,
  type AtsApiSettings,
  type AtsContext,
  type AtsVendor,
  type OfferFieldSettings,
} from '../../lib/vendors/ats';
import { atsSourceFor } from '../../lib/vendors/registry';
import { apiNotConfigured } from '../../lib/vendors/ats/boundary';
import { verifierFor, type GenericHmacConfig, type WebhookVerifier } from '../../lib/webhooks';
import { registerConnectionAction, registerConnectionTest, rememberDeployed } from '../common/connectionTest';
import { runtimeSandbox } from '../common/runtimeSandbox';
import { given, logSandbox, unsetVariable, unsetVariables } from '../common/sandboxMode';
import { SANDBOX_ATS_VENDORS, sandboxAtsValues, type SandboxAtsVendor } from '../../sandbox/connectionValues';
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
    const toleranceMs = (Number(def.toleranceSeconds) || DEFAULT_TOLERANCE_SECONDS) * 1000;

    let verifier: WebhookVerifier | null = null;
    self.configError = null;
    self.sandbox = null;
    let api: AtsApiSettings = atsApiSettings(def, credentials);
    let webhookSecret = credentials.webhookSecret;
    try {
      verifier = verifierFor(vendor, vendor === 'generic' ? genericSettings(def) : undefined);
      // An address left as an unset `${NAME}` means the built-in sandbox; an address the user typed never does.
      if (unsetVariable(def.baseUrl) && (SANDBOX_ATS_VENDORS as readonly string[]).includes(vendor)) {
        const sandbox = runtimeSandbox(RED);
        const values = sandboxAtsValues(sandbox, vendor as SandboxAtsVendor);
        api = {
          baseUrl: values.baseUrl,
          tokenUrl: values.tokenUrl,
          account: values.account,
          apiKey: values.apiKey,
          clientId: values.clientId,
          clientSecret: values.clientSecret,
        };
        webhookSecret = given(webhookSecret) ? webhookSecret : values.webhookSecret;
        self.sandbox = { sandbox, vendor: vendor as SandboxAtsVendor, webhookSecret };
        logSandbox(RED, this, vendor, values.baseUrl);
      } else {
        const unset = unsetVariables({ ...def, ...credentials });
        if (unset.length > 0)
          throw new HrError(
            'ats.variable_unset',
            `The ATS connection uses environment variables that are not set: ${unset.join(', ')}.`,
          );
      }
    } catch (err) {
      self.configError = toHrError(err);
    }
    const unusable = () => self.configError ?? new HrError('ats.not_configured', 'The ATS connection is not usable.');

    self.vendor = vendor;
    self.apiRetired = vendor === 'greenhouse' && authKind(api) === 'apiKey';
    self.source = source;
    self.intake = {
      source,
      verify: (req) =>
        verifier
          ? verifier.verify(req, webhookSecret, { toleranceMs })
          : { ok: false, reason: 'missing_secret', detail: unusable().message },
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
          client = createHttpClient({
            ...options,
            logger: (e) => this.debug(`${e.method} ${e.url} ${e.status ?? e.error}`),
          });
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
