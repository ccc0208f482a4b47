import { z } from 'zod';
import { HrError } from '../../errors';
import type { HttpClientOptions } from '../../http';
import { contentKey, fetchParsed, parsePayload, VendorId } from '../ats/boundary';
import type { AtsContext, AtsSource, Canonical, Delivery, DeliveryInput } from '../ats/types';
import type { EmployeeChange, EmployeeUpdatedEvent, FieldChange } from '../hris/changes';
import { readBambooTimestamp } from './webhook';

/**
 * BambooHR's employee fields the two-way sync reads, by their English name (what a field-based
 * webhook posts by default) and their API field id (what an event-based webhook names, and a webhook
 * with aliases may post), at the data dictionary's path. docs/vendors/bamboohr.md, "Changes from BambooHR".
 */
const FIELDS: ReadonlyArray<readonly [name: string, id: string, path: string]> = [
  ['First Name', 'firstName', 'person.legalName.first'],
  ['Middle Name', 'middleName', 'person.legalName.middle'],
  ['Last Name', 'lastName', 'person.legalName.last'],
  ['Preferred Name', 'preferredName', 'person.preferredName'],
  ['Job Title', 'jobTitle', 'job.title'],
  ['Department', 'department', 'job.department.name'],
  ['Location', 'location', 'job.office.name'],
  ['Work Email', 'workEmail', 'employee.workEmail'],
  ['Hire Date', 'hireDate', 'employee.hireDate'],
];
const byName = new Map(FIELDS.flatMap(([name, id, path]) => [[name.toLowerCase(), { id, path }], [id.toLowerCase(), { id, path }]] as const));

/** Field-based webhooks (documented JSON example): the changed field names and the posted values. */
const FieldBased = z.object({
  employees: z
    .array(
      z.object({
        id: VendorId,
        action: z.string().min(1),
        changedFields: z.array(z.string()).default([]),
        fields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).default({}),
        timestamp: z.string().min(1),
      }),
    )
    .min(1),
});
/** Event-based webhooks: ids and the changed field ids only; the values are read back through the API. */
const EventBased = z.object({
  type: z.string().min(1),
  timestamp: z.string().min(1),
  data: z.object({ employeeId: VendorId, changedFields: z.array(z.string()).default([]) }),
});

const isEventBased = (body: unknown) => Boolean(body && typeof body === 'object' && 'type' in body && 'data' in body);

function isoOf(text: string, field: string): string {
  const date = readBambooTimestamp(text);
  if (!date) throw new HrError('ats.payload_invalid', `BambooHR webhook is not valid: ${field}: is not a date-time`, { issues: [{ field, rule: 'format', message: 'is not a date-time' }] });
  return date.toISOString();
}

/** Reads the changed fields of one employee: mapped ones become changes, the rest are reported. */
function employeeChange(employeeId: string, changedAt: string, changed: readonly string[], valueOf: (id: string, name: string) => string | number | null | undefined): EmployeeChange {
  const changes: FieldChange[] = [];
  const unmapped: string[] = [];
  const withoutValue: string[] = [];
  for (const name of changed) {
    const known = byName.get(name.toLowerCase());
    if (!known) {
      unmapped.push(name);
      continue;
    }
    const value = valueOf(known.id, name);
    if (value === undefined) withoutValue.push(name);
    else changes.push({ field: known.path, value: value === null ? null : String(value), changedAt, vendorField: name });
  }
  return { employeeId, changedAt, changes, unmapped, withoutValue };
}

async function readEmployee(ctx: AtsContext, id: string, fieldIds: string[]): Promise<Record<string, unknown>> {
  return fetchParsed(
    ctx,
    { method: 'GET', url: `v1/employees/${encodeURIComponent(id)}`, query: { fields: fieldIds.join(',') }, idempotent: true },
    z.record(z.string(), z.unknown()),
    'BambooHR employee',
  );
}

/**
 * BambooHR as a source of changes: the HRIS trigger's intake (verify, journal, exactly once) runs it
 * like an ATS source. Only updates are handled: an employee created or deleted in BambooHR is not a
 * change of a field the two-way sync owns.
 */
export const bamboohrChanges: AtsSource = {
  vendor: 'bamboohr',
  successStatus: 200,
  classify(input: DeliveryInput): Omit<Delivery, 'vendor' | 'receivedAt' | 'body'> | null {
    if (isEventBased(input.body)) {
      const event = parsePayload(EventBased, input.body, 'BambooHR webhook');
      if (event.type !== 'employee.updated') return null;
      const id = event.data.employeeId;
      return { type: 'employee.updated', vendorType: event.type, key: contentKey('employee.updated', id, input.rawBody), subjects: { candidateIds: [id], emails: [] } };
    }
    const body = parsePayload(FieldBased, input.body, 'BambooHR webhook');
    const updated = body.employees.filter((e) => e.action.toLowerCase() === 'updated');
    if (updated.length === 0) return null;
    const ids = updated.map((e) => e.id);
    return { type: 'employee.updated', vendorType: 'employee_with_fields.updated', key: contentKey('employee.updated', ids.join(','), input.rawBody), subjects: { candidateIds: ids, emails: [] } };
  },
  async canonical(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
    let employees: EmployeeChange[];
    if (isEventBased(delivery.body)) {
      const event = parsePayload(EventBased, delivery.body, 'BambooHR webhook');
      const ids = event.data.changedFields.map((f) => byName.get(f.toLowerCase())?.id).filter((id): id is string => Boolean(id));
      const read = ids.length ? await readEmployee(ctx, event.data.employeeId, ids) : {};
      const value = (id: string) => {
        const v = read[id];
        return v === undefined || v === null || typeof v === 'string' || typeof v === 'number' ? v : String(v);
      };
      employees = [employeeChange(event.data.employeeId, isoOf(event.timestamp, 'timestamp'), event.data.changedFields, value)];
    } else {
      const body = parsePayload(FieldBased, delivery.body, 'BambooHR webhook');
      employees = body.employees
        .filter((e) => e.action.toLowerCase() === 'updated')
        .map((e, i) => {
          const posted = new Map(Object.entries(e.fields).map(([k, v]) => [k.toLowerCase(), v]));
          return employeeChange(e.id, isoOf(e.timestamp, `employees.${i}.timestamp`), e.changedFields, (id, name) => posted.get(name.toLowerCase()) ?? posted.get(id.toLowerCase()));
        });
    }
    const occurredAt = employees.map((e) => e.changedAt).sort().at(-1)!;
    const event: EmployeeUpdatedEvent = { type: 'employee.updated', system: 'bamboohr', eventId: delivery.key, occurredAt, employees };
    const warnings = employees.flatMap((e) => [
      ...e.unmapped.map((f) => `employee ${e.employeeId}: "${f}" changed, and no mapping reads it`),
      ...e.withoutValue.map((f) => `employee ${e.employeeId}: "${f}" changed, but the webhook does not post its value`),
    ]);
    return { event, warnings };
  },
  httpOptions: (): HttpClientOptions | null => null,
};
