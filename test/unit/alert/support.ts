/** Fixtures for the alert tests: the real English catalogue, a hire with secrets, a dictionary marking salary secret. */
import fs from 'node:fs';
import path from 'node:path';
import type { Alert, Translate } from '../../../lib/alert/alert';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import type { Dictionary } from '../../../lib/dictionary/field';

/** Translates with locales/en-US/<set>.json the way Node-RED does (`__name__` parameters). */
export function translator(set: 'hr-alert' | 'hr-health'): Translate {
  const catalogue = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), 'locales', 'en-US', `${set}.json`), 'utf8'),
  ) as Record<string, unknown>;
  return (key, params = {}) => {
    const found = `${set}.${key}`
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
    if (typeof found !== 'string') throw new Error(`no text for ${set}.${key}`);
    return found.replace(/__(\w+)__/g, (_m, name: string) => String(params[name] ?? `__${name}__`));
  };
}

export const SECRETS = { ssn: '123-45-6789', ssnDigits: '123456789', dateOfBirth: '1990-04-12', salary: '103000' };

/** The default dictionary plus a salary field marked secret, as a customer would edit it. */
export const dictionaryWithSecretSalary: Dictionary = {
  ...defaultDictionary,
  fields: [
    ...defaultDictionary.fields,
    {
      name: 'offer.salary',
      label: 'Salary',
      type: 'number',
      required: false,
      owner: 'ats',
      syncDirection: 'ats_to_hris',
      sensitivity: 'secret',
    },
  ],
};

export function hireWithSecrets() {
  return {
    person: {
      guid: '7f1c2a4e-3b7d-4c1e-9a57-0c2f3d4e5f60',
      legalName: { first: 'Ana', last: 'Silva' },
      emails: [{ type: 'work', address: 'ana.silva@example.com' }],
      dateOfBirth: SECRETS.dateOfBirth,
      nationalId: { type: 'ssn', value: SECRETS.ssnDigits },
    },
    offer: { salary: Number(SECRETS.salary) },
    application: { id: 'app-9', candidateId: 'cand-7', status: 'hired', url: 'https://app.greenhouse.io/people/7' },
  };
}

/** A writer failure as it reaches the alert node, with a vendor that echoes the secret values back. */
export function failureMessage() {
  return {
    payload: hireWithSecrets(),
    error: {
      code: 'bamboohr.field_invalid',
      message: `BambooHR refused the employee: SSN ${SECRETS.ssn} / ${SECRETS.ssnDigits} invalid`,
      vendorMessage: `ssn ${SECRETS.ssnDigits} is not valid; dateOfBirth ${SECRETS.dateOfBirth}; payRate 103,000 USD`,
      attempts: 3,
      source: { id: 'writer-1', type: 'hr-hris-writer', name: 'to BambooHR' },
    },
  };
}

export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    severity: 'error',
    category: 'sync',
    code: 'bamboohr.field_invalid',
    title: 'BambooHR refused the employee',
    source: { nodeId: 'writer-1', nodeType: 'hr-hris-writer', nodeName: 'to BambooHR', flowId: 'flow-1' },
    people: [{ name: 'Ana Silva', guid: '7f1c2a4e-3b7d-4c1e-9a57-0c2f3d4e5f60' }],
    peopleCount: 1,
    vendorError: 'payRate: Invalid field',
    attempts: 3,
    links: { ats: 'https://app.greenhouse.io/people/7', editor: 'https://nodered.example.com/#node/writer-1' },
    facts: [],
    firstAt: '2026-09-16T12:00:00.000Z',
    lastAt: '2026-09-16T12:00:00.000Z',
    count: 1,
    ...overrides,
  };
}
