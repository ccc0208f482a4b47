/** Puts people into the identity store the way identity resolution finds them: record, links, blocking keys, names, comparison record. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matchIndexOf } from '../../lib/dedupe/matchable';
import { openStore, type ExternalLink, type HrStore, type NewPerson, type Person } from '../../lib/store';
import { matchablePerson, personRecord, syntheticPerson, type SyntheticPerson } from './people';
import { seededRandom } from './random';

/** Persons per transaction when filling a store: one commit (one fsync) per batch, not per person. */
export const FILL_BATCH = 1_000;

export function personInit(person: SyntheticPerson, links: ExternalLink[]): NewPerson {
  return { record: personRecord(person), links, ...matchIndexOf(matchablePerson(person, links)) };
}

/** One person, one transaction: how the dedupe node creates a new person. */
export function addPerson(store: HrStore, person: SyntheticPerson, links: ExternalLink[]): Promise<Person> {
  return store.createPerson(personInit(person, links));
}

/**
 * A store file of `size` people linked to Greenhouse candidates c<i>, filled in batches on a RAM disk
 * where there is one, then moved to `file`.
 */
export async function filledStore(
  file: string,
  size: number,
  seed: number,
): Promise<{ people: SyntheticPerson[]; seconds: number }> {
  const scratch = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'hr-bench-fill-'));
  const started = performance.now();
  const random = seededRandom(seed);
  const people: SyntheticPerson[] = [];
  try {
    const store = await openStore({ file: path.join(scratch, 'fill.db') });
    for (let start = 0; start < size; start += FILL_BATCH) {
      const batch: NewPerson[] = [];
      for (let i = start; i < Math.min(size, start + FILL_BATCH); i++) {
        const person = syntheticPerson(random, i);
        batch.push(personInit(person, [{ system: 'greenhouse', externalId: `c${i}` }]));
        people.push(person);
      }
      await store.createPersons(batch);
    }
    await store.close();
    for (const name of fs.readdirSync(scratch))
      fs.copyFileSync(path.join(scratch, name), file + name.slice('fill.db'.length));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { people, seconds: (performance.now() - started) / 1000 };
}
