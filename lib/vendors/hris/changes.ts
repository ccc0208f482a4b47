import { z } from 'zod';
import { ExternalId, IsoDateTime, Text } from '../../model/primitives';
import { HrisSystem } from '../../model/systems';

/** The HRISs whose changes the HRIS trigger receives. */
export const HrisChangeVendor = z.enum(['bamboohr']);
export type HrisChangeVendor = z.infer<typeof HrisChangeVendor>;

/** One field the HRIS reports changed, at the data dictionary's path, with the time the HRIS recorded it. */
export const FieldChange = z.object({
  field: Text,
  value: z.json(),
  changedAt: IsoDateTime,
  /** The vendor's own name for the field, for the audit and for a person reading the event. */
  vendorField: Text,
  /**
   * True when the HRIS only said the employee changed by then (a reconciliation poll), not when this
   * field did: the time cannot decide "most recent wins".
   */
  timeUncertain: z.boolean().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/** What the HRIS said changed on one employee. */
export const EmployeeChange = z.object({
  employeeId: ExternalId,
  changedAt: IsoDateTime,
  changes: z.array(FieldChange),
  /** Changed fields no mapping reads: reported, never dropped silently. */
  unmapped: z.array(Text),
  /** Fields the HRIS says changed without sending their value (not among the webhook's posted fields). */
  withoutValue: z.array(Text),
});
export type EmployeeChange = z.infer<typeof EmployeeChange>;

/** The canonical event the HRIS trigger emits: one delivery may report several employees. */
export const EmployeeUpdatedEvent = z.object({
  type: z.literal('employee.updated'),
  system: HrisSystem,
  eventId: Text,
  occurredAt: IsoDateTime,
  employees: z.array(EmployeeChange).min(1),
});
export type EmployeeUpdatedEvent = z.infer<typeof EmployeeUpdatedEvent>;
