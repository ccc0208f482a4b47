import { randomInt } from 'node:crypto';
import type { SandboxHrisSystem } from './connectionValues';
import type { RuntimeSandbox } from './inRuntime';
import type { SignedDelivery } from './senders/delivery';
import { bamboohrSender } from './senders/bamboohr';

export interface TestChange {
  /** The HRIS's id of the employee that changed, as the emulator's page shows it. */
  employeeId: string;
  /** The job title before and after. */
  from: string | null;
  to: string;
  delivery: SignedDelivery;
}

export type TestChangeOutcome = { ok: true; change: TestChange } | { ok: false; reason: 'no_employee' | 'unsupported' };

const TITLES = [
  'Senior Payroll Specialist',
  'Payroll Lead',
  'People Operations Manager',
  'Head of Payroll',
  'Payroll Specialist II',
];

/** A title other than the current one, so every click is a change. */
function nextTitle(current: string | null): string {
  const choices = TITLES.filter((t) => t !== current);
  return choices[randomInt(choices.length)]!;
}

/**
 * Changes the job title of the sandbox HRIS's newest active employee, as HR would in the HRIS's own
 * pages, and builds the HRIS's signed change webhook for it. BambooHR only: Personio sends no change
 * webhooks (its changes are polled) and HiBob's event payload is not documented publicly.
 */
export function seedTestChange(sandbox: RuntimeSandbox, system: SandboxHrisSystem, secret: string): TestChangeOutcome {
  if (system !== 'bamboohr') return { ok: false, reason: 'unsupported' };
  const bamboo = sandbox.bamboohr;
  const newest = bamboo
    .employees()
    .filter((e) => e.status === 'Active')
    .sort((a, b) => Number(b.id) - Number(a.id))[0];
  if (!newest) return { ok: false, reason: 'no_employee' };
  const from = newest.fields.jobTitle ?? null;
  const to = nextTitle(from);
  bamboo.changeEmployee(newest.id, { jobTitle: to });
  // The field-based webhook names fields as BambooHR's English labels (docs/vendors/bamboohr.md).
  const delivery = bamboohrSender({ secret }).fieldsUpdated([{ employeeId: newest.id, fields: { 'Job Title': to } }]);
  return { ok: true, change: { employeeId: newest.id, from, to, delivery } };
}
