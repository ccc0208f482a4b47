import { EmailType, PhoneType, NationalIdType } from '../model/person';
import { PayPeriod } from '../model/compensation';
import type { Dictionary, DictionaryField } from './field';

type Defaults = Pick<DictionaryField, 'required' | 'owner' | 'syncDirection' | 'sensitivity'>;

const profile: Defaults = { required: false, owner: 'ats', syncDirection: 'ats_to_hris', sensitivity: 'personal' };
// Once the employee exists, the HRIS holds the legal record (people correct names and tax ids there),
// but the first value still comes from the hire.
const legal: Defaults = { required: true, owner: 'hris', syncDirection: 'ats_to_hris', sensitivity: 'personal' };
const job: Defaults = { required: false, owner: 'ats', syncDirection: 'ats_to_hris', sensitivity: 'internal' };
const offer: Defaults = { required: true, owner: 'ats', syncDirection: 'ats_to_hris', sensitivity: 'internal' };
// Collected during onboarding in the HRIS and never copied back: secret fields are encrypted at rest and masked everywhere (SECURITY.md).
const secret: Defaults = { required: false, owner: 'hris', syncDirection: 'none', sensitivity: 'secret' };

/**
 * The data dictionary for the hire-to-HRIS flow, over the canonical hire (lib/model/hireEvent) and the
 * employee the HRIS returns. A starting point: export it as CSV, edit it, import it back.
 */
export const defaultDictionary: Dictionary = {
  version: '1',
  fields: [
    { ...legal, name: 'person.legalName.first', label: 'Legal first name', type: 'string', maxLength: 100 },
    {
      ...legal,
      required: false,
      name: 'person.legalName.middle',
      label: 'Legal middle name',
      type: 'string',
      maxLength: 100,
    },
    { ...legal, name: 'person.legalName.last', label: 'Legal last name', type: 'string', maxLength: 100 },
    {
      ...profile,
      owner: 'any',
      syncDirection: 'both',
      name: 'person.preferredName',
      label: 'Preferred name',
      type: 'string',
      maxLength: 100,
    },
    {
      ...profile,
      required: true,
      name: 'person.emails[].address',
      label: 'Email address',
      type: 'email',
      transform: { name: 'email' },
    },
    {
      ...profile,
      required: true,
      name: 'person.emails[].type',
      label: 'Email type',
      type: 'enum',
      allowedValues: EmailType.options,
    },
    {
      ...profile,
      required: true,
      name: 'person.phones[].number',
      label: 'Phone number',
      type: 'phone',
      transform: { name: 'e164', args: ['US'] },
      description: 'Numbers without a country code are read as US numbers; change the argument to your country.',
    },
    {
      ...profile,
      required: true,
      name: 'person.phones[].type',
      label: 'Phone type',
      type: 'enum',
      allowedValues: PhoneType.options,
    },
    { ...profile, name: 'person.address', label: 'Home address', type: 'object' },
    {
      ...profile,
      required: true,
      name: 'person.address.line1',
      label: 'Address line 1',
      type: 'string',
      maxLength: 255,
    },
    { ...profile, name: 'person.address.line2', label: 'Address line 2', type: 'string', maxLength: 255 },
    { ...profile, required: true, name: 'person.address.city', label: 'City', type: 'string', maxLength: 100 },
    { ...profile, name: 'person.address.region', label: 'State or region', type: 'string', maxLength: 100 },
    { ...profile, name: 'person.address.postalCode', label: 'Postal code', type: 'string', maxLength: 20 },
    { ...profile, required: true, name: 'person.address.country', label: 'Country', type: 'string', format: 'country' },
    { ...secret, name: 'person.dateOfBirth', label: 'Date of birth', type: 'date' },
    { ...secret, name: 'person.nationalId', label: 'National id', type: 'object' },
    {
      ...secret,
      required: true,
      name: 'person.nationalId.type',
      label: 'National id type',
      type: 'enum',
      allowedValues: NationalIdType.options,
    },
    {
      ...secret,
      required: true,
      name: 'person.nationalId.value',
      label: 'SSN or national id',
      type: 'string',
      maxLength: 32,
      description: 'US SSN, UK National Insurance number, Canadian SIN or similar.',
    },
    {
      ...profile,
      owner: 'checkr',
      syncDirection: 'none',
      name: 'person.consent.backgroundCheck',
      label: 'Background check consent',
      type: 'boolean',
    },

    {
      ...job,
      required: true,
      name: 'job.title',
      label: 'Job title',
      type: 'string',
      maxLength: 255,
      transform: { name: 'trim' },
    },
    { ...job, name: 'job.department.name', label: 'Department', type: 'string', maxLength: 100 },
    { ...job, name: 'job.department.externalId', label: 'Department id in the HRIS', type: 'string' },
    { ...job, name: 'job.office.name', label: 'Location', type: 'string', maxLength: 100 },
    { ...job, name: 'job.office.externalId', label: 'Location id in the HRIS', type: 'string' },
    { ...job, owner: 'hris', name: 'job.costCenter.name', label: 'Cost center', type: 'string', maxLength: 100 },
    { ...job, owner: 'hris', name: 'job.costCenter.externalId', label: 'Cost center id in the HRIS', type: 'string' },

    { ...offer, name: 'offer.title', label: 'Offered job title', type: 'string', maxLength: 255 },
    {
      ...offer,
      name: 'offer.startDate',
      label: 'Start date',
      type: 'date',
      transform: { name: 'isoDate', args: ['UTC'] },
      description: 'Greenhouse sends YYYY-MM-DD on hires but MM/DD/YYYY on offer events.',
    },
    {
      ...offer,
      sensitivity: 'personal',
      name: 'offer.compensation',
      label: 'Compensation',
      type: 'money',
      description: `Amount as an exact decimal, ISO 4217 currency, and period (${PayPeriod.options.join(', ')}).`,
    },
    {
      ...offer,
      name: 'offer.employmentType',
      label: 'Employment type',
      type: 'enum',
      translation: {
        'Full-time': 'full_time',
        'Part-time': 'part_time',
        Contract: 'contractor',
        Contractor: 'contractor',
        Freelance: 'freelance',
        Intern: 'intern',
        Temporary: 'temporary',
      },
      transform: { name: 'translate' },
    },
    {
      ...offer,
      required: false,
      immutable: true,
      name: 'employee.hireDate',
      label: 'Hire date',
      type: 'date',
      description: "Set from the offer's start date when the employee is created; never changed afterwards.",
    },

    {
      required: false,
      owner: 'hris',
      syncDirection: 'hris_to_ats',
      sensitivity: 'internal',
      name: 'employee.id',
      label: 'Employee id',
      type: 'string',
      description: 'Written back to the ATS once the HRIS has created the employee.',
    },
    {
      required: false,
      owner: 'hris',
      syncDirection: 'hris_to_ats',
      sensitivity: 'personal',
      name: 'employee.workEmail',
      label: 'Work email',
      type: 'email',
    },
    {
      required: false,
      owner: 'ats',
      syncDirection: 'none',
      sensitivity: 'internal',
      name: 'application.interviewFeedback',
      label: 'Interview feedback',
      type: 'string',
      description: 'Scorecards and interview notes stay in the ATS.',
    },
  ],
};
