/**
 * Greenhouse Harvest answers for the reconciliation poll, served by a small local server: the sandbox's
 * Greenhouse emulator does not serve jobs and current offers yet. The other vendors' APIs are their
 * sandbox emulators.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answers = Record<string, unknown>;

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
