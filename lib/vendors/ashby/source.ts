import { z } from 'zod';
import { basicAuth } from '../../http';
import { HireEvent, parseOrThrow } from '../../model';
import { ashbyResumableHires } from './hires';
import { fetchParsed, hireKey, missingField, parsePayload, VendorId } from '../ats/boundary';
import { CandidateEvent, OfferEvent, type CanonicalType } from '../ats/events';
import { compact, employmentType, normaliser, splitName } from '../ats/people';
import { ashbyOfferFieldChoices, OfferVersion, readAshbyOffer } from './offer';
import type { AtsContext, AtsSource, Canonical, Delivery } from '../ats/types';

/**
 * Ashby's RPC API (docs/vendors/ashby.md): POST `<category>.<method>`, answers `{ success, results }`.
 * The webhook gives the application and the accepted offer, not the pay, so a hire is completed from
 * `offer.info`, `candidate.info` and `job.info`; pay, its period, start date and employment type are
 * read from the offer fields the connection names (./offer.ts).
 */
export const ashbyApi = {
  defaultBaseUrl: 'https://api.ashbyhq.com',
  call: (method: string, body: Record<string, string>) => ({
    method: 'POST' as const,
    url: method,
    body,
    idempotent: true,
  }),
  /** A job names its department and location by id only; [unconfirmed] these two calls' body fields. */
  department: (departmentId: string) => ashbyApi.call('department.info', { departmentId }),
  location: (locationId: string) => ashbyApi.call('location.info', { locationId }),
} as const;

// applicationUpdate and candidateStageChange fire with every candidateHire under the same
// webhookActionId (docs/vendors/ashby.md); handling them too would report one hire three times.
const ACTIONS: Record<string, CanonicalType> = {
  candidateHire: 'hire',
  offerCreate: 'offer',
  offerUpdate: 'offer',
  candidateDelete: 'candidate.deleted',
};

// `ping` (sent when a webhook is set up) carries `data.webhookActionType` and no webhookActionId.
const Envelope = z.object({
  action: z.string().min(1),
  webhookActionId: z.string().min(1).nullish(),
  data: z.unknown(),
});

const HireData = z.object({
  application: z.object({
    id: VendorId,
    candidate: z.object({
      id: VendorId,
      name: z.string().nullish(),
      primaryEmailAddress: z.object({ value: z.string() }).nullish(),
    }),
    job: z.object({ id: VendorId, title: z.string().nullish() }).nullish(),
  }),
  offer: z
    .object({ id: VendorId, latestVersion: z.object({ startDate: z.string().nullish() }).loose().nullish() })
    .nullish(),
});

const OfferData = z.object({
  offer: z.object({ id: VendorId, applicationId: VendorId, offerStatus: z.string().nullish() }).loose(),
});
const CandidateData = z.object({ candidate: z.object({ id: VendorId }) });

const results = <S extends z.ZodType>(schema: S) => z.object({ success: z.literal(true), results: schema });
const Contact = z.object({ value: z.string(), type: z.string().nullish() });
const CandidateInfo = results(
  z
    .object({
      name: z.string().min(1),
      emailAddresses: z.array(Contact).nullish(),
      phoneNumbers: z.array(Contact).nullish(),
    })
    .loose(),
);
const OfferInfo = results(z.object({ id: VendorId, latestVersion: OfferVersion }).loose());
const JobInfo = results(
  z
    .object({
      id: VendorId,
      title: z.string(),
      employmentType: z.string().nullish(),
      departmentId: z.string().nullish(),
      locationId: z.string().nullish(),
    })
    .loose(),
);
const Named = results(z.object({ id: VendorId, name: z.string().min(1) }).loose());

