import { HireEvent, parseOrThrow, type AtsUser, type Compensation, type OfferStatus } from '../../model';
import { HrError } from '../../errors';
import { contentKey, hireKey, parsePayload } from '../ats/boundary';
import { CandidateEvent, OfferEvent, type CanonicalType } from '../ats/events';
import { harvestHttpOptions } from './harvest';
import { recentHires } from './hires';
import { greenhouseOfferFields } from './offerFields';
import {
  GreenhouseApplication,
  GreenhouseEnvelope,
  GreenhouseIds,
  GreenhouseOffer,
  type GreenhouseUser,
} from './schema';
import { offerFieldName } from '../ats/offerFields';
import { compact, normaliser } from '../ats/people';
import { greenhouseCompensation, greenhouseEmploymentType, greenhouseStartDate } from './offerReading';
import type { AtsSettings, AtsSource, Canonical, Delivery } from '../ats/types';

const ACTIONS: Record<string, CanonicalType> = {
  hire_candidate: 'hire',
  unhire_candidate: 'candidate.unhired',
  update_candidate: 'candidate.updated',
  delete_candidate: 'candidate.deleted',
  merge_candidate: 'candidate.merged',
  offer_created: 'offer',
  offer_approved: 'offer',
  offer_updated: 'offer',
};

// Webhook `offer_status` values (docs/vendors/greenhouse.md) in the model's terms.
const OFFER_STATUS: Record<string, OfferStatus> = {
  created: 'draft',
  accepted: 'accepted',
  rejected: 'rejected',
  deprecated: 'deprecated',
};

function user(u: GreenhouseUser | null | undefined): AtsUser | undefined {
  if (!u) return undefined;
  return compact({
    id: u.id ?? undefined,
    name: u.name ?? undefined,
    email: u.email && /^[^\s@]+@[^\s@]+$/.test(u.email) ? u.email : undefined,
    employeeId: u.employee_id ?? undefined,
  });
}

/** A hire from the documented `application` shape; the reconciliation poll assembles the same shape from Harvest. */
export function greenhouseHire(raw: unknown, eventId: string, receivedAt: string, settings: AtsSettings): Canonical {
  const app = parsePayload(GreenhouseApplication, raw, 'The Greenhouse hire (payload.application)');
  const n = normaliser(settings);
  const { candidate, offer } = app;
  const job = app.jobs[0]!;
  const department = job.departments?.[0];
  const office = job.offices?.[0];
  const candidateId = candidate.id;
  const hire = {
    type: 'hire',
    eventId,
    system: 'greenhouse',
    occurredAt: n.dateTime(offer.resolved_at) ?? receivedAt,
    person: compact({
      legalName: { first: candidate.first_name, last: candidate.last_name || undefined },
      emails: n.emails((candidate.email_addresses ?? []).map((e) => ({ address: e.value, type: e.type }))),
      phones: n.phones((candidate.phone_numbers ?? []).map((p) => ({ number: p.value, type: p.type }))),
      addressText: candidate.addresses?.[0]?.value || undefined,
    }),
    application: compact({
      id: app.id,
      candidateId,
      jobId: job.id,
      status: 'hired',
      source: app.source ? compact({ id: app.source.id ?? undefined, name: app.source.public_name }) : undefined,
      creditedTo: user(app.credited_to),
      url: app.url ?? undefined,
    }),
    offer: compact({
      id: offer.id,
      version: offer.version ?? undefined,
      status: 'accepted',
      title: job.name,
      department: department?.name,
      location: office?.location ?? office?.name,
      startDate: n.date(greenhouseStartDate(offer.custom_fields, offer.starts_at, settings) as string | undefined),
      compensation: greenhouseCompensation(offer.custom_fields, settings, n.warnings),
      employmentType: greenhouseEmploymentType(offer.custom_fields, job.custom_fields, settings),
      sentOn: n.date(offer.sent_at),
      resolvedAt: n.dateTime(offer.resolved_at),
    }),
    job: compact({
      id: job.id,
      title: job.name,
      requisitionId: job.requisition_id ?? undefined,
      openingId: app.opening?.opening_id ?? undefined,
      department: department
        ? compact({
            id: department.id ?? undefined,
            name: department.name,
            externalId: department.external_id ?? undefined,
          })
        : undefined,
      office: office
        ? compact({
            id: office.id ?? undefined,
            name: office.name,
            externalId: office.external_id ?? undefined,
            location: office.location ?? undefined,
          })
        : undefined,
    }),
    recruiter: user(candidate.recruiter),
    coordinator: user(candidate.coordinator),
    sourceIds: { system: 'greenhouse', candidateId, applicationId: app.id, offerId: offer.id, jobId: job.id },
  };
  return { event: parseOrThrow(HireEvent, hire, 'The Greenhouse hire'), warnings: n.warnings };
}

