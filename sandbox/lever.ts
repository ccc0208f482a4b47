import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { json } from './framework/reply';
import { requireBasicUser, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

/** Facts vendor-apis.md leaves open (§2.2, §2.3, §11), and the emulator's choice for each. */
export const LEVER_UNCONFIRMED = {
  /** Error body shape. */
  errorBody: (status: number, message: string) => ({ code: status === 401 ? 'UnauthorizedError' : status === 404 ? 'ResourceNotFound' : 'BadRequestError', message }),
  /** §2.3 documents the note request, not its answer. */
  noteCreated: (noteId: string) => ({ status: 201, body: { data: { noteId } } }),
  /** `expand` values accepted on GET opportunity (§2.1 mentions applications and offers). */
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
  /** The user the note was written as (`perform_as`, §2.2), if any. */
  performAs: string | null;
  createdAt: number;
}

export interface LeverOptions {
  apiKeys?: readonly string[];
  /** Lever user ids a write may be performed as. */
  userIds?: readonly string[];
}

export const LEVER_DEFAULTS = { apiKeys: ['sandbox-lever-key'], userIds: ['lever-user-1'] };

const NoteBody = z.object({ value: z.string().min(1), secret: z.boolean().optional(), score: z.number().optional() }).strict();
const OpportunitySeed = z.object({ name: z.string().min(1), email: z.string().min(1), headline: z.string(), location: z.string() }).partial();

const { error, stop, invalid } = errorKit((status, message, headers) => json(status, LEVER_UNCONFIRMED.errorBody(status, message), headers));

export function createLever(options: LeverOptions = {}): Emulator<{
  addOpportunity(seed?: z.infer<typeof OpportunitySeed>): string;
  notes(opportunityId?: string): LeverNote[];
}> {
  const apiKeys = options.apiKeys ?? LEVER_DEFAULTS.apiKeys;
  const userIds = options.userIds ?? LEVER_DEFAULTS.userIds;
  const opportunities = new Map<string, LeverOpportunity>();
  let notes: LeverNote[] = [];

  const authorize = (req: SandboxRequest) => requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key'));
  const find = (req: SandboxRequest) => opportunities.get(req.params.id ?? '') ?? stop(404, `Opportunity ${req.params.id} not found`);

  const helpers = {
    addOpportunity(seed: z.infer<typeof OpportunitySeed> = {}) {
      const id = randomUUID();
      const now = Date.now();
      opportunities.set(id, {
        id, name: seed.name ?? 'Ana Silva', contact: randomUUID(), emails: [seed.email ?? 'ana.silva@example.com'], phones: [],
        headline: seed.headline ?? '', location: seed.location ?? 'New York City', stage: 'offer', archived: { archivedAt: now, reason: 'hired' },
        tags: [], applications: [randomUUID()], createdAt: now, updatedAt: now,
      });
      return id;
    },
    notes: (opportunityId?: string) => notes.filter((n) => !opportunityId || n.opportunityId === opportunityId),
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
                  ? opportunity.applications.map((id) => ({ id, opportunityId: opportunity.id, type: 'posting', status: 'archived' }))
                  : opportunity.applications,
                ...(expand.includes('offers') ? { offers: [] } : {}),
              },
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
            const note = { id: randomUUID(), opportunityId: opportunity.id, value: body.value, performAs, createdAt: Date.now() };
            notes.push(note);
            const created = LEVER_UNCONFIRMED.noteCreated(note.id);
            return json(created.status, created.body);
          },
        },
      ],
      controls: [{ method: 'POST', path: '/opportunities', handle: (req) => json(201, { id: helpers.addOpportunity(controlBody(req, OpportunitySeed)) }) }],
      error,
      snapshot: () => ({ opportunities: [...opportunities.values()], notes }),
      reset: () => {
        opportunities.clear();
        notes = [];
      },
    },
  };
}

export const startLever = (options: LeverOptions & StartOptions = {}) => startVendor(createLever(options), options);
export type LeverHandle = Awaited<ReturnType<typeof startLever>>;
