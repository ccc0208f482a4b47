import { z } from 'zod';
import { HrError } from '../../lib/errors';
import type { CheckrConnection } from '../../lib/vendors/checkr/checks';
import { parseOfficeTable } from '../../lib/vendors/checkr/workLocation';
import type { HrisConnection } from '../../lib/vendors/registry';
import { DEFAULT_BAMBOOHR_RECOVERY_FIELD } from '../../lib/vendors/bamboohr/target';
import type { WriteBackConnection } from '../../lib/vendors/writeback';
import { describeIssues } from '../../lib/zodIssues';

/** The editor's fields; one connection per HRIS, with the ATS write-back and Checkr beside it. */
export const ConnectionDef = z.object({
  system: z.enum(['bamboohr', 'hibob', 'personio', 'generic']),
  baseUrl: z.string().trim().default(''),
  companyDomain: z.string().trim().default(''),
  bambooAuth: z.enum(['apiKey', 'oauth']).default('apiKey'),
  serviceUserId: z.string().trim().default(''),
  /** A flow saved before the setting existed gets BambooHR's default; an emptied field turns it off. */
  bambooRecoveryField: z.string().trim().default(DEFAULT_BAMBOOHR_RECOVERY_FIELD),
  personioRecoveryAttribute: z.string().trim().default(''),
  recoveryField: z.string().trim().default(''),
  recoveryLookupUrl: z.string().trim().default(''),
  createMethod: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
  createUrl: z.string().trim().default(''),
  idPath: z.string().trim().default(''),
  updateMethod: z.enum(['POST', 'PUT', 'PATCH']).default('PATCH'),
  updateUrl: z.string().trim().default(''),
  lookupUrl: z.string().trim().default(''),
  lookupIdPath: z.string().trim().default(''),
  lookupStatusPath: z.string().trim().default(''),
  emailPath: z.string().trim().default(''),
  authHeader: z.string().trim().default('Authorization'),
  rateLimit: z.coerce.number().positive().default(5),
  atsSystem: z.enum(['none', 'greenhouse', 'ashby', 'lever']).default('none'),
  atsBaseUrl: z.string().trim().default(''),
  /** Greenhouse Harvest v3: the OAuth token address (default auth.greenhouse.io). */
  atsTokenUrl: z.string().trim().default(''),
  atsActAs: z.string().trim().default(''),
  atsField: z.string().trim().default(''),
  atsCheckField: z.string().trim().default(''),
  checkrEnabled: z
    .union([z.boolean(), z.string()])
    .transform((v) => v === true || v === 'true')
    .default(false),
  checkrBaseUrl: z.string().trim().default(''),
  checkrPackage: z.string().trim().default(''),
  checkrCountry: z.string().trim().default('US'),
  checkrState: z.string().trim().default(''),
  checkrCity: z.string().trim().default(''),
  checkrNode: z.string().trim().default(''),
  /** One office a line, `office = country, state, city`: where an office whose text cannot be read is. */
  checkrOffices: z.string().default(''),
});
export type ConnectionDef = z.infer<typeof ConnectionDef>;

/** Every secret is a password credential: kept in Node-RED's encrypted store, never in the flow. */
type CredentialName =
  | 'secret'
  | 'clientId'
  | 'clientSecret'
  | 'refreshToken'
  | 'atsApiKey'
  | 'atsClientId'
  | 'atsClientSecret'
  | 'checkrApiKey';

export const CREDENTIALS: Record<CredentialName, { type: 'text' | 'password' }> = {
  secret: { type: 'password' },
  clientId: { type: 'text' },
  clientSecret: { type: 'password' },
  refreshToken: { type: 'password' },
  atsApiKey: { type: 'password' },
  atsClientId: { type: 'password' },
  atsClientSecret: { type: 'password' },
  checkrApiKey: { type: 'password' },
};

export type ConnectionCredentials = Partial<Record<CredentialName, string>>;

export interface ConnectionSettings {
  hris: HrisConnection;
  /** Requests per second to the HRIS. */
  rateLimit: number;
  writeBack?: WriteBackConnection;
  checkr?: CheckrConnection;
}

const missing = (what: string) => new HrError('hris.connection_incomplete', `The HRIS connection is missing ${what}.`);
const opt = (value: string) => value || undefined;

