import { randomInt } from 'node:crypto';
import { leverOfferDefaults } from '../lib/vendors/lever/offer';
import type { SandboxAtsVendor } from './connectionValues';
import type { RuntimeSandbox } from './inRuntime';
import type { LeverOpportunity } from './lever';
import type { SignedDelivery } from './senders/delivery';
import { ashbySender } from './senders/ashby';
import { greenhouseSender } from './senders/greenhouse';
import { leverSender } from './senders/lever';

/** The person a test hire is made of; a new one each time, so a second click is a second person, not a duplicate. */
export interface TestPerson {
  firstName: string;
  lastName: string;
  email: string;
}

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eva', 'Farid', 'Grace', 'Hugo', 'Iris', 'Jonas'];
const LAST = ['Silva', 'Okafor', 'Martin', 'Patel', 'Novak', 'Haddad', 'Kim', 'Berger', 'Costa', 'Lindqvist'];

export function testPerson(): TestPerson {
  const firstName = FIRST[randomInt(FIRST.length)]!;
  const lastName = LAST[randomInt(LAST.length)]!;
  const tag = randomInt(1000, 10000);
  return {
    firstName,
    lastName,
    email: `${firstName.normalize('NFD').replace(/[^A-Za-z]/g, '')}.${lastName}.${tag}@example.com`.toLowerCase(),
  };
}

export interface TestHire {
  person: TestPerson;
  /** The vendor's id of the hire, as the emulator's page shows it. */
  atsId: string;
  delivery: SignedDelivery;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const JOB = { title: 'Payroll Specialist', department: 'People', office: 'New York City' };

/**
 * Seeds a hire in the built-in ATS emulator, as the vendor would hold it, and builds the vendor's
 * signed "candidate hired" web hook for it. Greenhouse, Lever and Ashby have one so far; the others say so.
 */
export function seedTestHire(sandbox: RuntimeSandbox, vendor: SandboxAtsVendor, secret: string): TestHire | null {
  const person = testPerson();
  const startDate = inDays(30);
  switch (vendor) {
    case 'greenhouse': {
      const ids = sandbox.greenhouse.addHire({
        ...person,
        jobName: JOB.title,
        department: JOB.department,
        office: JOB.office,
        startsAt: startDate,
        salary: { amount: 103000, currency: 'USD' },
      });
      const delivery = greenhouseSender({ secret }).hire({
        ...ids,
        ...person,
        phone: '+1 212 555 0142',
        jobName: JOB.title,
        department: JOB.department,
        office: JOB.office,
        salary: 103000,
        currency: 'USD',
        startDate,
      });
      return { person, atsId: String(ids.candidateId), delivery };
    }
    case 'lever': {
      const lever = sandbox.lever;
      const posting = lever.addPosting({
        text: JOB.title,
        department: JOB.department,
        team: 'Payroll',
        location: JOB.office,
        commitment: 'Full-time',
      });
      const opportunityId = lever.addOpportunity({
        name: `${person.firstName} ${person.lastName}`,
        email: person.email,
        location: JOB.office,
      });
      // The identifiers of Lever's standard offer form, which a connection reads unless told otherwise.
      const f = leverOfferDefaults;
      lever.addOffer(opportunityId, {
        posting,
        fields: { [f.startDate]: startDate, [f.pay]: 103000, [f.currency]: 'USD', [f.payPeriod]: 'per-year-salary' },
      });
      const holds = lever.state().holds as { opportunities: LeverOpportunity[] };
      const contactId = holds.opportunities.find((o) => o.id === opportunityId)!.contact;
      return {
        person,
        atsId: opportunityId,
        delivery: leverSender({ secret }).candidateHired({ opportunityId, contactId }),
      };
    }
    case 'ashby': {
      const ashby = sandbox.ashby;
      const name = `${person.firstName} ${person.lastName}`;
      const { candidateId, applicationId } = ashby.addHire({ name, email: person.email, jobTitle: JOB.title });
      const jobId = ashby.addJob({
        title: JOB.title,
        departmentName: JOB.department,
        locationName: 'Berlin',
        employmentType: 'FullTime',
      });
      const delivery = ashbySender({ secret }).candidateHire({
        candidateId,
        applicationId,
        name,
        email: person.email,
        jobId,
        jobTitle: JOB.title,
        startDate,
      });
      // The offer the web hook names, so reading it back finds it.
      const offerId = (JSON.parse(delivery.rawBody.toString('utf8')) as { data: { offer: { id: string } } }).data.offer
        .id;
      ashby.addOffer({ id: offerId, applicationId, startDate, salary: { value: 70000, currencyCode: 'EUR' } });
      return { person, atsId: candidateId, delivery };
    }
    default:
      return null;
  }
}
