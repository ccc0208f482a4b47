/**
 * Review items as a reviewer needs them: a possible duplicate as the two persons side by side with the
 * per-field comparisons that scored them, a compensation variance with both figures, a survivorship
 * conflict with both values. Everything shown has passed through the sidebar's mask.
 */
import { MASK } from '../../lib/privacy/redact';
import type { FieldComparison } from '../../lib/match/types';
import type { HrStore, Review } from '../../lib/store/types';
import type { Viewer } from './masking';
import { opaque } from '../../lib/privacy/opaque';

/** The person fields shown side by side, in this order; each is also an i18n key (`hr-sync-sidebar.person.<path>`). */
export const SIDE_BY_SIDE = [
  'legalName.first',
  'legalName.middle',
  'legalName.last',
  'preferredName',
  'emails',
  'phones',
  'dateOfBirth',
  'address.city',
  'address.postalCode',
  'address.country',
] as const;

export interface SideBySideRow {
  field: (typeof SIDE_BY_SIDE)[number];
  incoming: string | null;
  candidate: string | null;
}

interface Base {
  id: number;
  createdAt: string;
  summary: string;
}

export interface DuplicateView extends Base {
  kind: 'possible_duplicate';
  /** The dedupe node that decides it: the decision goes back into the flow through that node. */
  node: string | null;
  candidateGuid: string | null;
  probability: number | null;
  comparisons: FieldComparison[];
  rows: SideBySideRow[];
}

export interface Pay {
  amount: string;
  currency: string;
  /** Absent when nobody stated it: such a pay is held as "pay period unknown". */
  period?: string;
}

export interface VarianceView extends Base {
  kind: 'compensation_variance';
  /** The validator holding the record: the decision sends it on through that node. Null for an item only the store knows. */
  node: string | null;
  /** `rule`: compensation_variance, compensation_currency, pay_period_unknown, pay_implausible or not_sent (lib/dictionary). */
  items: Array<{
    field: string;
    rule: string;
    message: string;
    actual: Pay | null;
    expected: Pay | null;
    variance: string | null;
  }>;
}

export interface ConflictView extends Base {
  kind: 'conflict';
  field: string | null;
  current: unknown;
  currentSource: string | null;
  offered: unknown;
  offeredSource: string | null;
}

export type ReviewView = DuplicateView | VarianceView | ConflictView;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const at = (v: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((x, k) => (isObject(x) ? x[k] : undefined), v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A person field as one line: lists of emails or phones joined. */
function shown(person: unknown, field: SideBySideRow['field']): string | null {
  const value = at(person, field);
  if (Array.isArray(value)) {
    const items = value
      .map((item) => (isObject(item) ? (item.address ?? item.number) : item))
      .filter((x): x is string => typeof x === 'string');
    return items.length ? items.join(', ') : null;
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The person inside whatever the dedupe node received: a hire event or candidate carries one, a bare person is one. */
const personIn = (payload: unknown): unknown =>
  isObject(payload) && isObject(payload.person) ? payload.person : payload;

function pay(v: unknown): Pay | null {
  if (!isObject(v) || typeof v.amount !== 'string' || typeof v.currency !== 'string') return null;
  return typeof v.period === 'string'
    ? { amount: v.amount, currency: v.currency, period: v.period }
    : { amount: v.amount, currency: v.currency };
}

async function duplicateView(review: Review, store: HrStore, { mask }: Viewer): Promise<DuplicateView> {
  const p = isObject(review.payload) ? review.payload : {};
  const candidateGuid = text(p.candidateGuid);
  const candidate = candidateGuid ? await store.getPerson(candidateGuid) : null;
  const bothPersons = { incoming: personIn(p.payload), stored: candidate?.record ?? null };
  const incoming = mask(bothPersons.incoming);
  const stored = mask(bothPersons.stored);
  const explanation = isObject(p.explanation) ? p.explanation : {};
  return {
    kind: 'possible_duplicate',
    id: review.id,
    createdAt: review.createdAt.toISOString(),
    summary: review.explanation,
    node: text(p.node),
    candidateGuid,
    probability: typeof p.probability === 'number' ? p.probability : null,
    comparisons: mask(Array.isArray(explanation.fields) ? (explanation.fields as FieldComparison[]) : [], bothPersons),
    rows: SIDE_BY_SIDE.map((field) => ({
      field,
      incoming: shown(incoming, field),
      candidate: shown(stored, field),
    })).filter((r) => r.incoming !== null || r.candidate !== null),
  };
}

function varianceView(review: Review, { mask, personal }: Viewer): VarianceView {
  const p = isObject(review.payload) ? review.payload : {};
  const items = (Array.isArray(p.review) ? p.review : []).filter(isObject).map((item) => {
    const details = isObject(item.details) ? item.details : {};
    return {
      field: String(item.field ?? ''),
      rule: String(item.rule ?? ''),
      message: String(item.message ?? ''),
      actual: pay(details.actual),
      expected: pay(details.expected),
      variance: text(details.variance),
    };
  });
  // A person's pay is personal data: without hr-sync.personal, each figure is masked wherever it shows.
  const hidden = personal ? null : opaque(items, review.explanation);
  return mask({
    kind: 'compensation_variance',
    id: review.id,
    createdAt: review.createdAt.toISOString(),
    summary: hidden ? (hidden.text ?? '') : review.explanation,
    node: text(p.node),
    items: hidden ? (hidden.record as typeof items) : items,
  });
}

function conflictView(review: Review, { mask, hides }: Viewer): ConflictView {
  const p = isObject(review.payload) ? review.payload : {};
  const field = text(p.field);
  // The values sit under "current" and "offered", not under their field's name, so path masking cannot see them.
  const hide = (v: unknown) => (field && hides(field) && v !== undefined && v !== null ? MASK : v);
  return mask({
    kind: 'conflict',
    id: review.id,
    createdAt: review.createdAt.toISOString(),
    summary: review.explanation,
    field,
    current: hide(p.current) ?? null,
    currentSource: text(p.currentSource),
    offered: hide(p.offered) ?? null,
    offeredSource: text(p.offeredSource),
  });
}

export function reviewView(review: Review, store: HrStore, viewer: Viewer): Promise<ReviewView> {
  switch (review.kind) {
    case 'possible_duplicate':
      return duplicateView(review, store, viewer);
    case 'compensation_variance':
      return Promise.resolve(varianceView(review, viewer));
    case 'conflict':
      return Promise.resolve(conflictView(review, viewer));
  }
}
