import type { Compensation } from '../../model';
import { compact, decimalText, payPeriod } from './people';
import type { OfferFieldSettings } from './types';

/** What an offer says about pay, as the vendor wrote it: read from whichever fields the account configured. */
export interface OfferPay {
  amount: unknown;
  currency: unknown;
  /** The offer's own word for the period (a frequency, an interval), if it has one. */
  period: unknown;
}

/**
 * The pay of an offer in the model's terms. The period comes from the offer, else from the period the
 * user declared for the pay field, else it stays unknown: never a default "year". A period word we
 * cannot read is named in `warnings` and the declared period is not used in its place, since the
 * offer did state one.
 */
export function offerCompensation(pay: OfferPay, fields: OfferFieldSettings | undefined, warnings: string[]): Partial<Compensation> {
  const stated = pay.period !== undefined && pay.period !== null && pay.period !== '';
  const read = payPeriod(pay.period);
  if (stated && !read) warnings.push(`pay period "${String(pay.period)}" is not a period we know`);
  return compact({
    amount: decimalText(pay.amount),
    currency: typeof pay.currency === 'string' && pay.currency.trim() ? pay.currency.trim().toUpperCase() : undefined,
    period: stated ? read : fields?.declaredPayPeriod,
  });
}
