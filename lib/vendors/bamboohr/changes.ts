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
const byName = new Map(
  FIELDS.flatMap(
    ([name, id, path]) =>
      [
        [name.toLowerCase(), { id, path }],
        [id.toLowerCase(), { id, path }],
      ] as const,
  ),
);

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

/** What the reconciliation poll journals for one changed employee: the values it read, at BambooHR's last-change time. */
const PolledChange = z.object({
  polled: z.object({
    employeeId: VendorId,
    lastChanged: z.string().min(1),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  }),
});

/** `GET /v1/employees/changed` (documented sample response). */
const ChangedEmployees = z.object({
  latest: z.string().min(1).optional(),
  employees: z
    .record(z.string(), z.object({ id: VendorId, action: z.string().min(1), lastChanged: z.string().min(1) }))
    .default({}),
});

const isEventBased = (body: unknown) => Boolean(body && typeof body === 'object' && 'type' in body && 'data' in body);
const isPolled = (body: unknown) => Boolean(body && typeof body === 'object' && 'polled' in body);
const FIELD_IDS = FIELDS.map(([, id]) => id);

function isoOf(text: string, field: string): string {
  const date = readBambooTimestamp(text);
  if (!date)
    throw new HrError('ats.payload_invalid', `BambooHR webhook is not valid: ${field}: is not a date-time`, {
      issues: [{ field, rule: 'format', message: 'is not a date-time' }],
    });
  return date.toISOString();
}

/** Reads the changed fields of one employee: mapped ones become changes, the rest are reported. */
function employeeChange(
  employeeId: string,
  changedAt: string,
  changed: readonly string[],
  valueOf: (id: string, name: string) => string | number | null | undefined,
): EmployeeChange {
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
    else
      changes.push({ field: known.path, value: value === null ? null : String(value), changedAt, vendorField: name });
  }
  return { employeeId, changedAt, changes, unmapped, withoutValue };
}

async function readEmployee(ctx: AtsContext, id: string, fieldIds: string[]): Promise<Record<string, unknown>> {
  return fetchParsed(
    ctx,
    {
      method: 'GET',
      url: `v1/employees/${encodeURIComponent(id)}`,
      query: { fields: fieldIds.join(',') },
      idempotent: true,
    },
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
    if (isPolled(input.body)) return null;
    if (isEventBased(input.body)) {
      const event = parsePayload(EventBased, input.body, 'BambooHR webhook');
      if (event.type !== 'employee.updated') return null;
      const id = event.data.employeeId;
      return {
        type: 'employee.updated',
        vendorType: event.type,
        key: contentKey('employee.updated', id, input.rawBody),
        subjects: { candidateIds: [id], emails: [] },
      };
    }
    const body = parsePayload(FieldBased, input.body, 'BambooHR webhook');
    const updated = body.employees.filter((e) => e.action.toLowerCase() === 'updated');
    if (updated.length === 0) return null;
    const ids = updated.map((e) => e.id);
    return {
      type: 'employee.updated',
      vendorType: 'employee_with_fields.updated',
      key: contentKey('employee.updated', ids.join(','), input.rawBody),
      subjects: { candidateIds: ids, emails: [] },
    };
  },
  async canonical(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
    let employees: EmployeeChange[];
    if (isPolled(delivery.body)) {
      const { polled } = parsePayload(PolledChange, delivery.body, 'BambooHR changed employee');
      const at = isoOf(polled.lastChanged, 'lastChanged');
      const read = employeeChange(polled.employeeId, at, Object.keys(polled.values), (id) => polled.values[id]);
      employees = [{ ...read, changes: read.changes.map((c) => ({ ...c, timeUncertain: true })) }];
    } else if (isEventBased(delivery.body)) {
      const event = parsePayload(EventBased, delivery.body, 'BambooHR webhook');
      const ids = event.data.changedFields
        .map((f) => byName.get(f.toLowerCase())?.id)
        .filter((id): id is string => Boolean(id));
      const read = ids.length ? await readEmployee(ctx, event.data.employeeId, ids) : {};
      const value = (id: string) => {
        const v = read[id];
        return v === undefined || v === null || typeof v === 'string' || typeof v === 'number' ? v : String(v);
      };
      employees = [
        employeeChange(event.data.employeeId, isoOf(event.timestamp, 'timestamp'), event.data.changedFields, value),
      ];
    } else {
      const body = parsePayload(FieldBased, delivery.body, 'BambooHR webhook');
      employees = body.employees
        .filter((e) => e.action.toLowerCase() === 'updated')
        .map((e, i) => {
          const posted = new Map(Object.entries(e.fields).map(([k, v]) => [k.toLowerCase(), v]));
          return employeeChange(
            e.id,
            isoOf(e.timestamp, `employees.${i}.timestamp`),
            e.changedFields,
            (id, name) => posted.get(name.toLowerCase()) ?? posted.get(id.toLowerCase()),
          );
        });
    }
    const occurredAt = employees
      .map((e) => e.changedAt)
      .sort()
      .at(-1)!;
    const event: EmployeeUpdatedEvent = {
      type: 'employee.updated',
      system: 'bamboohr',
      eventId: delivery.key,
      occurredAt,
      employees,
    };
    const warnings = employees.flatMap((e) => [
      ...e.unmapped.map((f) => `employee ${e.employeeId}: "${f}" changed, and no mapping reads it`),
      ...e.withoutValue.map((f) => `employee ${e.employeeId}: "${f}" changed, but the webhook does not post its value`),
    ]);
    return { event, warnings };
  },
  httpOptions: (): HttpClientOptions | null => null,
};

/** BambooHR's `since` accepts `…Z`; a `+` offset would need escaping in the query (docs/vendors/bamboohr.md). */
const sinceText = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The reconciliation poll: employees BambooHR reports updated since a time, each read back with the
 * fields the sync maps, journalled under the employee and its last-change time (so the poll and a
 * later poll agree). BambooHR says when the employee changed, not which field: each value carries
 * that time as uncertain, and survivorship lets it decide only where the HRIS owns the field.
 */
export async function bambooChangedEmployees(
  since: Date,
  ctx: AtsContext,
  receivedAt: Date,
): Promise<{ deliveries: Delivery[]; latest: string | null }> {
  const changed = await fetchParsed(
    ctx,
    {
      method: 'GET',
      url: 'v1/employees/changed',
      query: { since: sinceText(since), type: 'updated' },
      idempotent: true,
    },
    ChangedEmployees,
    'BambooHR changed employees',
  );
  const deliveries: Delivery[] = [];
  for (const entry of Object.values(changed.employees)) {
    if (entry.action.toLowerCase() !== 'updated') continue;
    const read = await readEmployee(ctx, entry.id, FIELD_IDS);
    const values = Object.fromEntries(
      FIELD_IDS.filter((id) => id in read).map((id) => {
        const v = read[id];
        return [id, v === null || typeof v === 'string' || typeof v === 'number' ? v : String(v)];
      }),
    );
    deliveries.push({
      vendor: 'bamboohr',
      type: 'employee.updated',
      vendorType: 'employees.changed',
      key: `employee.updated:${entry.id}:poll:${entry.lastChanged}`,
      subjects: { candidateIds: [entry.id], emails: [] },
      body: { polled: { employeeId: entry.id, lastChanged: entry.lastChanged, values } },
      receivedAt: receivedAt.toISOString(),
    });
  }
  return { deliveries, latest: changed.latest ?? null };
}
