import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { json } from './framework/reply';
import { requireBasicUser, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type Route, type StartOptions } from './server';

/** Facts docs/vendors/lever.md leaves open, and the emulator's choice for each. */
export const LEVER_UNCONFIRMED = {
  /** Error body shape. */
  errorBody: (status: number, message: string) => ({
    code: status === 401 ? 'UnauthorizedError' : status === 404 ? 'ResourceNotFound' : 'BadRequestError',
    message,
  }),
  /** The note request is documented, not its answer. */
  noteCreated: (noteId: string) => ({ status: 201, body: { data: { noteId } } }),
  /** Adding a note is documented, listing them is not; a listed note carries its words in `text` and `fields[].value`. */
  noteListed: (note: LeverNote) => ({
    id: note.id,
    text: note.value,
    fields: [{ type: 'text', text: 'Note', value: note.value }],
    user: note.performAs,
    secret: false,
    createdAt: note.createdAt,
    deletedAt: null,
  }),
  /** `expand` values accepted on GET opportunity (applications and offers per docs/vendors/lever.md). */
  expands: ['applications', 'offers', 'stage', 'owner'] as const,
} as const;

export interface LeverOpportunity {
  id: string;
  name: string;
  contact: string;
  emails: string[];
  phones: Array<{ type: string; value: string }>;
  headline: string;
  location: string;
  stage: string;
  archived: { archivedAt: number; reason: string } | null;
  tags: string[];
  applications: string[];
  createdAt: number;
  updatedAt: number;
}

export interface LeverNote {
  id: string;
  opportunityId: string;
  value: string;
  /** The user the note was written as (`perform_as`), if any. */
  performAs: string | null;
  createdAt: number;
}

export interface LeverOptions {
  apiKeys?: readonly string[];
  /** Lever user ids a write may be performed as. */
  userIds?: readonly string[];
}

export const LEVER_DEFAULTS = { apiKeys: ['sandbox-lever-key'], userIds: ['lever-user-1'] };

const NoteBody = z
  .object({ value: z.string().min(1), secret: z.boolean().optional(), score: z.number().optional() })
  .strict();
const NoteList = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(100), offset: z.string().min(1).optional() })
  .strict();
const OpportunitySeed = z
  .object({
    name: z.string().min(1),
    email: z.string().min(1),
    phones: z.array(z.object({ type: z.string().min(1), value: z.string().min(1) })),
    headline: z.string(),
    location: z.string(),
  })
  .partial();

const { error, stop, invalid } = errorKit((status, message, headers) =>
  json(status, LEVER_UNCONFIRMED.errorBody(status, message), headers),
);

export interface LeverPosting {
  id: string;
  text: string;
  categories: { team?: string; department?: string; location?: string; commitment?: string };
  createdAt: number;
}

export interface LeverOffer {
  id: string;
  opportunityId: string;
  status: string;
  createdAt: number;
  posting: string | null;
  fields: Array<{ text: string; identifier: string; value: unknown }>;
}

const PostingSeed = z
  .object({
    text: z.string().min(1),
    team: z.string(),
    department: z.string(),
    location: z.string(),
    commitment: z.string(),
  })
  .partial()
  .required({ text: true });
