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
  'GET archive_reasons': {
    data: [{ id: 'reason-hired', text: 'Hired', status: 'active', type: 'hired' }],
    hasNext: false,
  },
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
    data: {
      id: 'posting-1',
      text: 'Developer',
      categories: { team: 'Platform', department: 'Engineering', location: 'Berlin', commitment: 'Full-time' },
    },
  },
});

export const ashbyAnswers = (): Answers => ({
  'POST candidate.info': {
    success: true,
    results: {
      name: 'Johnny Smith',
      emailAddresses: [{ value: 'johnny@example.com', type: 'Personal' }],
      phoneNumbers: [],
    },
  },
  'POST offer.info': {
    success: true,
    results: {
      id: 'offer-a1',
      latestVersion: { startDate: '2026-12-01', salary: { currencyCode: 'EUR', value: 70000 } },
    },
  },
  'POST job.info': {
    success: true,
    results: { id: 'job-a1', title: 'Developer', employmentType: 'FullTime', departmentId: 'dep-1' },
  },
  'POST department.info': { success: true, results: { id: 'dep-1', name: 'Engineering', isArchived: false } },
});

export const workableAnswers = (): Answers => ({
  'GET jobs/GROOV003': {
    shortcode: 'GROOV003',
    title: 'Groove Tester',
    department: 'QA',
    employment_type: 'Full-time',
    location: { city: 'Athens', country: 'Greece' },
  },
  'GET candidates/3fc9a80f/offer': {
    candidate: { id: '3fc9a80f', name: 'Lakita Marrero' },
    state: 'accepted',
    document_variables: [
      { document_variable: { name: 'Start Date', slug: 'start_date' }, value: { body: '2026-12-01' } },
      {
        document_variable: { name: 'Salary', slug: 'salary' },
        value: { data: { amount: 50000, frequency: 'year', currency_iso: 'EUR', cached_value: '€50,000.00 per year' } },
      },
    ],
    documents: [],
  },
});

/** Where the answers' accounts keep their offer terms. */
export const workableOfferFields = { startDate: 'start_date' };
export const smartRecruitersOfferFields = { pay: 'base_salary', payPeriod: 'pay_frequency' };

export const smartRecruitersAnswers = (): Answers => ({
  'GET candidates/cand-1': {
    id: 'cand-1',
    firstName: 'Mia',
    lastName: 'Keller',
    email: 'mia@example.com',
    primaryAssignment: {
      job: { id: 'job-1', title: 'Developer' },
      status: 'HIRED',
      startsOn: '2026-12-01T00:00:00.000Z',
    },
  },
  'GET jobs/job-1': {
    id: 'job-1',
    title: 'Developer',
    department: { label: 'Engineering' },
    typeOfEmployment: { label: 'Full-time' },
  },
  'GET candidates/cand-1/jobs/job-1/offers': {
    totalFound: 1,
    content: [
      {
        id: 'sr-offer-1',
        status: 'ACCEPTED',
        createdOn: '2026-10-20T10:00:00.000Z',
        updatedOn: '2026-10-25T10:00:00.000Z',
        properties: { base_salary: { code: 'EUR', value: 60000 }, pay_frequency: 'Yearly' },
      },
    ],
  },
});