async function hire(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
  const data = parsePayload(HireData, (delivery.body as { data: unknown }).data, 'The Ashby candidateHire data');
  const { application } = data;
  const candidate = (
    await fetchParsed(
      ctx,
      ashbyApi.call('candidate.info', { id: application.candidate.id }),
      CandidateInfo,
      'The Ashby candidate',
    )
  ).results;
  const offer = data.offer
    ? (await fetchParsed(ctx, ashbyApi.call('offer.info', { offerId: data.offer.id }), OfferInfo, 'The Ashby offer'))
        .results
    : undefined;
  const job = application.job
    ? (await fetchParsed(ctx, ashbyApi.call('job.info', { id: application.job.id }), JobInfo, 'The Ashby job')).results
    : undefined;
  const department = job?.departmentId
    ? (await fetchParsed(ctx, ashbyApi.department(job.departmentId), Named, 'The Ashby department')).results.name
    : undefined;
  const location = job?.locationId
    ? (await fetchParsed(ctx, ashbyApi.location(job.locationId), Named, 'The Ashby location')).results.name
    : undefined;
  const n = normaliser(ctx.settings);
  const terms = readAshbyOffer(offer?.latestVersion, ctx.settings, n);
  const title = job?.title ?? application.job?.title ?? undefined;
  const event = {
    type: 'hire',
    eventId: delivery.key,
    system: 'ashby',
    occurredAt: delivery.receivedAt,
    person: {
      legalName: splitName(candidate.name),
      emails: n.emails((candidate.emailAddresses ?? []).map((e) => ({ address: e.value, type: e.type }))),
      phones: n.phones((candidate.phoneNumbers ?? []).map((p) => ({ number: p.value, type: p.type }))),
    },
    application: compact({
      id: application.id,
      candidateId: application.candidate.id,
      jobId: application.job?.id,
      status: 'hired',
    }),
    offer: compact({
      id: offer?.id,
      status: 'accepted',
      title,
      department,
      location,
      startDate: terms.startDate ?? n.date(data.offer?.latestVersion?.startDate),
      compensation: terms.compensation,
      employmentType: employmentType(terms.employmentType ?? job?.employmentType),
    }),
    job: compact({
      id: application.job?.id,
      title,
      department: department ? { name: department } : undefined,
      office: location ? { name: location } : undefined,
    }),
    sourceIds: compact({
      system: 'ashby',
      candidateId: application.candidate.id,
      applicationId: application.id,
      offerId: offer?.id,
      jobId: application.job?.id,
    }),
  };
  return { event: parseOrThrow(HireEvent, event, 'The Ashby hire'), warnings: n.warnings };
}

export const ashby: AtsSource = {
  vendor: 'ashby',
  successStatus: 200,
  classify({ body }) {
    const { action, webhookActionId, data } = parsePayload(Envelope, body, 'The Ashby webhook');
    const type = ACTIONS[action];
    if (!type) return null;
    const what = `The Ashby ${action} data`;
    if (type === 'hire') {
      const { application, offer } = parsePayload(HireData, data, what);
      const email = application.candidate.primaryEmailAddress?.value;
      return {
        type,
        vendorType: action,
        key: hireKey(application.id, offer?.id),
        subjects: { candidateIds: [application.candidate.id], emails: email ? [email] : [] },
      };
    }
    // webhookActionId is the same across retries (docs/vendors/ashby.md): with the action it names the event.
    if (!webhookActionId) throw missingField(`The Ashby ${action} webhook`, 'webhookActionId');
    const key = `${action}:${webhookActionId}`;
    if (type === 'offer') {
      parsePayload(OfferData, data, what);
      return { type, vendorType: action, key, subjects: { candidateIds: [], emails: [] } };
    }
    const { candidate } = parsePayload(CandidateData, data, what);
    return { type, vendorType: action, key, subjects: { candidateIds: [candidate.id], emails: [] } };
  },
  async canonical(delivery, ctx) {
    const data = (delivery.body as { data: unknown }).data;
    const base = { eventId: delivery.key, system: 'ashby', occurredAt: delivery.receivedAt };
    if (delivery.type === 'hire') return hire(delivery, ctx);
    if (delivery.type === 'offer') {
      const { offer } = parsePayload(OfferData, data, `The Ashby ${delivery.vendorType} data`);
      const event = { ...base, type: 'offer', applicationId: offer.applicationId, offer: { id: offer.id } };
      return { event: parseOrThrow(OfferEvent, event, 'The Ashby offer event'), warnings: [] };
    }
    const { candidate } = parsePayload(CandidateData, data, `The Ashby ${delivery.vendorType} data`);
    return {
      event: parseOrThrow(
        CandidateEvent,
        { ...base, type: delivery.type, candidateId: candidate.id },
        'The Ashby candidate event',
      ),
      warnings: [],
    };
  },
  resumableHires: ashbyResumableHires,
  offerFieldChoices: ashbyOfferFieldChoices,
  // Basic with the API key as username and an empty password; `version=1` pins the answer format (docs/vendors/ashby.md).
  httpOptions: (api) =>
    api.apiKey
      ? {
          baseUrl: api.baseUrl || ashbyApi.defaultBaseUrl,
          auth: basicAuth(api.apiKey, ''),
          headers: { Accept: 'application/json; version=1' },
        }
      : null,
};