/** Offer fields by identifier: which identifiers an account's offer form has is the caller's to say (docs/vendors/lever.md, "Offers"). */
const OfferSeed = z.object({
  posting: z.string().min(1).optional(),
  status: z.string().min(1).default('signed'),
  fields: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Postings and offers, which a thin `candidateHired` event is completed from (docs/vendors/lever.md): GET
 * /v1/opportunities/:id/offers and GET /v1/postings/:id, answered `{ data }` like the opportunity.
 */
function leverHiring(find: (req: SandboxRequest) => LeverOpportunity, authorize: (req: SandboxRequest) => void) {
  const postings = new Map<string, LeverPosting>();
  let offers: LeverOffer[] = [];
  const offersOf = (opportunityId: string) => offers.filter((o) => o.opportunityId === opportunityId);

  const helpers = {
    addPosting(seed: z.input<typeof PostingSeed>): string {
      const { text, ...categories } = PostingSeed.parse(seed);
      const posting = { id: randomUUID(), text, categories, createdAt: Date.now() };
      postings.set(posting.id, posting);
      return posting.id;
    },
    addOffer(opportunityId: string, seed: z.input<typeof OfferSeed> = {}): string {
      const { posting, status, fields } = OfferSeed.parse(seed);
      const offer = {
        id: randomUUID(),
        opportunityId,
        status,
        createdAt: Date.now(),
        posting: posting ?? null,
        fields: Object.entries(fields).map(([identifier, value]) => ({ text: identifier, identifier, value })),
      };
      offers.push(offer);
      return offer.id;
    },
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/v1/opportunities/:id/offers',
      handle: (req) => {
        authorize(req);
        return json(200, { data: offersOf(find(req).id), hasNext: false });
      },
    },
    {
      method: 'GET',
      path: '/v1/postings/:id',
      handle: (req) => {
        authorize(req);
        return json(200, {
          data: postings.get(req.params.id ?? '') ?? stop(404, `Posting ${req.params.id} not found`),
        });
      },
    },
  ];

  // So a person trying the Lever example against `npm start` can make a complete hire by hand.
  const controls: Route[] = [
    {
      method: 'POST',
      path: '/postings',
      handle: (req) => json(201, { id: helpers.addPosting(controlBody(req, PostingSeed)) }),
    },
    {
      method: 'POST',
      path: '/opportunities/:id/offers',
      handle: (req) => json(201, { id: helpers.addOffer(find(req).id, controlBody(req, OfferSeed)) }),
    },
  ];

  return {
    helpers,
    routes,
    controls,
    offersOf,
    snapshot: () => ({ postings: [...postings.values()], offers }),
    reset: () => {
      postings.clear();
      offers = [];
    },
  };
}

/** Every account has a "Hired" archive reason (Lever's FAQ); ids are opaque, the emulator's hired opportunities carry this one. */
export const LEVER_ARCHIVE_REASONS = [
  { id: 'hired', text: 'Hired', status: 'active', type: 'hired' },
  { id: 'underqualified', text: 'Underqualified', status: 'active', type: 'non-hired' },
] as const;

const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(100),
    offset: z.string().min(1).optional(),
    archive_reason_id: z.string().min(1).optional(),
    archived_at_start: z.coerce.number().int().nonnegative().optional(),
    archived_at_end: z.coerce.number().int().nonnegative().optional(),
    contact_id: z.string().min(1).optional(),
  })
  .strict();

/**
 * The lists the trigger's reconciliation poll reads (docs/vendors/lever.md pagination: `limit` 1–100, an `offset`
 * token, `{ data, hasNext, next }`): archive reasons by type, opportunities by archive reason and time.
 */
function leverLists(all: () => LeverOpportunity[], authorize: (req: SandboxRequest) => void): Route[] {
  const page = (items: unknown[], query: z.infer<typeof ListQuery>) => {
    const start = query.offset === undefined ? 0 : Number(Buffer.from(query.offset, 'base64url').toString());
    if (!Number.isInteger(start) || start < 0) stop(400, 'Invalid offset');
    const end = start + query.limit;
    return json(200, {
      data: items.slice(start, end),
      hasNext: end < items.length,
      ...(end < items.length ? { next: Buffer.from(String(end)).toString('base64url') } : {}),
    });
  };
  return [
    {
      method: 'GET',
      path: '/v1/archive_reasons',
      handle: (req) => {
        authorize(req);
        const type = req.query.get('type');
        if (type !== null && type !== 'hired' && type !== 'non-hired') stop(400, `Invalid type: ${type}`);
        return json(200, {
          data: LEVER_ARCHIVE_REASONS.filter((r) => type === null || r.type === type),
          hasNext: false,
        });
      },
    },
    {
      method: 'GET',
      path: '/v1/opportunities',
      handle: (req) => {
        authorize(req);
        const query = parseWith(ListQuery, Object.fromEntries(req.query), invalid);
        const matches = all().filter(
          (o) =>
            (query.contact_id === undefined || o.contact === query.contact_id) &&
            (query.archive_reason_id === undefined || o.archived?.reason === query.archive_reason_id) &&
            (query.archived_at_start === undefined ||
              (o.archived !== null && o.archived.archivedAt >= query.archived_at_start)) &&
            (query.archived_at_end === undefined ||
              (o.archived !== null && o.archived.archivedAt <= query.archived_at_end)),
        );
        return page(matches, query);
      },
    },
  ];
}

