/**
 * What the control API and the HTML page never show in clear: credentials in headers and bodies,
 * and the secret person fields (SSN, national id, date of birth, bank data).
 */
const SECRET_HEADER = /authorization|cookie|token|secret|api-?key|signature/i;
const SECRET_FIELD =
  /secret|password|token|ssn|^sin$|^nin$|national_?id|date_?of_?birth|^dob$|bank|account_?number|routing|driver_?license_?number/i;

export const MASK = '***';

export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(', ') : value;
    const [scheme, ...rest] = joined.split(' ');
    // The scheme stays visible: "Basic ***" vs "Bearer ***" is what a reader debugging auth needs.
    out[name] = !SECRET_HEADER.test(name) ? joined : rest.length > 0 ? `${scheme} ${MASK}` : MASK;
  }
  return out;
}

export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_FIELD.test(k) && v !== null && v !== '' ? MASK : maskSecrets(v),
      ]),
    );
  }
  return value;
}
