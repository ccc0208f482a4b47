import { HrError } from '../../lib/errors';
import { sandboxCheckrValues, sandboxHrisValues, sandboxWriteBackValues } from '../../sandbox/connectionValues';
import type { RuntimeSandbox } from '../../sandbox/inRuntime';
import { unsetVariable, unsetVariables } from '../common/sandboxMode';
import type { ConnectionCredentials } from './settings';

type Fields = Record<string, unknown>;
type Values = { fields: Record<string, string>; credentials: Record<string, string> };

export interface SandboxedConnection {
  def: Fields;
  credentials: ConnectionCredentials;
  /** The parts that talk to the built-in sandbox, e.g. ["bamboohr", "greenhouse write-back"]; empty when live. */
  parts: string[];
  /** Where the first sandboxed part is served, for the log line. */
  address?: string;
}

const HRIS_SYSTEMS = ['bamboohr', 'hibob', 'personio'] as const;
const WRITE_BACK_SYSTEMS = ['greenhouse', 'lever', 'ashby'] as const;
const includes = <T extends string>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);

/**
 * Each part of the connection (the HRIS, the ATS write-back, Checkr) whose address is an unset
 * `${NAME}` talks to the built-in sandbox with the emulator's own credentials; a part whose address the
 * user typed or set never does. A variable still unset in a live part is refused by name: it would
 * otherwise be sent to the vendor as if it were a key.
 */
export function withSandbox(
  def: Fields,
  credentials: ConnectionCredentials,
  sandbox: () => RuntimeSandbox,
): SandboxedConnection {
  const out: SandboxedConnection = { def: { ...def }, credentials: { ...credentials }, parts: [] };
  const use = (part: string, values: Values) => {
    Object.assign(out.def, values.fields);
    Object.assign(out.credentials, values.credentials);
    out.parts.push(part);
    out.address ??= Object.values(values.fields)[0];
  };
  if (unsetVariable(def.baseUrl) && includes(HRIS_SYSTEMS, def.system))
    use(def.system, sandboxHrisValues(sandbox(), def.system));
  if (unsetVariable(def.atsBaseUrl) && includes(WRITE_BACK_SYSTEMS, def.atsSystem))
    use(`${def.atsSystem} write-back`, sandboxWriteBackValues(sandbox(), def.atsSystem));
  const checkrOn = def.checkrEnabled === true || def.checkrEnabled === 'true';
  if (checkrOn && unsetVariable(def.checkrBaseUrl)) use('checkr', sandboxCheckrValues(sandbox()));
  // Only the parts switched on: a write-back turned off may keep the variables it had.
  const inUse = Object.entries({ ...out.def, ...out.credentials }).filter(
    ([k]) => (def.atsSystem !== 'none' || !k.startsWith('ats')) && (checkrOn || !k.startsWith('checkr')),
  );
  const unset = unsetVariables(Object.fromEntries(inUse));
  if (unset.length > 0)
    throw new HrError(
      'hris.variable_unset',
      `The HRIS connection uses environment variables that are not set: ${unset.join(', ')}.`,
    );
  return out;
}
