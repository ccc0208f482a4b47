import type { Compensation, EmploymentType } from '../../model';
import { offerFieldName, offerPayPeriod } from '../ats/offerFields';
import { compact, decimalText, employmentType } from '../ats/people';
import type { AtsSettings } from '../ats/types';
import type { CustomField } from './schema';
import type { z } from 'zod';

/**
 * Greenhouse offer custom fields are named by each account (their keys are immutable slugs of the first
 * name given); `salary` and `employment_type` are only the keys Greenhouse's own examples use
 * (docs/vendors/greenhouse.md, "Custom fields"). The connection can name others.
 */
export const greenhouseOfferDefaults = { pay: 'salary', employmentType: 'employment_type' } as const;

export type CustomFields = Record<string, z.infer<typeof CustomField> | null> | null | undefined;

export const fieldValue = (fields: CustomFields, key: string | undefined): unknown =>
  key ? fields?.[key]?.value : undefined;

/**
 * The offer's pay from the currency field the connection names (else `salary`, else the one currency
 * field Greenhouse flags as compensation). The period comes from the period field the connection
 * names, else the `frequency` Greenhouse adds to a compensation field, else the connection's declared
 * period; with none of them it stays unknown.
 */
export function greenhouseCompensation(
  fields: CustomFields,
  settings: AtsSettings,
  warnings: string[],
): Partial<Compensation> | undefined {
  const named = settings.offerFields?.pay?.trim();
  const entries = Object.entries(fields ?? {});
  const [, field] = named
    ? (entries.find(([key]) => key === named) ?? [])
    : (entries.find(([key]) => key === greenhouseOfferDefaults.pay) ??
      entries.find(([, f]) => f?.type === 'currency' && f.compensation_type) ??
      []);
  const value = field?.value as { amount?: unknown; unit?: unknown } | null | undefined;
  if (!field || !value) return undefined;
  const periodField = offerFieldName(settings, 'payPeriod');
  const periodWord = periodField ? fieldValue(fields, periodField) : field.frequency;
  return compact({
    amount: decimalText(value.amount),
    currency: typeof value.unit === 'string' ? value.unit : undefined,
    period: offerPayPeriod(periodWord, settings, warnings),
  });
}

/** The employment type from the offer's field, else the job's field of the same key. */
export function greenhouseEmploymentType(
  offerFields: CustomFields,
  jobFields: CustomFields,
  settings: AtsSettings,
): EmploymentType | undefined {
  const key = offerFieldName(settings, 'employmentType', greenhouseOfferDefaults.employmentType);
  return employmentType(fieldValue(offerFields, key) ?? fieldValue(jobFields, key));
}

/** The start date: a date custom field the connection names, else the offer's own `starts_at`. */
export function greenhouseStartDate(
  fields: CustomFields,
  startsAt: string | null | undefined,
  settings: AtsSettings,
): unknown {
  const key = offerFieldName(settings, 'startDate');
  return key ? fieldValue(fields, key) : startsAt;
}
