// The shipped BambooHR mapping three ways, in one run on the same hires: the compiled table, a
// hand-written TypeScript function doing the same mapping, and the JSONata version. Reports
// mappings/second and ratios; targets: table ≥ 100,000/s and within 5× of the hand-written one.
//   node dist/bench/mapper.js [seconds per contender = 2]
import assert from 'node:assert/strict';
import { compileJsonataMapping } from '../lib/mapping/jsonataMapping';
import { compileTable } from '../lib/mapping/compileTable';
import { sampleHire } from '../lib/mapping/sampleHire';
import { startingMappings } from '../lib/mapping/startingMappings';
import { startingTables } from '../lib/mapping/startingTables';
import { BAMBOOHR_PAID_PER } from '../lib/vendors/bamboohr/payPeriods';
import type { HireEvent } from '../lib/model/hireEvent';
import { transformFunctions } from '../lib/transform/functions';
import { compileTranslation } from '../lib/transform/translation';

const SECONDS = Number(process.argv[2] ?? 2);

/** Varied hires, so no contender is measured on one object shape it has specialised for. */
function hires(): HireEvent[] {
  const names = [
    ['Ana', 'Silva'],
    ['Zoë', 'Ñúñez'],
    ['Łukasz', 'Wójcik'],
    ['太郎', '山田'],
  ];
  return names.flatMap(([first, last], i) => {
    const hire = sampleHire({ eventId: `bench-${i}` });
    hire.person.legalName = i % 2 ? { first, middle: 'Maria', last } : { first, last };
    if (i === 3) {
      delete hire.offer.department;
      delete hire.offer.location;
      hire.person.phones = [];
    }
    hire.offer.compensation = { amount: `${90000 + i}.00`, currency: 'USD', period: i === 2 ? 'month' : 'year' };
    return [hire];
  });
}

const paidPer = compileTranslation(BAMBOOHR_PAID_PER);

/** What a developer would write by hand for the BambooHR mapping, with the same missing-value rules. */
function handWritten(hire: HireEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { person, offer, job } = hire;
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') out[key] = value;
  };
  set('firstName', person.legalName.first);
  set('middleName', person.legalName.middle);
  set('lastName', person.legalName.last);
  set('preferredName', person.preferredName);
  set('workEmail', person.emails.find((e) => e.type === 'work')?.address);
  set('homeEmail', person.emails.find((e) => e.type !== 'work')?.address);
  set('mobilePhone', person.phones.find((p) => p.type === 'mobile')?.number);
  set('jobTitle', offer.title);
  set('department', offer.department || job.department?.name);
  set('location', offer.location || job.office?.name);
  set('hireDate', offer.startDate);
  set('payRate', `${offer.compensation.amount} ${offer.compensation.currency}`);
  set('paidPer', paidPer(offer.compensation.period));
  return out;
}

function measureSync(name: string, fn: (hire: HireEvent) => unknown, inputs: HireEvent[]): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += Object.keys(fn(inputs[i % inputs.length]) as object).length;
  let count = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() < until) {
    for (let i = 0; i < 1000; i++) sink += Object.keys(fn(inputs[i % inputs.length]) as object).length;
    count += 1000;
  }
  const rate = count / (Number(process.hrtime.bigint() - started) / 1e9);
  if (sink < 0) console.log(name);
  return rate;
}

async function measureAsync(fn: (hire: HireEvent) => Promise<unknown>, inputs: HireEvent[]): Promise<number> {
  for (let i = 0; i < 500; i++) await fn(inputs[i % inputs.length]);
  let count = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() < until) {
    for (let i = 0; i < 100; i++) await fn(inputs[i % inputs.length]);
    count += 100;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main() {
  const inputs = hires();
  const table = compileTable(startingTables.bamboohr);
  const jsonataMapping = compileJsonataMapping(startingMappings.bamboohr, transformFunctions);
  const mapTable = table.mapSync!;
  for (const hire of inputs) {
    const expected = await jsonataMapping.map(hire);
    assert.deepEqual(mapTable(hire), expected, 'the table maps like the JSONata version');
    assert.deepEqual(handWritten(hire), expected, 'the hand-written function maps like the JSONata version');
  }

  const hand = measureSync('hand', handWritten, inputs);
  const compiled = measureSync('table', mapTable, inputs);
  const compiledAsync = await measureAsync((hire) => table.map(hire), inputs);
  const viaJsonata = await measureAsync((hire) => jsonataMapping.map(hire), inputs);

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
  console.log(`BambooHR starting mapping, ${inputs.length} varied hires, ${SECONDS} s each, Node ${process.version}`);
  console.log(`  hand-written TypeScript   ${fmt(hand)} mappings/s`);
  console.log(
    `  table, compiled           ${fmt(compiled)} mappings/s   hand-written ÷ table = ${(hand / compiled).toFixed(2)}`,
  );
  console.log(
    `  table, awaited map()      ${fmt(compiledAsync)} mappings/s   (as the node calls it, one promise per record)`,
  );
  console.log(
    `  JSONata                   ${fmt(viaJsonata)} mappings/s   table is ${(compiled / viaJsonata).toFixed(0)}× faster`,
  );
  const ok = compiled >= 100_000 && hand / compiled <= 5;
  console.log(`targets (table ≥ 100,000/s, within 5× of hand-written): ${ok ? 'met' : 'NOT met'}`);
  process.exitCode = ok ? 0 : 1;
}

void main();
