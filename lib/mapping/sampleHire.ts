import type { HireEvent } from '../model/hireEvent';

/** A complete canonical hire, used as the mapper preview's default sample and in tests. */
export function sampleHire(overrides: Partial<HireEvent> = {}): HireEvent {
  return {
    type: 'hire',
    eventId: 'sample-1',
    system: 'greenhouse',
    occurredAt: '2026-11-02T15:04:05.000Z',
    person: {
      legalName: { first: 'Ana', last: 'Silva' },
      preferredName: 'Ana',
      emails: [
        { address: 'ana.silva@example.com', type: 'work' },
        { address: 'ana@example.org', type: 'personal' },
      ],
      phones: [{ number: '+14155550123', type: 'mobile' }],
    },
    application: { id: 'app-1', candidateId: 'cand-1', jobId: 'job-1', status: 'hired' },
    offer: {
      title: 'Payroll Specialist',
      department: 'Finance',
      location: 'New York',
      startDate: '2026-12-01',
      compensation: { amount: '103000.00', currency: 'USD', period: 'year' },
      employmentType: 'full_time',
    },
    job: { id: 'job-1', title: 'Payroll Specialist', department: { name: 'Finance' }, office: { name: 'New York' } },
    sourceIds: { system: 'greenhouse', candidateId: 'cand-1', applicationId: 'app-1' },
    ...overrides,
  };
}
