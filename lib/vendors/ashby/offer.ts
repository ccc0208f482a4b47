import { z } from 'zod';
import type { Compensation } from '../../model';
import { HrError } from '../../errors';
import { parsePayload, VendorId } from '../ats/boundary';
import { offerFieldName, offerPayPeriod } from '../ats/offerFields';
import { compact, decimalText, type Normaliser } from '../ats/people';
import type { AtsContext, AtsSettings, OfferFieldChoice } from '../ats/types';

/**
 * An Ashby offer's terms are its `latestVersion`: `startDate`, `salary { currencyCode, value }` and the
 * offer form's `customFields[] { id, title, value }` (docs/vendors/ashby.md, "Offers"). The salary has
 * no period; an account keeps that (and anything else) in offer custom fields, named here by title.
 */
const CustomField = z.object({ id: z.string().nullish(), title: z.string(), value: z.unknown() }).loose();

export const OfferVersion = z
  .object({
    startDate: z.string().nullish(),
    salary: z
      .object({ currencyCode: z.string().nullish(), value: z.union([z.number(), z.string()]).nullish() })
      .loose()
      .nullish(),
    customFields: z.array(CustomField).nullish(),
  })
  .loose();
type OfferVersion = z.infer<typeof OfferVersion>;

const byTitle = (version: OfferVersion | undefined, title: string | undefined): unknown =>
  title ? version?.customFields?.find((f) => f.title === title)?.value : undefined;

/** A custom field's pay: a number, or a compensation value `{ value | minValue, currencyCode, interval }`. */
function payOf(value: unknown): { amount?: unknown; currency?: unknown; period?: unknown } {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // A range is one pay only when both ends agree; else it is no single amount.
    const amount = v.value ?? (v.minValue !== undefined && v.minValue === v.maxValue ? v.minValue : undefined);
    return { amount, currency: v.currencyCode, period: v.interval };
  }
  return { amount: value };
}

export function readAshbyOffer(version: OfferVersion | undefined, settings: AtsSettings, n: Normaliser) {
  const payField = offerFieldName(settings, 'pay');
  const pay = payField
    ? payOf(byTitle(version, payField))
    : { amount: version?.salary?.value, currency: version?.salary?.currencyCode };
  const periodField = offerFieldName(settings, 'payPeriod');
  const amount = decimalText(pay.amount);
  const currency = pay.currency ?? version?.salary?.currencyCode;
  const compensation: Partial<Compensation> | undefined = amount
    ? compact({
        amount,
        currency: typeof currency === 'string' ? currency : undefined,
        period: offerPayPeriod(periodField ? byTitle(version, periodField) : pay.period, settings, n.warnings),
      })
    : undefined;
  const startField = offerFieldName(settings, 'startDate');
  return {
    compensation,
    startDate: n.date((startField ? byTitle(version, startField) : version?.startDate) as string | undefined),
    employmentType: byTitle(version, offerFieldName(settings, 'employmentType')),
  };
}

export const ashbyOfferFieldsApi = {
  list: (cursor?: string) => ({
    method: 'POST' as const,
    url: 'customField.list',
    body: { limit: 100, ...(cursor ? { cursor } : {}) },
    idempotent: true,
  }),
  offerObjectType: 'Offer',
  maxPages: 10,
} as const;

const FieldList = z.object({
  success: z.literal(true),
  results: z.array(
    z
      .object({
        id: VendorId,
        title: z.string(),
        objectType: z.string(),
        isArchived: z.boolean().nullish(),
        fieldType: z.string().nullish(),
      })
      .loose(),
  ),
  moreDataAvailable: z.boolean().nullish(),
  nextCursor: z.string().nullish(),
});

/** The account's offer custom fields (`customField.list`, objectType "Offer"), keyed by title as the settings name them. */
export async function ashbyOfferFieldChoices(ctx: AtsContext): Promise<OfferFieldChoice[]> {
  const choices: OfferFieldChoice[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < ashbyOfferFieldsApi.maxPages; page += 1) {
    const answer = (await ctx.send(ashbyOfferFieldsApi.list(cursor))).body as {
      success?: unknown;
      errorInfo?: { code?: string; message?: string };
    };
    if (answer?.success === false)
      throw new HrError(
        'ats.api_refused',
        `Ashby refused the list of custom fields: ${answer.errorInfo?.message ?? 'no reason given'}`,
        { code: answer.errorInfo?.code },
      );
    const { results, moreDataAvailable, nextCursor } = parsePayload(
      FieldList,
      answer,
      'The Ashby list of custom fields',
    );
    for (const f of results) {
      if (f.objectType === ashbyOfferFieldsApi.offerObjectType && !f.isArchived)
        choices.push({ key: f.title, name: f.title, ...(f.fieldType ? { type: f.fieldType } : {}) });
    }
    if (!moreDataAvailable || !nextCursor) break;
    cursor = nextCursor;
  }
  return choices;
}
