import { ASHBY_DEFAULTS } from './ashby';
import { BAMBOOHR_DEFAULTS } from './bamboohr';
import { CHECKR_DEFAULTS } from './checkr';
import { GREENHOUSE_DEFAULTS } from './greenhouse';
import { HIBOB_DEFAULTS } from './hibob';
import type { RuntimeSandbox } from './inRuntime';
import { LEVER_DEFAULTS } from './lever';
import { PERSONIO_DEFAULTS } from './personio';
import { SLACK_DEFAULTS } from './slack';
import { SMARTRECRUITERS_DEFAULTS } from './smartrecruiters';
import { TEAMS_DEFAULTS } from './teams';
import { WORKABLE_DEFAULTS } from './workable';

/**
 * What a connection types in to reach an emulator of the built-in sandbox: its address and the
 * emulator's own credentials. These are sandbox values, not secrets: every emulator accepts only them.
 */
export interface SandboxAtsValues {
  baseUrl: string;
  tokenUrl?: string;
  account?: string;
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
  /** The secret the sandbox's test hires are signed with when the connection names none. */
  webhookSecret: string;
}

const webhookSecret = (vendor: string) => `sandbox-${vendor}-webhook-secret`;

export const SANDBOX_ATS_VENDORS = ['greenhouse', 'lever', 'ashby', 'workable', 'smartrecruiters', 'checkr'] as const;
export type SandboxAtsVendor = (typeof SANDBOX_ATS_VENDORS)[number];

export function sandboxAtsValues(sandbox: RuntimeSandbox, vendor: SandboxAtsVendor): SandboxAtsValues {
  switch (vendor) {
    case 'greenhouse': {
      const { clientId, clientSecret } = GREENHOUSE_DEFAULTS.oauthClients[0];
      const url = sandbox.greenhouse.url;
      return {
        baseUrl: url,
        tokenUrl: `${url}/token`,
        account: String(GREENHOUSE_DEFAULTS.userIds[0]),
        clientId,
        clientSecret,
        webhookSecret: webhookSecret(vendor),
      };
    }
    case 'lever':
      return {
        baseUrl: `${sandbox.lever.url}/v1`,
        apiKey: LEVER_DEFAULTS.apiKeys[0],
        webhookSecret: webhookSecret(vendor),
      };
    case 'ashby':
      return { baseUrl: sandbox.ashby.url, apiKey: ASHBY_DEFAULTS.apiKeys[0], webhookSecret: webhookSecret(vendor) };
    case 'workable':
      return {
        baseUrl: `${sandbox.workable.url}/spi/v3`,
        account: WORKABLE_DEFAULTS.subdomain,
        apiKey: WORKABLE_DEFAULTS.tokens[0],
        webhookSecret: webhookSecret(vendor),
      };
    case 'smartrecruiters':
      return {
        baseUrl: sandbox.smartrecruiters.url,
        apiKey: SMARTRECRUITERS_DEFAULTS.apiKeys[0],
        webhookSecret: webhookSecret(vendor),
      };
    case 'checkr':
      // Checkr signs its web hooks with the account's API key.
      return { baseUrl: sandbox.checkr.url, webhookSecret: CHECKR_DEFAULTS.apiKeys[0] };
  }
}

export type SandboxHrisSystem = 'bamboohr' | 'hibob' | 'personio';

/** An HRIS emulator's address and credentials, by the HRIS connection's field names. */
export function sandboxHrisValues(
  sandbox: RuntimeSandbox,
  system: SandboxHrisSystem,
): { fields: Record<string, string>; credentials: Record<string, string> } {
  switch (system) {
    case 'bamboohr':
      return {
        fields: {
          baseUrl: `${sandbox.bamboohr.url}/api/gateway.php/${BAMBOOHR_DEFAULTS.companyDomain}`,
          companyDomain: BAMBOOHR_DEFAULTS.companyDomain,
          bambooAuth: 'apiKey',
        },
        credentials: { secret: BAMBOOHR_DEFAULTS.apiKeys[0] },
      };
    case 'hibob':
      return {
        fields: { baseUrl: sandbox.hibob.url, serviceUserId: HIBOB_DEFAULTS.serviceUsers[0].id },
        credentials: { secret: HIBOB_DEFAULTS.serviceUsers[0].token },
      };
    case 'personio':
      return {
        fields: { baseUrl: sandbox.personio.url },
        credentials: {
          clientId: PERSONIO_DEFAULTS.clients[0].clientId,
          clientSecret: PERSONIO_DEFAULTS.clients[0].clientSecret,
        },
      };
  }
}

/** The ATS write-back of an HRIS connection against the sandbox, by the connection's field names. */
export function sandboxWriteBackValues(
  sandbox: RuntimeSandbox,
  system: 'greenhouse' | 'lever' | 'ashby',
): { fields: Record<string, string>; credentials: Record<string, string> } {
  switch (system) {
    case 'greenhouse': {
      const ats = sandboxAtsValues(sandbox, 'greenhouse');
      const field = (key: string) => GREENHOUSE_DEFAULTS.customFields.find((f) => f.name_key === key)!.name_key;
      return {
        fields: {
          atsBaseUrl: ats.baseUrl,
          atsTokenUrl: ats.tokenUrl!,
          atsActAs: ats.account!,
          atsField: field('employee_id'),
          atsCheckField: field('background_check'),
        },
        credentials: { atsClientId: ats.clientId!, atsClientSecret: ats.clientSecret! },
      };
    }
    case 'lever':
      return {
        fields: { atsBaseUrl: `${sandbox.lever.url}/v1`, atsActAs: LEVER_DEFAULTS.userIds[0] },
        credentials: { atsApiKey: LEVER_DEFAULTS.apiKeys[0] },
      };
    case 'ashby':
      return {
        fields: {
          atsBaseUrl: sandbox.ashby.url,
          atsField: ASHBY_DEFAULTS.customFields[0].id,
          atsCheckField: ASHBY_DEFAULTS.customFields[1].id,
        },
        credentials: { atsApiKey: ASHBY_DEFAULTS.apiKeys[0] },
      };
  }
}

export function sandboxCheckrValues(sandbox: RuntimeSandbox): {
  fields: Record<string, string>;
  credentials: Record<string, string>;
} {
  return {
    fields: { checkrBaseUrl: sandbox.checkr.url, checkrPackage: CHECKR_DEFAULTS.packages[0] },
    credentials: { checkrApiKey: CHECKR_DEFAULTS.apiKeys[0] },
  };
}

/** The incoming-webhook URL of an alert channel's emulator. */
export function sandboxChannelUrl(sandbox: RuntimeSandbox, channel: 'slack' | 'teams'): string {
  return channel === 'slack'
    ? `${sandbox.slack.url}${SLACK_DEFAULTS.hooks[0]}`
    : `${sandbox.teams.url}/workflows/${TEAMS_DEFAULTS.workflows[0]}/triggers/manual/paths/invoke`;
}
