import { HrError } from '../../errors';
import type { Compensation, EmploymentType } from '../../model';
import { offerFieldName, offerPayPeriod } from '../ats/offerFields';
import { compact, decimalText, employmentType, type Normaliser } from '../ats/people';
import type { AtsSettings } from '../ats/types';
import type { WorkableOffer, WorkableOfferVariable } from './schema';

/** What the hire takes from a Workable offer and its job. */
export interface WorkableOfferTerms {
  startDate?: string;
  compensation: Partial<Compensation>;
  employmentType?: EmploymentType;
}

/**
 * Reads the offer's variables by the slugs the account configured (docs/vendors/workable.md "Offer").
 * Workable documents no slug for the start date, so it must be configured. Pay defaults to the offer's
 * one salary-type variable (the only kind with `value.data`); with several, the user must say which.
 * The employment type defaults to the job's `employment_type`.
 */
export function workableOfferTerms(
  offer: WorkableOffer,
  job: { employment_type?: string | null },
  settings: AtsSettings,
  n: Normaliser,
): WorkableOfferTerms {
  const slugs = {
    pay: offerFieldName(settings, 'pay'),
    payPeriod: offerFieldName(settings, 'payPeriod'),
    employmentType: offerFieldName(settings, 'employmentType'),
    startDate: offerFieldName(settings, 'startDate'),
  };
  const variable = (slug: string, what: string): WorkableOfferVariable | undefined => {
    const found = offer.document_variables.find((v) => v.document_variable.slug === slug);
    if (!found) n.warnings.push(`${what}: the offer has no variable "${slug}"`);
    return found;
  };

  if (!slugs.startDate) {
    throw new HrError(
      'ats.offer_field_unset',
      'Workable has no standard start-date variable: choose which offer variable holds the start date in the ATS connection.',
      { field: 'offerFields.startDate' },
    );
  }
  const start = variable(slugs.startDate, 'start date');

  const pay = slugs.pay ? variable(slugs.pay, 'pay') : onlySalary(offer);
  const data = pay?.value.data;
  const period = slugs.payPeriod ? variable(slugs.payPeriod, 'pay period')?.value.body : data?.frequency;

  const typeText = slugs.employmentType
    ? variable(slugs.employmentType, 'employment type')?.value.body
    : job.employment_type;
  const type = employmentType(typeText);
  if (typeText && !type) n.warnings.push(`employment type "${typeText}" is not one we know`);

  return {
    startDate: n.date(start?.value.body),
    compensation: pay
      ? compact({
          amount: decimalText(data?.amount ?? pay.value.body),
          currency: data?.currency_iso ?? undefined,
          period: offerPayPeriod(period, settings, n.warnings),
        })
      : {},
    employmentType: type,
  };
}

function onlySalary(offer: WorkableOffer): WorkableOfferVariable | undefined {
  const salaries = offer.document_variables.filter((v) => v.value.data);
  if (salaries.length > 1) {
    const slugs = salaries.map((v) => v.document_variable.slug).join(', ');
    throw new HrError(
      'ats.offer_field_ambiguous',
      `The Workable offer has several salary variables (${slugs}): choose which one is the pay in the ATS connection.`,
      { field: 'offerFields.pay' },
    );
  }
  return salaries[0];
}
