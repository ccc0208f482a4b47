#!/usr/bin/env node
// `npm run demo`: with `npm start` running, asks the Greenhouse emulator for a new hire and sends its
// signed "candidate hired" web hook to the Hire to HRIS example, then says where to see the result.
'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..');
const { greenhouseSender, deliver } = require(path.join(root, 'dist', 'sandbox', 'senders'));

const nodeRed = `http://127.0.0.1:${Number(process.env.PORT || 1880)}`;
const greenhouseUrl = process.env.GREENHOUSE_API_URL || 'http://127.0.0.1:4013';
const bamboohrUrl = (process.env.BAMBOOHR_API_URL || 'http://127.0.0.1:4010').replace(/\/api\/.*$/, '');
const slackUrl = new URL(process.env.SLACK_WEBHOOK_URL || 'http://127.0.0.1:4017/').origin;
const secret = process.env.GREENHOUSE_WEBHOOK_SECRET || 'sandbox-greenhouse-webhook-secret';

const person = { firstName: 'Ana', lastName: 'Silva', email: 'ana.silva@example.com' };

async function main() {
  // The write-back needs the candidate to exist in Greenhouse, as it would for a real hire.
  const seeded = await fetch(`${greenhouseUrl}/_sandbox/hires`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...person, jobName: 'Payroll Specialist' }),
  });
  if (!seeded.ok) throw new Error(`the Greenhouse emulator answered ${seeded.status}; is \`npm start\` running?`);
  const ids = await seeded.json();
  const hire = greenhouseSender({ secret }).hire({
    ...ids,
    ...person,
    jobName: 'Payroll Specialist',
    department: 'People',
    office: 'New York City',
    salary: 103000,
    currency: 'USD',
    startDate: '2026-12-01',
  });
  const answer = await deliver(`${nodeRed}/hr/greenhouse/hires`, hire);
  console.log(
    `Sent a signed Greenhouse hire of ${person.firstName} ${person.lastName} (candidate ${ids.candidateId}) to ${nodeRed}/hr/greenhouse/hires: ${answer.status}`,
  );
  if (answer.status >= 300) {
    console.log(
      'The Hire to HRIS example did not accept it: is it deployed, and does GREENHOUSE_WEBHOOK_SECRET match?',
    );
    process.exitCode = 1;
    return;
  }
  console.log(`\nWhere to look:
  BambooHR emulator  ${bamboohrUrl}/_sandbox/     the new employee and the requests Node-RED made
  Greenhouse         ${greenhouseUrl}/_sandbox/     the employee id written back to candidate ${ids.candidateId}
  Slack              ${slackUrl}/_sandbox/     alerts (none expected for this hire)
  Node-RED editor    ${nodeRed}/                  the "Hire to HRIS" flow and its Debug sidebar`);
}

main().catch((err) => {
  console.error(`demo failed: ${err.message}`);
  process.exit(1);
});