export function createLever(options: LeverOptions = {}): Emulator<{
  addOpportunity(seed?: z.infer<typeof OpportunitySeed>): string;
  /** The contact (Lever's candidate) an opportunity belongs to. */
  contactOf(opportunityId: string): string;
  /** A candidate deleted in Lever: their opportunities are gone. */
  deleteContact(contactId: string): void;
  /** An opportunity moved out of the hired archive (or never in it). */
  unarchive(opportunityId: string): void;
  notes(opportunityId?: string): LeverNote[];
  addPosting(seed: z.input<typeof PostingSeed>): string;
  addOffer(opportunityId: string, seed?: z.input<typeof OfferSeed>): string;
}> {
  const apiKeys = options.apiKeys ?? LEVER_DEFAULTS.apiKeys;
  const userIds = options.userIds ?? LEVER_DEFAULTS.userIds;
  const opportunities = new Map<string, LeverOpportunity>();
  let notes: LeverNote[] = [];

  const authorize = (req: SandboxRequest) => requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key'));
  const find = (req: SandboxRequest) =>
    opportunities.get(req.params.id ?? '') ?? stop(404, `Opportunity ${req.params.id} not found`);
  const hiring = leverHiring(find, authorize);
  const lists = leverLists(() => [...opportunities.values()], authorize);

  const helpers = {
    addOpportunity(seed: z.infer<typeof OpportunitySeed> = {}) {
      const id = randomUUID();
      const now = Date.now();
      opportunities.set(id, {
        id,
        name: seed.name ?? 'Ana Silva',
        contact: randomUUID(),
        emails: [seed.email ?? 'ana.silva@example.com'],
        phones: seed.phones ?? [],
        headline: seed.headline ?? '',
        location: seed.location ?? 'New York City',
        stage: 'offer',
        archived: { archivedAt: now, reason: 'hired' },
        tags: [],
        applications: [randomUUID()],
        createdAt: now,
        updatedAt: now,
      });
      return id;
    },
    contactOf: (opportunityId: string) => opportunities.get(opportunityId)?.contact ?? '',
    deleteContact(contactId: string) {
      for (const [id, o] of opportunities) if (o.contact === contactId) opportunities.delete(id);
    },
    unarchive(opportunityId: string) {
      const o = opportunities.get(opportunityId);
      if (o) o.archived = null;
    },
    notes: (opportunityId?: string) => notes.filter((n) => !opportunityId || n.opportunityId === opportunityId),
    ...hiring.helpers,
  };

  return {
    helpers,
    definition: {
      name: 'Lever',
      routes: [
        {
          method: 'GET',
          path: '/v1/opportunities/:id',
          handle: (req) => {
            authorize(req);
            const opportunity = find(req);
            const expand = req.query.getAll('expand');
            const unknown = expand.filter((e) => !(LEVER_UNCONFIRMED.expands as readonly string[]).includes(e));
            if (unknown.length) stop(400, `Invalid expand: ${unknown.join(', ')}`);
            return json(200, {
              data: {
                ...opportunity,
                applications: expand.includes('applications')
                  ? opportunity.applications.map((id) => ({
                      id,
                      opportunityId: opportunity.id,
                      type: 'posting',
                      status: 'archived',
                    }))
                  : opportunity.applications,
                ...(expand.includes('offers') ? { offers: hiring.offersOf(opportunity.id) } : {}),
              },
            });
          },
        },
        {
          // Paged like every Lever list: `limit` 1–100 and the `next` offset token.
          method: 'GET',
          path: '/v1/opportunities/:id/notes',
          handle: (req) => {
            authorize(req);
            const opportunity = find(req);
            const { limit, offset } = parseWith(NoteList, Object.fromEntries(req.query), invalid);
            const all = notes.filter((n) => n.opportunityId === opportunity.id);
            const start = offset ? Number(Buffer.from(offset, 'base64url').toString('utf8')) || 0 : 0;
            const end = start + limit;
            const hasNext = end < all.length;
            return json(200, {
              data: all.slice(start, end).map(LEVER_UNCONFIRMED.noteListed),
              hasNext,
              ...(hasNext ? { next: Buffer.from(String(end)).toString('base64url') } : {}),
            });
          },
        },
        {
          method: 'POST',
          path: '/v1/opportunities/:id/notes',
          handle: (req) => {
            authorize(req);
            const opportunity = find(req);
            const performAs = req.query.get('perform_as');
            if (performAs !== null && !userIds.includes(performAs)) stop(400, `perform_as: unknown user ${performAs}`);
            const body = parseWith(NoteBody, jsonBody(req, invalid), invalid);
            const note = {
              id: randomUUID(),
              opportunityId: opportunity.id,
              value: body.value,
              performAs,
              createdAt: Date.now(),
            };
            notes.push(note);
            const created = LEVER_UNCONFIRMED.noteCreated(note.id);
            return json(created.status, created.body);
          },
        },
        ...hiring.routes,
        ...lists,
      ],
      controls: [
        {
          method: 'POST',
          path: '/opportunities',
          handle: (req) => json(201, { id: helpers.addOpportunity(controlBody(req, OpportunitySeed)) }),
        },
        ...hiring.controls,
      ],
      error,
      snapshot: () => ({ opportunities: [...opportunities.values()], notes, ...hiring.snapshot() }),
      reset: () => {
        opportunities.clear();
        notes = [];
        hiring.reset();
      },
    },
  };
}

export const startLever = (options: LeverOptions & StartOptions = {}) => startVendor(createLever(options), options);
export type LeverHandle = Awaited<ReturnType<typeof startLever>>;
