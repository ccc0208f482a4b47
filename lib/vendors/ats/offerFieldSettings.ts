import { z } from 'zod';
import { PayPeriod } from '../../model';
import { HrError } from '../../errors';
import { parsePayload } from './boundary';
import type { OfferFieldSettings } from './types';

// A blank field in the dialog is an unset one.
const Key = z.string().trim().transform((v) => v || undefined).optional();

/** The connection's offer fields (see OfferFieldSettings), as the flow stores them: an object, or its JSON text. */
const Schema = z
  .object({ pay: Key, payPeriod: Key, declaredPayPeriod: z.preprocess((v) => (v === '' ? undefined : v), PayPeriod.optional()), employmentType: Key, startDate: Key })
  .strict();

/** The offer field settings of a connection, undefined when none are set; throws `ats.payload_invalid` naming the field. */
export function parseOfferFields(raw: unknown): OfferFieldSettings | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const parsed = parsePayload(Schema, typeof raw === 'string' ? jsonOf(raw) : raw, 'The offer-field setting of the ATS connection');
  const set = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as OfferFieldSettings;
  return Object.keys(set).length ? set : undefined;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HrError('ats.payload_invalid', 'The offer-field setting of the ATS connection is not JSON.', { issues: [{ field: 'offerFields', rule: 'json', message: 'is not JSON' }] });
  }
}
