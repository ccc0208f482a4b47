/** Vendor API answers for thin webhooks, keyed "METHOD path" relative to the connection's base URL, for fakeApi. */
export type Answers = Record<string, unknown>;

export const leverAnswers = (): Answers => ({
  'GET opportunities/opp-1': {
    data: {
      id: 'opp-1',
      name: 'Johnny Smith',
      contact: 'contact-1',
      emails: ['johnny@example.com'],
      phones: [{ type: 'mobile', value: '+49 30 901820' }],
      owner: { id: 'user-1', name: 'Rita Recruiter', email: 'rita@example.com' },
      applications: [{ posting: 'posting-1' }],
      archived: { archivedAt: Date.UTC(2026, 10, 2, 15), reason: 'reason-hired' },
    },
  },
  'GET archive_reasons': { data: [{ id: 'reason-hired', text: 'Hired', status: 'active', type: 'hired' }], hasNext: false },
  'GET opportunities/opp-1/offers': {
    data: [
      {
        id: 'offer-1',
        status: 'signed',
        createdAt: 1767225600000,
        posting: 'posting-1',
        fields: [
          { identifier: 'anticipated_start_date', value: Date.UTC(2026, 11, 1) },
          { identifier: 'salary_amount', value: 95000 },
          { identifier: 'salary_currency', value: 'USD' },
          { identifier: 'salary_interval', value: 'per-year-salary' },
        ],
      },
    ],
  },
  'GET postings/posting-1': {
    data: { id: 'posting-1', text: 'Developer', categories: { team: 'Platform', department: 'Engineering', location: 'Berlin', commitment: 'Full-time' } },
  },
});

export const ashbyAnswers = (): Answers => ({
  'POST candidate.info': { success: true, results: { name: 'Johnny Smith', emailAddresses: [{ value: 'johnny@example.com', type: 'Personal' }], phoneNumbers: [] } },
  'POST offer.info': { success: true, results: { id: 'offer-a1', latestVersion: { startDate: '2026-12-01', salary: { currencyCode: 'EUR', value: 70000 } } } },
  'POST job.info': { success: true, results: { id: 'job-a1', title: 'Developer', employmentType: 'FullTime', departmentId: 'dep-1' } },
  'POST department.info': { success: true, results: { id: 'dep-1', name: 'Engineering', isArchived: false } },
});

export const workableAnswers = (): Answers => ({
  'GET jobs/GROOV003': { shortcode: 'GROOV003', title: 'Groove Tester', department: 'QA', employment_type: 'Full-time', location: { city: 'Athens', country: 'Greece' } },
  'GET candidates/3fc9a80f/offer': {
    document_variables: [
      { name: 'start_date', value: '2026-12-01' },
      { name: 'salary', value: '50000' },
      { name: 'salary_currency', value: 'EUR' },
    ],
  },
});

export const smartRecruitersAnswers = (): Answers => ({
  'GET jobs/job-1/candidates/cand-1/status': { status: 'HIRED' },
  'GET candidates/cand-1': { id: 'cand-1', firstName: 'Mia', lastName: 'Keller', email: 'mia@example.com' },
  'GET jobs/job-1': { id: 'job-1', title: 'Developer', department: { label: 'Engineering' }, typeOfEmployment: { label: 'Full-time' } },
  'GET candidates/cand-1/jobs/job-1/offers': { content: [{ id: 'sr-offer-1', startDate: '2026-12-01', salary: { value: 60000, currency: 'EUR', period: 'YEAR' } }] },
});
