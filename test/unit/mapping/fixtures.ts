import { sampleHire } from '../../../lib/mapping/sampleHire';
import type { HireEvent } from '../../../lib/model/hireEvent';

/** Hires that exercise every branch of the starting mappings; each is a valid canonical hire. */
export function hireFixtures(): Record<string, HireEvent> {
  const missingOptional = sampleHire({ eventId: 'missing-optional' });
  delete missingOptional.person.preferredName;
  missingOptional.person.emails = [{ address: 'ana.silva@example.com', type: 'work' }];
  missingOptional.person.phones = [];

  const fallsBackToJob = sampleHire({ eventId: 'job-fallback' });
  delete fallsBackToJob.offer.department;
  delete fallsBackToJob.offer.location;
  fallsBackToJob.job = {
    id: 'job-1',
    title: 'Payroll Specialist',
    department: { name: 'People Ops' },
    office: { name: 'Lisbon' },
  };

  const noDepartmentAnywhere = sampleHire({ eventId: 'no-department' });
  delete noDepartmentAnywhere.offer.department;
  delete noDepartmentAnywhere.job.department;

  const hourly = sampleHire({ eventId: 'hourly' });
  hourly.offer.compensation = { amount: '49.5200', currency: 'USD', period: 'hour' };
  hourly.offer.employmentType = 'contractor';

  const monthlyEuro = sampleHire({ eventId: 'monthly' });
  monthlyEuro.offer.compensation = { amount: '5200.00', currency: 'EUR', period: 'month' };
  monthlyEuro.offer.employmentType = 'part_time';

  const weeklyFreelance = sampleHire({ eventId: 'weekly' });
  weeklyFreelance.offer.compensation = { amount: '1900', currency: 'GBP', period: 'week' };
  weeklyFreelance.offer.employmentType = 'freelance';

  const unicode = sampleHire({ eventId: 'unicode' });
  unicode.person.legalName = { first: 'Zoë', middle: 'Ñuño', last: 'Łukasiewicz-Øster' };
  unicode.person.preferredName = '太郎';
  unicode.person.emails = [
    { address: 'other@example.net', type: 'other' },
    { address: 'zoe@example.com', type: 'work' },
  ];
  unicode.offer.title = 'Ingénieure logiciel 👩‍💻';
  unicode.offer.location = 'München';

  return {
    'full hire': sampleHire(),
    'missing optional fields': missingOptional,
    'offer without department or location': fallsBackToJob,
    'no department on the offer or the job': noDepartmentAnywhere,
    'hourly contractor': hourly,
    'monthly part-timer in EUR': monthlyEuro,
    'weekly freelancer in GBP': weeklyFreelance,
    'Unicode names': unicode,
  };
}
