/**
 * Vendor API answers for thin webhooks, keyed "METHOD path" relative to the connection's base URL.
 * The sandbox emulators do not serve Lever offers and postings, Ashby offer.info/job.info, Workable
 * or SmartRecruiters yet, so tests reach these through a small local server instead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
    },
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
    data: { id: 'posting-1', text: 'Developer', categories: { team: 'Platform', department: 'Engineering', location: 'Berlin', commitment: 'Full-time' } },
  },
});

export const ashbyAnswers = (): Answers => ({
  'POST candidate.info': { success: true, results: { name: 'Johnny Smith', emailAddresses: [{ value: 'johnny@example.com', type: 'Personal' }], phoneNumbers: [] } },
  'POST offer.info': { success: true, results: { id: 'offer-a1', latestVersion: { startDate: '2026-12-01', salary: { currencyCode: 'EUR', value: 70000 } } } },
  'POST job.info': { success: true, results: { id: 'job-a1', title: 'Developer', employmentType: 'FullTime', departmentName: 'Engineering' } },
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

/** Serves each vendor's answers under /<vendor>/; the connection's base URL is `${url}/<vendor>`. */
export async function startApiStub(byVendor: Record<string, Answers>) {
  const server = http.createServer((req, res) => {
    req.resume();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [, vendor = '', ...rest] = path.split('/');
    const answer = byVendor[vendor]?.[`${req.method} ${rest.join('/')}`];
    res.writeHead(answer === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer ?? { message: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Harvest v1 as the reconciliation poll reads it: one hired application whose webhook never came. */
export const harvestAnswers = (): Answers => ({
  'GET v1/applications': [
    { id: 777, candidate_id: 888, status: 'hired', jobs: [{ id: 323753, name: 'Developer' }], source: { id: 25, public_name: 'Monster' }, last_activity_at: new Date().toISOString() },
  ],
  'GET v1/candidates/888': {
    id: 888,
    first_name: 'Pat',
    last_name: 'Lee',
    email_addresses: [{ value: 'pat@example.com', type: 'personal' }],
    phone_numbers: [],
    recruiter: { id: 55, name: 'Rita Recruiter', employee_id: '456DEF' },
  },
  'GET v1/jobs/323753': {
    id: 323753,
    name: 'Developer',
    requisition_id: 'REQ-1',
    departments: [{ id: 7, name: 'Technology', external_id: 'ex-dept-1' }],
    offices: [{ id: 13, name: 'New York City', location: { name: 'New York, NY' }, external_id: 'ex-office-1' }],
    keyed_custom_fields: { employment_type: { name: 'Employment Type', type: 'single_select', value: 'Full-time' } },
  },
  'GET v1/applications/777/offers/current_offer': {
    id: 999,
    version: 1,
    application_id: 777,
    status: 'accepted',
    starts_at: '2026-12-01',
    resolved_at: '2026-11-02T10:00:00Z',
    opening: { opening_id: 'OP-1' },
    keyed_custom_fields: { salary: { name: 'Salary', type: 'currency', value: { amount: 120000, unit: 'USD' } } },
  },
});
