import type { MappingRow } from './mappingTable';
import type { MappingTarget } from './startingMappings';
import { BAMBOOHR_PAID_PER } from '../vendors/bamboohr/payPeriods';

/**
 * The shipped starting mappings as tables, the mapper's default mode. Each gives the same record as
 * its JSONata version in startingMappings.ts (test/unit/mapping/tableEquivalence.test.ts proves it on
 * every fixture), except that fields the target requires (docs/vendors/bamboohr.md, docs/vendors/hibob.md) are marked
 * required here, so a hire without them fails naming the field instead of being sent and refused.
 *
 * Every phone and e-mail type goes to the target's field for it where the target has one (field names
 * with their sources in docs/vendors/bamboohr.md, hibob.md, personio.md); what a target has no field
 * for (Personio persons hold one e-mail and no phone) is listed by the mapper's coverage as not sent.
 */

/** Personio's employment `type`: contractors and freelancers are EXTERNAL, everyone else INTERNAL. */
const PERSONIO_EMPLOYMENT_TYPE: Readonly<Record<string, string>> = {
  full_time: 'INTERNAL',
  part_time: 'INTERNAL',
  intern: 'INTERNAL',
  temporary: 'INTERNAL',
  contractor: 'EXTERNAL',
  freelance: 'EXTERNAL',
};

type RowOptions = Partial<Omit<MappingRow, 'target' | 'source' | 'args'>> & { args?: unknown[] };

const row = (target: string, source: string, options: RowOptions = {}): MappingRow => ({
  target,
  from: options.from ?? 'path',
  source,
  transform: options.transform ?? '',
  args: options.args ? JSON.stringify(options.args) : '',
  default: options.default ?? '',
  required: options.required ?? false,
});

const required = { required: true };
const WORK_EMAIL = 'person.emails[type=work].address';
const PERSONAL_EMAIL = 'person.emails[type!=work].address';
const MOBILE_PHONE = 'person.phones[type=mobile].number';
const HOME_PHONE = 'person.phones[type=home].number';
const WORK_PHONE = 'person.phones[type=work].number';
const DEPARTMENT = 'offer.department | job.department.name';
const LOCATION = 'offer.location | job.office.name';

const bamboohr: MappingRow[] = [
  row('firstName', 'person.legalName.first', required),
  row('middleName', 'person.legalName.middle'),
  row('lastName', 'person.legalName.last', required),
  row('preferredName', 'person.preferredName'),
  row('workEmail', WORK_EMAIL),
  row('homeEmail', PERSONAL_EMAIL),
  row('mobilePhone', MOBILE_PHONE),
  row('homePhone', HOME_PHONE),
  row('workPhone', WORK_PHONE),
  row('jobTitle', 'offer.title'),
  row('department', DEPARTMENT),
  row('location', LOCATION),
  row('hireDate', 'offer.startDate'),
  row('payRate', 'offer.compensation', { transform: 'template', args: ['{amount} {currency}'] }),
  row('paidPer', 'offer.compensation.period', { transform: 'translate', args: [BAMBOOHR_PAID_PER] }),
];

const hibob: MappingRow[] = [
  row('firstName', 'person.legalName.first', required),
  row('surname', 'person.legalName.last', required),
  row('email', WORK_EMAIL, required),
  // Only an address marked personal: HiBob's \`email\` may already hold an untyped one (Lever's have no type).
  row('home.privateEmail', 'person.emails[type=personal].address'),
  row('home.mobilePhone', MOBILE_PHONE),
  row('home.privatePhone', HOME_PHONE),
  row('work.workPhone', WORK_PHONE),
  row('work.title', 'offer.title'),
  row('work.department', DEPARTMENT),
  row('work.site', LOCATION, required),
  row('work.startDate', 'offer.startDate', required),
];

const personio: MappingRow[] = [
  row('email', WORK_EMAIL),
  row('first_name', 'person.legalName.first'),
  row('last_name', 'person.legalName.last'),
  row('preferred_name', 'person.preferredName'),
  row('employments[0].position.title', 'offer.title'),
  row('employments[0].status', 'ONBOARDING', { from: 'constant' }),
  row('employments[0].employment_start_date', 'offer.startDate'),
  row('employments[0].type', 'offer.employmentType', {
    transform: 'translate',
    args: [PERSONIO_EMPLOYMENT_TYPE],
    default: 'INTERNAL',
  }),
];

const generic: MappingRow[] = [
  row('firstName', 'person.legalName.first'),
  row('lastName', 'person.legalName.last'),
  row('workEmail', WORK_EMAIL),
  row('personalEmail', PERSONAL_EMAIL),
  row('mobilePhone', MOBILE_PHONE),
  row('homePhone', HOME_PHONE),
  row('workPhone', WORK_PHONE),
  row('jobTitle', 'offer.title'),
  row('department', DEPARTMENT),
  row('startDate', 'offer.startDate'),
  row('compensation', 'offer.compensation'),
];

export const startingTables: Readonly<Record<MappingTarget, readonly MappingRow[]>> = {
  bamboohr,
  hibob,
  personio,
  generic,
};
