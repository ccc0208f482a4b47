import type { HireEvent } from '../../../lib/model/hireEvent';

/** The Greenhouse `hire_candidate` example (docs/vendors/greenhouse.md) as the canonical hire it becomes. */
export function sampleHire(): HireEvent {
  return {
    type: 'hire',
    eventId: 'a1b2c3d4-0000-4000-8000-000000000001',
    system: 'greenhouse',
    occurredAt: '2014-11-20T22:49:14Z',
    person: {
      legalName: { first: 'Johnny', last: 'Smith' },
      emails: [{ address: 'personal@example.com', type: 'personal' }],
      phones: [{ number: '+15185551212', type: 'work' }],
      addressText: '455 Broadway New York, NY 10280',
      consent: { backgroundCheck: true },
    },
    application: {
      id: '46194062',
      candidateId: '35897443',
      jobId: '323753',
      status: 'hired',
      source: { id: '25', name: 'Monster' },
      creditedTo: { id: '158104', name: 'Bob Recruiter', employeeId: '123ABC' },
      url: 'https://app.greenhouse.io/people/35897443?application_id=46194062',
    },
    offer: {
      id: '506409',
      version: 2,
      status: 'accepted',
      title: 'Developer',
      department: 'Technology',
      location: 'New York, NY',
      startDate: '2015-01-23',
      compensation: { amount: '80000.00', currency: 'USD', period: 'year' },
      employmentType: 'full_time',
      sentOn: '2014-11-10',
      resolvedAt: '2014-11-20T22:49:14Z',
    },
    job: {
      id: '323753',
      title: 'Developer',
      openingId: '1234-56',
      department: { id: '7', name: 'Technology', externalId: 'ex-dept-1' },
      office: { id: '13', name: 'New York City', location: 'New York, NY', externalId: 'ex-office-1' },
    },
    recruiter: { id: '55', name: 'Rita Recruiter', email: 'rita@example.com', employeeId: '456DEF' },
    sourceIds: {
      system: 'greenhouse',
      candidateId: '35897443',
      applicationId: '46194062',
      offerId: '506409',
      jobId: '323753',
    },
  };
}