function offerEvent(delivery: Delivery, settings: AtsSettings): Canonical {
  const o = parsePayload(
    GreenhouseOffer,
    (delivery.body as { payload?: unknown }).payload,
    `The Greenhouse ${delivery.vendorType} payload`,
  );
  const n = normaliser(settings);
  const status = OFFER_STATUS[(o.offer_status ?? '').toLowerCase()];
  const event = {
    type: 'offer',
    eventId: delivery.key,
    system: 'greenhouse',
    occurredAt: delivery.receivedAt,
    applicationId: o.application_id,
    ...(status ? { status } : {}),
    offer: compact({
      id: o.id,
      version: o.version ?? undefined,
      status,
      // The flat offer events write start_date as MM/DD/YYYY, unlike the hire's starts_at (docs/vendors/greenhouse.md).
      startDate: offerFieldName(settings, 'startDate')
        ? n.date(greenhouseStartDate(o.custom_fields, null, settings) as string | undefined)
        : n.date(o.start_date, 'MM/DD/YYYY'),
      sentOn: n.date(o.sent_on),
      resolvedAt: n.dateTime(o.resolved_at),
      compensation: greenhouseCompensation(o.custom_fields, settings, n.warnings) as Compensation | undefined,
      employmentType: greenhouseEmploymentType(o.custom_fields, undefined, settings),
    }),
  };
  return { event: parseOrThrow(OfferEvent, event, 'The Greenhouse offer event'), warnings: n.warnings };
}

function candidateEvent(delivery: Delivery): Canonical {
  const payload = (delivery.body as { payload?: unknown }).payload;
  const what = `The Greenhouse ${delivery.vendorType} payload`;
  const base = {
    eventId: delivery.key,
    system: 'greenhouse' as const,
    occurredAt: delivery.receivedAt,
    type: delivery.type,
  };
  let event: CandidateEvent;
  if (delivery.type === 'candidate.deleted' || delivery.type === 'candidate.merged') {
    const { person, new_candidate_id } = parsePayload(GreenhouseIds.person, payload, what);
    const mergedInto = person.new_candidate_id ?? new_candidate_id ?? undefined;
    event = parseOrThrow(
      CandidateEvent,
      { ...base, candidateId: person.id, applicationIds: person.deleted_application_ids ?? [], mergedInto },
      what,
    );
  } else if (delivery.vendorType === 'update_candidate') {
    // A candidate's own update names no application (docs/vendors/greenhouse.md, "update_candidate").
    const { candidate } = parsePayload(GreenhouseIds.candidate, payload, what);
    event = parseOrThrow(CandidateEvent, { ...base, candidateId: candidate.id }, what);
  } else {
    const { application } = parsePayload(GreenhouseIds.application, payload, what);
    event = parseOrThrow(
      CandidateEvent,
      { ...base, candidateId: application.candidate.id, applicationIds: [application.id] },
      what,
    );
  }
  return { event, warnings: [] };
}

export const greenhouse: AtsSource = {
  vendor: 'greenhouse',
  successStatus: 200,
  classify({ body, rawBody }) {
    const { action, payload } = parsePayload(GreenhouseEnvelope, body, 'The Greenhouse webhook');
    const type = ACTIONS[action];
    if (!type) return null;
    const what = `The Greenhouse ${action} payload`;
    if (type === 'offer') {
      const offer = parsePayload(GreenhouseIds.offer, payload, what);
      return {
        type,
        vendorType: action,
        key: contentKey(action, offer.id, rawBody),
        subjects: { candidateIds: [], emails: [] },
      };
    }
    if (type === 'candidate.deleted' || type === 'candidate.merged') {
      const { person } = parsePayload(GreenhouseIds.person, payload, what);
      return {
        type,
        vendorType: action,
        key: contentKey(action, person.id, rawBody),
        subjects: { candidateIds: [person.id], emails: [] },
      };
    }
    if (action === 'update_candidate') {
      const { candidate } = parsePayload(GreenhouseIds.candidate, payload, what);
      const subjects = { candidateIds: [candidate.id], emails: (candidate.email_addresses ?? []).map((e) => e.value) };
      return { type, vendorType: action, key: contentKey(action, candidate.id, rawBody), subjects };
    }
    const { application } = parsePayload(GreenhouseIds.application, payload, what);
    const subjects = {
      candidateIds: [application.candidate.id],
      emails: (application.candidate.email_addresses ?? []).map((e) => e.value),
    };
    // Greenhouse-Event-ID is per delivery (docs/vendors/greenhouse.md), so the key comes from the content: see hireKey.
    const key =
      type === 'hire' ? hireKey(application.id, application.offer?.id) : contentKey(action, application.id, rawBody);
    return { type, vendorType: action, key, subjects };
  },
  async canonical(delivery, ctx) {
    switch (delivery.type) {
      case 'hire': {
        const { application } = (delivery.body as { payload: { application: unknown } }).payload;
        return greenhouseHire(application, delivery.key, delivery.receivedAt, ctx.settings);
      }
      case 'offer':
        return offerEvent(delivery, ctx.settings);
      case 'candidate.updated':
      case 'candidate.deleted':
      case 'candidate.merged':
      case 'candidate.unhired':
        return candidateEvent(delivery);
      default:
        throw new HrError('ats.type_unhandled', `Greenhouse sends no ${delivery.type} events.`);
    }
  },
  recentHires,
  // The ATS connection's "account" is the Greenhouse user the v3 token acts as (`sub`).
  httpOptions: (api) => harvestHttpOptions({ ...api, userId: api.account }),
  offerFieldChoices: greenhouseOfferFields,
};
