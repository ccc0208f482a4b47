import { checkrHttpOptions } from '../../lib/vendors/checkr/checks';
import { connectHris, connectWriteBack, type HrisConnection } from '../../lib/vendors/registry';
import type { WriteBackConnection } from '../../lib/vendors/writeback';
import { inSandbox, outcome, runProbe, secretsOf, type TestInput, type TestOutcome } from '../common/connectionTest';
import { ATS_NAMES, ATS_PROBES, CHECKR_ACCOUNT } from '../hr-ats-connection/probes';
import { withSandbox } from './sandbox';
import { connectionSettings } from './settings';

const HRIS_NAMES: Record<HrisConnection['system'], string> = {
  bamboohr: 'BambooHR',
  hibob: 'HiBob',
  personio: 'Personio',
  generic: 'HRIS',
};

/** An address no HRIS holds: the lookup reads, finds nobody and changes nothing. */
const PROBE_EMAIL = 'connection-test@example.invalid';

/** The company a BambooHR call goes to: the one in an overriding base URL, else the company domain. */
const bambooCompany = (conn: Extract<HrisConnection, { system: 'bamboohr' }>) =>
  (conn.baseUrl && /\/gateway\.php\/([^/]+)/.exec(conn.baseUrl)?.[1]) || conn.companyDomain;

function testHris(conn: HrisConnection, secrets: string[], sandboxed: boolean): Promise<TestOutcome> {
  const service = sandboxed ? inSandbox(HRIS_NAMES[conn.system]) : HRIS_NAMES[conn.system];
  if (conn.system === 'generic' && !conn.lookupUrl) return Promise.resolve(outcome(service, 'noLookupUrl'));
  const { target, http } = connectHris(conn);
  // A BambooHR 404 or unknown host means the company domain: its API and token URL are per company.
  const company = conn.system === 'bamboohr' ? { company: bambooCompany(conn) } : undefined;
  return runProbe({
    explain: {
      service,
      secrets,
      ...(company ? { notFound: 'wrongCompany', unknownHost: 'wrongCompany', params: company } : {}),
    },
    http,
    call: (ctx) => target.findByWorkEmail(PROBE_EMAIL, ctx, { fresh: true }),
    ok: () => (company ? outcome(service, 'okCompany', company) : outcome(service, 'ok')),
  });
}

function testWriteBack(conn: WriteBackConnection, secrets: string[], sandboxed: boolean): Promise<TestOutcome> {
  const service = sandboxed ? inSandbox(ATS_NAMES[conn.system]) : ATS_NAMES[conn.system];
  if (conn.system === 'greenhouse' && !conn.oauth) return Promise.resolve(outcome(service, 'apiRetired'));
  const probe = ATS_PROBES[conn.system]!(conn.oauth ? 'oauth' : 'apiKey');
  return runProbe({
    explain: { service, secrets },
    http: connectWriteBack(conn).http,
    call: (ctx) => ctx.send(probe),
    ok: () => outcome(service, 'ok'),
  });
}

/**
 * "Test connection" of an HRIS connection: one read per service it holds — the HRIS, and the ATS
 * write-back and Checkr when they are switched on — so each answer names the service it is about.
 */
export function testHrisConnection({ config, credentials, sandbox }: TestInput): Promise<TestOutcome[]> {
  // As the deployed node does: each part whose address is an unset `${NAME}` is the built-in sandbox.
  const resolved = withSandbox(config, credentials, sandbox);
  const settings = connectionSettings(resolved.def, resolved.credentials);
  const secrets = secretsOf(resolved.credentials);
  const sandboxed = (part: string) => resolved.parts.includes(part);
  const tests = [testHris(settings.hris, secrets, sandboxed(settings.hris.system))];
  if (settings.writeBack)
    tests.push(testWriteBack(settings.writeBack, secrets, sandboxed(`${settings.writeBack.system} write-back`)));
  if (settings.checkr) {
    const http = checkrHttpOptions(settings.checkr);
    const service = sandboxed('checkr') ? inSandbox('Checkr') : 'Checkr';
    tests.push(
      runProbe({
        explain: { service, secrets },
        http,
        call: (ctx) => ctx.send({ method: 'GET', url: `v1/${CHECKR_ACCOUNT}` }),
        ok: () => outcome(service, 'ok'),
      }),
    );
  }
  return Promise.all(tests);
}
