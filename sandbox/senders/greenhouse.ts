import { randomUUID } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { hmacDigest, type SenderOptions } from './signing';

export interface GreenhouseHireFields {
  applicationId: number;
  candidateId: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  jobId: number;
  jobName: string;
  department: string;
  office: string;
  /** The office's location text, as Greenhouse writes it ("New York, NY"). */
  officeLocation: string;
  offerId: number;
  /** YYYY-MM-DD, as `offer.starts_at` carries it. */
  startDate: string;
  salary: number;
  currency: string;
}

const hireDefaults: GreenhouseHireFields = {
  applicationId: 46194062,
  candidateId: 35897443,
  firstName: 'Johnny',
  lastName: 'Smith',
  email: 'personal@example.com',
  phone: '518-555-1212',
  jobId: 323753,
  jobName: 'Developer',
  department: 'Technology',
  office: 'New York City',
  officeLocation: 'New York, NY',
  offerId: 506409,
  startDate: '2015-01-23',
  salary: 80000,
  currency: 'USD',
};

/**
 * The `hire_candidate` payload with every field of Greenhouse's documented example ("Candidate hired",
 * docs/vendors/greenhouse.md); the person, job, offer and pay come from `overrides`, the rest is the
 * example's own values. The example's second e-mail address and phone are left out: one of each is
 * enough for a hire and keeps the person what the test names.
 */
export function hireCandidatePayload(overrides: Partial<GreenhouseHireFields> = {}): unknown {
  const f = { ...hireDefaults, ...overrides };
  const user = (id: number, email: string, name: string, employeeId: string) => ({
    id,
    email,
    name,
    employee_id: employeeId,
  });
  const departments = [{ id: 7, name: f.department, external_id: 'ex-dept-1' }];
  const offices = [{ id: 13, name: f.office, location: f.officeLocation, external_id: 'ex-office-1' }];
  const jobFields = { employment_type: { name: 'Employment Type', type: 'single_select', value: 'Full-time' } };
  return {
    action: 'hire_candidate',
    payload: {
      application: {
        id: f.applicationId,
        status: 'hired',
        opening: { opening_id: '1234-56', custom_fields: [] },
        credited_to: user(158104, 'bob_johnson1@localhost.com', 'Robert Johnson', '123ABC'),
        source: { id: 25, public_name: 'Monster' },
        url: `https://app.greenhouse.io/people/${f.candidateId}?application_id=${f.applicationId}`,
        candidate: {
          id: f.candidateId,
          first_name: f.firstName,
          last_name: f.lastName,
          title: 'Previous Title',
          external_id: null,
          url: `https://app.greenhouse.io/people/${f.candidateId}`,
          is_private: false,
          can_email: true,
          phone_numbers: [{ value: f.phone, type: 'mobile' }],
          email_addresses: [{ value: f.email, type: 'personal' }],
          addresses: [{ value: '455 Broadway New York, NY 10280', type: 'home' }],
          educations: [
            {
              school_name: 'Harvard University',
              degree: "Bachelor's Degree",
              discipline: 'Information Systems',
              start_date: '01/01/2012',
              end_date: '01/01/2016',
            },
          ],
          employments: [
            { company_name: 'Greenhouse', title: 'Engineer', start_date: '01/01/2012', end_date: '01/01/2016' },
          ],
          recruiter: user(55, 'bob_johnson@localhost.com', 'Bob Johnson', '456DEF'),
          coordinator: user(56, 'bob_johnson_approver1@localhost.com', 'Robert J Approver', '789GHI'),
          attachments: [],
          custom_fields: {},
        },
        // Deprecated in the docs in favour of `jobs`, and still sent.
        job: {
          id: f.jobId,
          name: f.jobName,
          open_date: '2014-11-20T22:49:14Z',
          close_date: null,
          requisition_id: null,
          departments,
          offices,
          custom_fields: jobFields,
        },
        jobs: [
          {
            id: f.jobId,
            name: f.jobName,
            requisition_id: null,
            confidential: false,
            opened_at: '2014-11-20T22:49:14Z',
            closed_at: null,
            departments,
            offices,
            custom_fields: jobFields,
          },
        ],
        custom_fields: {},
        offer: {
          id: f.offerId,
          version: 1,
          created_at: '2014-11-20T22:49:14Z',
          sent_at: '2014-11-10',
          resolved_at: '2014-11-20T22:49:14Z',
          starts_at: f.startDate,
          custom_fields: {
            salary: { name: 'Salary', type: 'currency', value: { amount: f.salary, unit: f.currency } },
          },
        },
      },
    },
  };
}

