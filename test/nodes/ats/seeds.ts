/** Hires seeded into the sandbox emulators with everything the trigger needs to build a canonical hire. */
import type { AshbyHandle } from '../../../sandbox/ashby';
import type { LeverHandle } from '../../../sandbox/lever';
import type { SmartRecruitersHandle } from '../../../sandbox/smartrecruiters';
import type { WorkableHandle } from '../../../sandbox/workable';

export function leverHire(lever: LeverHandle, person: { name: string; email: string }): string {
  const opportunityId = lever.addOpportunity(person);
  const posting = lever.addPosting({
    text: 'Developer',
    department: 'Engineering',
    location: 'Berlin',
    commitment: 'Full-time',
  });
  lever.addOffer(opportunityId, {
    posting,
    fields: {
      anticipated_start_date: Date.UTC(2026, 11, 1),
      salary_amount: 95000,
      salary_currency: 'EUR',
      salary_interval: 'per-year-salary',
    },
  });
  return opportunityId;
}

/** An Ashby hire with its job and accepted offer; the offer id is the one ashbySender's candidateHire names. */
export function ashbyHire(ashby: AshbyHandle, person: { name: string; email: string }) {
  const jobId = ashby.addJob({
    title: 'Developer',
    employmentType: 'FullTime',
    departmentName: 'Engineering',
    locationName: 'Berlin',
  });
  const { candidateId, applicationId } = ashby.addHire({ ...person, jobTitle: 'Developer', jobId });
  ashby.addOffer({
    id: `offer-${applicationId}`,
    applicationId,
    startDate: '2026-12-01',
    salary: { value: 70000, currencyCode: 'EUR' },
  });
  return { candidateId, applicationId, jobId };
}

/** Which offer fields of the sandbox accounts hold what, as a user sets them in the ATS connection. */
export const workableOfferFields = { offerStartDateField: 'start_date' };
export const smartRecruitersOfferFields = { offerPayField: 'base_salary', offerPayPeriodField: 'pay_frequency' };

/** A Workable candidate in the Hired stage with the job and offer its hire is completed from. */
export function workableHire(workable: WorkableHandle, person: { firstname: string; lastname: string; email: string }) {
  const jobShortcode = workable.addJob({
    title: 'Groove Tester',
    department: 'QA',
    employmentType: 'Full-time',
    city: 'Athens',
    country: 'Greece',
  });
  const id = workable.addCandidate({ ...person, jobShortcode, stage: 'Hired' });
  workable.setOffer(id, { startDate: '2026-12-01', salary: { amount: 50000, currency: 'EUR', frequency: 'year' } });
  return { id, jobShortcode };
}

/** A SmartRecruiters application in status HIRED with its start, and an accepted offer. */
export function smartRecruitersHire(
  sr: SmartRecruitersHandle,
  person: { firstName: string; lastName: string; email: string },
) {
  const jobId = sr.addJob({
    title: 'Developer',
    department: 'Engineering',
    typeOfEmployment: 'Full-time',
    city: 'Berlin',
    country: 'Germany',
  });
  const candidateId = sr.addCandidate(person);
  sr.apply({ candidateId, jobId, status: 'HIRED', startsOn: '2026-12-01T00:00:00.000Z' });
  sr.addOffer(jobId, candidateId, {
    properties: { base_salary: { code: 'EUR', value: 60000 }, pay_frequency: 'Yearly' },
  });
  return { jobId, candidateId };
}
