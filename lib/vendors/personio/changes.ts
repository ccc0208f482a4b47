import { z } from 'zod';
import { HrError } from '../../errors';
import type { HttpClientOptions, HttpRequest } from '../../http';
import { parsePayload, VendorId } from '../ats/boundary';
import { readPages } from '../ats/pages';
import type { AtsContext, AtsSource, Canonical, Delivery } from '../ats/types';
import type { EmployeeChange, EmployeeUpdatedEvent } from '../hris/changes';

/** Person attributes the two-way sync reads, at the data dictionary's path. docs/vendors/personio.md, "Changes from Personio". */
const FIELDS: ReadonlyArray<readonly [attribute: string, path: string]> = [
  ['first_name', 'person.legalName.first'],
  ['last_name', 'person.legalName.last'],
  ['preferred_name', 'person.preferredName'],
  ['email', 'employee.workEmail'],
];

/** docs/vendors/personio.md: the "updated after" filter's name is known from one third-party client only. */
export const PERSONIO_CHANGES_UNCONFIRMED = { updatedAfterParam: 'updated_at.gt' } as const;
const LIST_LIMIT = 50;
const MAX_PAGES = 50;

const Value = z.union([z.string(), z.null()]);
/** A listed person: `updated_at` is what keys the change; an attribute the token cannot read is absent, not empty. */
const ListedPerson = z.object({
  id: VendorId,
  updated_at: z.iso.datetime({ offset: true }),
  ...Object.fromEntries(FIELDS.map(([attribute]) => [attribute, Value.optional()])),
});
const PersonsPage = z.object({
  _data: z.array(ListedPerson),
  _meta: z.object({ links: z.object({ next: z.object({ href: z.string().min(1) }).nullish() }).nullish() }).nullish(),
});

/** What the poll journals for one changed person: the values Personio listed, at its `updated_at`. */
const PolledPerson = z.object({
  polled: z.object({
    personId: VendorId,
    updatedAt: z.iso.datetime({ offset: true }),
    values: z.record(z.string(), Value),
  }),
});

/**
 * Personio as a source of changes. Personio posts no signed change webhooks to this package: every
 * change comes from the poll, journalled by the HRIS trigger like a webhook delivery.
 */
export const personioChanges: AtsSource = {
  vendor: 'personio',
  successStatus: 200,
  classify: () => null,
  async canonical(delivery: Delivery): Promise<Canonical> {
    const { polled } = parsePayload(PolledPerson, delivery.body, 'Personio changed person');
    const changedAt = new Date(polled.updatedAt).toISOString();
    // Personio says when the person changed, not which attribute: each value's time is uncertain.
    const change: EmployeeChange = {
      employeeId: polled.personId,
      changedAt,
      changes: FIELDS.filter(([attribute]) => attribute in polled.values).map(([attribute, path]) => ({
        field: path,
        value: polled.values[attribute] ?? null,
        changedAt,
        vendorField: attribute,
        timeUncertain: true,
      })),
      unmapped: [],
      withoutValue: [],
    };
    const event: EmployeeUpdatedEvent = {
      type: 'employee.updated',
      system: 'personio',
      eventId: delivery.key,
      occurredAt: changedAt,
      employees: [change],
    };
    return { event, warnings: [] };
  },
  httpOptions: (): HttpClientOptions | null => null,
};

/**
 * The changes poll: persons Personio lists as updated after a time (`GET /v2/persons`, all pages),
 * each journalled under the person and its `updated_at`, so a later, overlapping poll names the same
 * change the same way and a newer change to the same person is a new one.
 */
export async function personioChangedPersons(
  since: Date,
  ctx: AtsContext,
  receivedAt: Date,
): Promise<{ deliveries: Delivery[] }> {
  const first: HttpRequest = {
    method: 'GET',
    url: 'v2/persons',
    query: { [PERSONIO_CHANGES_UNCONFIRMED.updatedAfterParam]: since.toISOString(), limit: LIST_LIMIT },
    idempotent: true,
  };
  const read = await readPages(
    ctx,
    first,
    (response) => {
      const page = parsePayload(PersonsPage, response.body, 'Personio persons');
      const next = page._meta?.links?.next?.href;
      return { items: page._data, next: next ? { method: 'GET', url: next, idempotent: true } : null };
    },
    MAX_PAGES,
  );
  // Stopping early would move the next poll's start past persons never read.
  if (read.capped)
    throw new HrError(
      'hris.poll_capped',
      `Personio listed more than ${MAX_PAGES * LIST_LIMIT} changed persons in one poll; poll more often.`,
    );
  const deliveries = read.items.map((person): Delivery => {
    const listed = person as Record<string, unknown>;
    const values = Object.fromEntries(
      FIELDS.filter(([attribute]) => listed[attribute] !== undefined).map(([attribute]) => [
        attribute,
        listed[attribute] as string | null,
      ]),
    );
    return {
      vendor: 'personio',
      type: 'employee.updated',
      vendorType: 'persons.updated',
      key: `employee.updated:${person.id}:poll:${person.updated_at}`,
      subjects: { candidateIds: [person.id], emails: [] },
      body: { polled: { personId: person.id, updatedAt: person.updated_at, values } },
      receivedAt: receivedAt.toISOString(),
    };
  });
  return { deliveries };
}
