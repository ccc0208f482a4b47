import { z } from 'zod';
import type { Compensation } from '../../model';
import { fetchParsed, VendorId } from '../ats/boundary';
import { offerFieldName, offerPayPeriod } from '../ats/offerFields';
import { compact, decimalText, employmentType, type Normaliser } from '../ats/people';
import type { AtsContext, AtsSettings, OfferFieldChoice } from '../ats/types';

/**
 * A Lever offer carries its values as `fields[]` of `{ text, identifier, value }` (docs/vendors/lever.md,
 * "Offers"). Which identifiers an account's offer form has is the account's own; these are the ones
 * Lever's standard offer form uses [unconfirmed], so the connection can name others.
 */
export const leverOfferDefaults = {
  pay: 'salary_amount',
  currency: 'salary_currency',
  payPeriod: 'salary_interval',
  startDate: 'anticipated_start_date',
  title: 'job_title',
} as const;

export const OfferField = z
  .object({ identifier: z.string().min(1), text: z.string().nullish(), value: z.unknown(), type: z.string().nullish() })
  .loose();

export const Offers = z.object({
  data: z.array(
    z
      .object({
        id: VendorId,
        status: z.string().nullish(),
        createdAt: z.number().nullish(),
        posting: z.string().nullish(),
        fields: z.array(OfferField).nullish(),
      })
      .loose(),
  ),
});
export type LeverOffer = z.infer<typeof Offers>['data'][number];

const valueOf = (offer: LeverOffer | undefined, identifier: string | undefined): unknown =>
  identifier ? offer?.fields?.find((f) => f.identifier === identifier)?.value : undefined;

/** What the offer says of pay, start date, employment type and title, read from the fields the connection names. */
export function readLeverOffer(offer: LeverOffer | undefined, settings: AtsSettings, n: Normaliser) {
  const d = leverOfferDefaults;
  const amount = decimalText(valueOf(offer, offerFieldName(settings, 'pay', d.pay)));
  const currency = valueOf(offer, d.currency);
  const compensation: Partial<Compensation> | undefined = amount
    ? compact({
        amount,
        currency: typeof currency === 'string' ? currency : undefined,
        period: offerPayPeriod(
          valueOf(offer, offerFieldName(settings, 'payPeriod', d.payPeriod)),
          settings,
          n.warnings,
        ),
      })
    : undefined;
  const title = valueOf(offer, d.title);
  return {
    compensation,
    startDate: n.date(
      valueOf(offer, offerFieldName(settings, 'startDate', d.startDate)) as string | number | undefined,
    ),
    employmentType: employmentType(valueOf(offer, offerFieldName(settings, 'employmentType'))),
    title: typeof title === 'string' ? title : undefined,
  };
}

/**
 * The offer fields this account's offers carry, for the connection dialog. Lever lists no offer form
 * definition, so they are read from the offers of the account's most recent hires (docs/vendors/lever.md).
 */
export const leverOfferFieldsApi = {
  recentHires: (reasonId: string) => ({
    method: 'GET' as const,
    url: 'opportunities',
    query: { archive_reason_id: reasonId, limit: 5 },
  }),
  offers: (opportunityId: string) => ({
    method: 'GET' as const,
    url: `opportunities/${encodeURIComponent(opportunityId)}/offers`,
  }),
} as const;

const Ids = z.object({ data: z.array(z.object({ id: VendorId }).loose()) });

export async function leverOfferFieldChoices(ctx: AtsContext, hiredReasonIds: string[]): Promise<OfferFieldChoice[]> {
  const choices = new Map<string, OfferFieldChoice>();
  for (const reasonId of hiredReasonIds.slice(0, 1)) {
    const { data: hires } = await fetchParsed(
      ctx,
      leverOfferFieldsApi.recentHires(reasonId),
      Ids,
      'The Lever list of hired opportunities',
    );
    for (const hire of hires) {
      const { data: offers } = await fetchParsed(ctx, leverOfferFieldsApi.offers(hire.id), Offers, 'The Lever offers');
      for (const field of offers.flatMap((o) => o.fields ?? [])) {
        if (!choices.has(field.identifier))
          choices.set(field.identifier, {
            key: field.identifier,
            name: field.text || field.identifier,
            ...(field.type ? { type: field.type } : {}),
          });
      }
    }
  }
  return [...choices.values()];
}
