import { z } from 'zod';
import { transformFunctions } from '../transform/functions';
import { forbiddenSegment } from '../forbiddenKeys';
import { NAMED_FORMATS } from './formats';
import { PayBounds } from './payBounds';

export const FieldType = z.enum([
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'email',
  'phone',
  'money',
  'enum',
  'object',
]);
export type FieldType = z.infer<typeof FieldType>;

/** Which system's value wins when systems disagree (read by survivorship). */
export const FieldOwner = z.enum(['ats', 'hris', 'checkr', 'manual', 'any']);
export type FieldOwner = z.infer<typeof FieldOwner>;

export const SyncDirection = z.enum(['ats_to_hris', 'hris_to_ats', 'both', 'none']);
export type SyncDirection = z.infer<typeof SyncDirection>;

/** Who may see the value: `secret` is encrypted at rest and masked in every log, alert and export. */
export const Sensitivity = z.enum(['public', 'internal', 'personal', 'secret']);
export type Sensitivity = z.infer<typeof Sensitivity>;

/**
 * A dotted path into the record: `person.legalName.first`. A segment ending in `[]` is an array whose
 * every element the rest of the path applies to: `person.emails[].address`.
 */
const FieldPath = z
  .string()
  .regex(
    /^[A-Za-z_$][\w$]*(\[\])?(\.[A-Za-z_$][\w$]*(\[\])?)*$/,
    'must be a dotted path such as person.legalName.first or person.emails[].address',
  )
  .superRefine((name, ctx) => {
    const forbidden = forbiddenSegment(name);
    if (forbidden)
      ctx.addIssue({
        code: 'custom',
        message: `must not contain "${forbidden}" (${name}): that name reaches the prototype every object shares`,
      });
  });

const FieldFormat = z
  .string()
  .min(1)
  .refine(
    (format) => {
      if (Object.hasOwn(NAMED_FORMATS, format)) return true;
      try {
        new RegExp(format, 'u');
        return true;
      } catch {
        return false;
      }
    },
    `must be one of ${Object.keys(NAMED_FORMATS).join(', ')} or a valid regular expression`,
  );

const TransformName = z
  .string()
  .refine(
    (name) => Object.hasOwn(transformFunctions, name),
    `must be one of the transforms: ${Object.keys(transformFunctions).join(', ')}`,
  );

export const DictionaryField = z
  .object({
    name: FieldPath,
    label: z.string().trim().min(1, 'must not be empty'),
    type: FieldType,
    required: z.boolean(),
    format: FieldFormat.optional(),
    maxLength: z.number().int().positive().optional(),
    allowedValues: z.array(z.string()).min(1).optional(),
    /** Source value → target value, applied by the mapper's translate transform; the targets are then the allowed values. */
    translation: z.record(z.string(), z.string()).optional(),
    owner: FieldOwner,
    syncDirection: SyncDirection,
    /** A transform from lib/transform/functions and its arguments after the value, e.g. isoDate("UTC"). */
    transform: z.object({ name: TransformName, args: z.array(z.unknown()).optional() }).optional(),
    sensitivity: Sensitivity,
    /** Once the HRIS holds a value, no source may change it (hire date). */
    immutable: z.boolean().optional(),
    description: z.string().optional(),
  })
  .refine((f) => !(f.allowedValues && f.translation), {
    path: ['translation'],
    message: 'give either allowed values or a translation table, not both',
  });
export type DictionaryField = z.infer<typeof DictionaryField>;

export const Dictionary = z
  .object({
    version: z.string().trim().min(1, 'must not be empty'),
    fields: z.array(DictionaryField),
    /** Plausible hourly pay per currency (payBounds.ts); absent: the shipped bounds. */
    payBounds: PayBounds.optional(),
  })
  .superRefine((dictionary, ctx) => {
    const seen = new Set<string>();
    dictionary.fields.forEach((field, index) => {
      if (seen.has(field.name))
        ctx.addIssue({ code: 'custom', path: ['fields', index, 'name'], message: `"${field.name}" is listed twice` });
      seen.add(field.name);
    });
  });
export type Dictionary = z.infer<typeof Dictionary>;