/** The `update_candidate` payload: the candidate alone, with no application ("Candidate/Prospect updated"). */
export function updateCandidatePayload(
  overrides: Partial<Pick<GreenhouseHireFields, 'candidateId' | 'firstName' | 'lastName' | 'email' | 'phone'>> = {},
): unknown {
  const f = { ...hireDefaults, ...overrides };
  return {
    action: 'update_candidate',
    payload: {
      candidate: {
        id: f.candidateId,
        first_name: f.firstName,
        last_name: f.lastName,
        title: 'Previous Title',
        company: null,
        created_at: '2016-08-23T17:51:27Z',
        external_id: null,
        photo_url: null,
        url: `https://app.greenhouse.io/people/${f.candidateId}`,
        phone_numbers: [{ value: f.phone, type: 'mobile' }],
        email_addresses: [{ value: f.email, type: 'personal' }],
        addresses: [],
        website_addresses: [],
        social_media_addresses: [],
        educations: [],
        employments: [],
        recruiter: null,
        coordinator: null,
        attachments: [],
        tags: [],
        custom_fields: {},
      },
    },
  };
}

export interface GreenhouseOfferFields {
  offerId: number;
  applicationId: number;
  jobId: number;
  version: number;
  /** YYYY-MM-DD here; the offer webhook sends it as MM/DD/YYYY. */
  startDate: string;
  status: 'Created' | 'Accepted' | 'Rejected' | 'Deprecated';
}

const offerDefaults: GreenhouseOfferFields = {
  offerId: 506409,
  applicationId: 46194062,
  jobId: 323753,
  version: 1,
  startDate: '2013-04-15',
  status: 'Created',
};

const usDate = (isoDate: string): string => {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
};

/** The flat `offer_created` payload, with its MM/DD/YYYY `start_date` (docs/vendors/greenhouse.md). */
export function offerCreatedPayload(overrides: Partial<GreenhouseOfferFields> = {}): unknown {
  const f = { ...offerDefaults, ...overrides };
  return {
    action: 'offer_created',
    payload: {
      id: f.offerId,
      application_id: f.applicationId,
      job_id: f.jobId,
      user_id: 158104,
      version: f.version,
      sent_on: null,
      resolved_at: null,
      start_date: usDate(f.startDate),
      notes: null,
      offer_status: f.status,
      custom_fields: {},
    },
  };
}

/**
 * JSON the way Greenhouse writes it before signing (docs/vendors/greenhouse.md): every non-ASCII character and
 * `<`, `>`, `&` as a \uXXXX escape. Those characters only occur inside JSON strings, so replacing them in
 * the serialised text is safe.
 */
export function greenhouseJson(payload: unknown): Buffer {
  const escaped = JSON.stringify(payload).replace(
    /[\u007f-\uffff<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return Buffer.from(escaped, 'utf8');
}

export function greenhouseSender(options: SenderOptions) {
  const signed = (payload: unknown, eventId: string = randomUUID()): SignedDelivery => {
    const rawBody = greenhouseJson(payload);
    return {
      rawBody,
      headers: {
        'Content-Type': 'application/json',
        'Greenhouse-Event-ID': eventId,
        Signature: `sha256 ${hmacDigest('sha256', options.secret, rawBody)}`,
      },
    };
  };
  return {
    hire: (fields?: Partial<GreenhouseHireFields>) => signed(hireCandidatePayload(fields)),
    offerCreated: (fields?: Partial<GreenhouseOfferFields>) => signed(offerCreatedPayload(fields)),
    updateCandidate: (fields?: Parameters<typeof updateCandidatePayload>[0]) => signed(updateCandidatePayload(fields)),
    signed,
  };
}
