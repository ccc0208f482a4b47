import { HrError } from '../../errors';
import type { Compensation, EmploymentType } from '../../model';
import { offerFieldName, offerPayPeriod } from '../ats/offerFields';
import { compact, decimalText, employmentType, type Normaliser } from '../ats/people';
import type { AtsSettings } from '../ats/types';
import type { SrAssignment, SrOffer } from './schema';

export interface SrOfferTerms {
  startDate?: string;
  compensation: Partial<Compensation>;
  employmentType?: EmploymentType;
}

/** A property value as text: plain, or a labelled value (`{ label }`, `{ value }`). */
function text(raw: unknown): string | undefined {
  if (typeof raw === 'string' || typeof raw === 'number') return String(raw);
  if (raw && typeof raw === 'object') {
    const { label, value } = raw as { label?: unknown; value?: unknown };
    return text(label ?? value);
  }
  return undefined;
}

/** A currency property is `{ code, value }` (docs/vendors/smartrecruiters.md "Offers"); a plain number has no currency. */
function money(raw: unknown): { amount: unknown; currency: unknown } {
  if (raw && typeof raw === 'object') {
    const { code, value } = raw as { code?: unknown; value?: unknown };
    if (value && typeof value === 'object') return money(value);
    return { amount: value, currency: code };
  }
  return { amount: raw, currency: undefined };
}

/**
 * Reads an offer by the property keys the account configured (docs/vendors/smartrecruiters.md "Offers").
 * Offer properties are the account's own, so pay has no default and must be configured. The start
 * date defaults to the hired assignment's `startsOn`, the employment type to the job's type of employment.
 */
export function srOfferTerms(
  offer: SrOffer | undefined,
  assignment: SrAssignment,
  job: { typeOfEmployment?: { label?: string | null } | null },
  settings: AtsSettings,
  n: Normaliser,
): SrOfferTerms {
  const payKey = offerFieldName(settings, 'pay');
  if (!payKey) {
    throw new HrError(
      'ats.offer_field_unset',
      'SmartRecruiters keeps pay in offer properties each account defines: choose which offer property holds the pay in the ATS connection.',
      { field: 'offerFields.pay' },
    );
  }
  const properties = offer?.properties ?? {};
  const property = (name: string, what: string): unknown => {
    if (!(name in properties)) n.warnings.push(`${what}: the offer has no property "${name}"`);
    return properties[name];
  };

  const payRaw = property(payKey, 'pay');
  const { amount, currency } = money(payRaw);
  const periodKey = offerFieldName(settings, 'payPeriod');
  const startKey = offerFieldName(settings, 'startDate');
  const typeKey = offerFieldName(settings, 'employmentType');
  const period = periodKey ? text(property(periodKey, 'pay period')) : undefined;
  const start = startKey ? text(property(startKey, 'start date')) : assignment.startsOn;
  const typeText = typeKey ? text(property(typeKey, 'employment type')) : job.typeOfEmployment?.label;
  const type = employmentType(typeText);
  if (typeText && !type) n.warnings.push(`employment type "${typeText}" is not one we know`);

  return {
    startDate: n.date(start),
    compensation:
      payRaw === undefined
        ? {}
        : compact({
            amount: decimalText(amount),
            currency: typeof currency === 'string' ? currency : undefined,
            period: offerPayPeriod(period, settings, n.warnings),
          }),
    employmentType: type,
  };
}