function hrisOf(def: ConnectionDef, c: ConnectionCredentials): HrisConnection {
  const baseUrl = opt(def.baseUrl);
  switch (def.system) {
    case 'bamboohr': {
      if (!def.companyDomain) throw missing('the BambooHR company domain');
      if (def.bambooAuth === 'oauth') {
        if (!c.clientId || !c.clientSecret || !c.refreshToken)
          throw missing('the OAuth client id, client secret and refresh token');
        return {
          system: 'bamboohr',
          companyDomain: def.companyDomain,
          baseUrl,
          recoveryField: def.bambooRecoveryField,
          auth: { kind: 'oauth', clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken },
        };
      }
      if (!c.secret) throw missing('the BambooHR API key');
      return {
        system: 'bamboohr',
        companyDomain: def.companyDomain,
        baseUrl,
        recoveryField: def.bambooRecoveryField,
        auth: { kind: 'apiKey', apiKey: c.secret },
      };
    }
    case 'hibob':
      if (!def.serviceUserId || !c.secret) throw missing('the HiBob service user id and token');
      return { system: 'hibob', serviceUserId: def.serviceUserId, token: c.secret, baseUrl };
    case 'personio':
      if (!c.clientId || !c.clientSecret) throw missing('the Personio client id and secret');
      return {
        system: 'personio',
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        baseUrl,
        recoveryAttribute: opt(def.personioRecoveryAttribute),
      };
    case 'generic':
      if (!def.baseUrl || !def.createUrl) throw missing('the base URL and the create URL');
      return {
        system: 'generic',
        baseUrl: def.baseUrl,
        authHeader: def.authHeader,
        authValue: c.secret ?? '',
        createMethod: def.createMethod,
        createUrl: def.createUrl,
        idPath: def.idPath,
        updateMethod: def.updateMethod,
        updateUrl: opt(def.updateUrl),
        lookupUrl: opt(def.lookupUrl),
        lookupIdPath: opt(def.lookupIdPath),
        lookupStatusPath: opt(def.lookupStatusPath),
        emailPath: opt(def.emailPath),
        recoveryField: opt(def.recoveryField),
        recoveryLookupUrl: opt(def.recoveryLookupUrl),
      };
  }
}

/** Reads the config node's fields and credentials; a clear error names what is missing. */
export function connectionSettings(rawDef: unknown, credentials: ConnectionCredentials): ConnectionSettings {
  const parsed = ConnectionDef.safeParse(rawDef);
  if (!parsed.success)
    throw new HrError('hris.connection_invalid', `The HRIS connection is not valid: ${describeIssues(parsed.error)}`);
  const def = parsed.data;
  const settings: ConnectionSettings = { hris: hrisOf(def, credentials), rateLimit: def.rateLimit };
  if (def.atsSystem !== 'none') {
    settings.writeBack = {
      system: def.atsSystem,
      apiKey: credentials.atsApiKey ?? '',
      baseUrl: opt(def.atsBaseUrl),
      actAs: opt(def.atsActAs),
      field: opt(def.atsField),
      checkField: opt(def.atsCheckField),
    };
    // Greenhouse Harvest v3 takes OAuth client credentials; a v1 API key still loads, and its calls fail as retired.
    if (def.atsSystem === 'greenhouse' && credentials.atsClientId && credentials.atsClientSecret) {
      settings.writeBack.oauth = {
        clientId: credentials.atsClientId,
        clientSecret: credentials.atsClientSecret,
        tokenUrl: opt(def.atsTokenUrl),
      };
    } else if (!credentials.atsApiKey) {
      throw missing(
        def.atsSystem === 'greenhouse'
          ? 'the Greenhouse OAuth client id and secret for the write-back'
          : 'the ATS API key for the write-back',
      );
    }
  }
  if (def.checkrEnabled) {
    if (!credentials.checkrApiKey || !def.checkrPackage) throw missing('the Checkr API key and package');
    settings.checkr = {
      apiKey: credentials.checkrApiKey,
      baseUrl: opt(def.checkrBaseUrl),
      package: def.checkrPackage,
      node: opt(def.checkrNode),
      workLocation: {
        country: def.checkrCountry,
        ...(def.checkrState ? { state: def.checkrState } : {}),
        ...(def.checkrCity ? { city: def.checkrCity } : {}),
      },
      offices: parseOfficeTable(def.checkrOffices),
    };
  }
  return settings;
}
