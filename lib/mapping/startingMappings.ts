/**
 * Starting mappings from the canonical hire event (lib/model HireEvent) to each target's employee
 * record in JSONata, for the mapper's whole-record mode. startingTables.ts holds the same mappings as
 * tables (the default mode), and a test proves both give the same record. Field names follow
 * docs/vendors/bamboohr.md (note `paidPer`, not `payPer`; homePhone, workPhone, homeEmail), hibob.md
 * (firstName, surname, email, work.site, work.startDate are required; home.privateEmail,
 * home.mobilePhone, home.privatePhone, work.workPhone) and personio.md (v2 persons with one employment).
 */
import { BAMBOOHR_PAID_PER } from './startingTables';

export type MappingTarget = 'bamboohr' | 'hibob' | 'personio' | 'generic';

const bamboohr = `(
  $work := person.emails[type = "work"][0].address;
  {
    "firstName": person.legalName.first,
    "middleName": person.legalName.middle,
    "lastName": person.legalName.last,
    "preferredName": person.preferredName,
    "workEmail": $work,
    "homeEmail": person.emails[type != "work"][0].address,
    "mobilePhone": person.phones[type = "mobile"][0].number,
    "homePhone": person.phones[type = "home"][0].number,
    "workPhone": person.phones[type = "work"][0].number,
    "jobTitle": offer.title,
    "department": offer.department ? offer.department : job.department.name,
    "location": offer.location ? offer.location : job.office.name,
    "hireDate": offer.startDate,
    "payRate": offer.compensation.amount & " " & offer.compensation.currency,
    "paidPer": $translate(offer.compensation.period, ${JSON.stringify(BAMBOOHR_PAID_PER)})
  }
)`;

const hibob = `(
  $home := {
    "privateEmail": person.emails[type = "personal"][0].address,
    "mobilePhone": person.phones[type = "mobile"][0].number,
    "privatePhone": person.phones[type = "home"][0].number
  };
  {
    "firstName": person.legalName.first,
    "surname": person.legalName.last,
    "email": person.emails[type = "work"][0].address,
    "home": $count($keys($home)) ? $home,
    "work": {
      "workPhone": person.phones[type = "work"][0].number,
      "title": offer.title,
      "department": offer.department ? offer.department : job.department.name,
      "site": offer.location ? offer.location : job.office.name,
      "startDate": offer.startDate
    }
  }
)`;

const personio = `{
  "email": person.emails[type = "work"][0].address,
  "first_name": person.legalName.first,
  "last_name": person.legalName.last,
  "preferred_name": person.preferredName,
  "employments": [{
    "position": { "title": offer.title },
    "status": "ONBOARDING",
    "employment_start_date": offer.startDate,
    "type": offer.employmentType in ["contractor", "freelance"] ? "EXTERNAL" : "INTERNAL"
  }]
}`;

const generic = `{
  "firstName": person.legalName.first,
  "lastName": person.legalName.last,
  "workEmail": person.emails[type = "work"][0].address,
  "personalEmail": person.emails[type != "work"][0].address,
  "mobilePhone": person.phones[type = "mobile"][0].number,
  "homePhone": person.phones[type = "home"][0].number,
  "workPhone": person.phones[type = "work"][0].number,
  "jobTitle": offer.title,
  "department": offer.department ? offer.department : job.department.name,
  "startDate": offer.startDate,
  "compensation": offer.compensation
}`;

export const startingMappings: Record<MappingTarget, string> = { bamboohr, hibob, personio, generic };
