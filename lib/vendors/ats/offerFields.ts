import type { PayPeriod } from '../../model';
import { payPeriod } from './people';
import type { AtsSettings, OfferFieldSettings } from './types';

type FieldRole = Exclude<keyof OfferFieldSettings, 'declaredPayPeriod'>;

/** The offer field that holds `role`: the one the connection names, else the vendor's documented default. */
export const offerFieldName = (settings: AtsSettings, role: FieldRole, vendorDefault?: string): string | undefined =>
  settings.offerFields?.[role]?.trim() || vendorDefault;

/**
 * How often the offer's pay is paid: the offer's own word for it when there is one, else the period the
 * user declared on the connection, else unknown. Never a default: an hourly wage read as yearly is the
 * payroll error this package exists to prevent. A word that is there but not understood is a warning,
 * and the period stays unknown (the validator then holds the pay for review).
 */
export function offerPayPeriod(offerWord: unknown, settings: AtsSettings, warnings: string[]): PayPeriod | undefined {
  const read = payPeriod(offerWord);
  if (read) return read;
  if (typeof offerWord === 'string' && offerWord.trim() !== '') {
    warnings.push(
      `The offer's pay period "${offerWord}" is not one this package understands (hour, day, week, biweekly, semimonthly, month, quarter, half year, year).`,
    );
    return undefined;
  }
  return settings.offerFields?.declaredPayPeriod;
}
