/** Puts people into the identity store the way identity resolution finds them: record, links, blocking keys, names. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blockingKeys } from '../../lib/match';
import { openStore, type ExternalLink, type HrStore, type Person } from '../../lib/store';
import { matchablePerson, personRecord, storedNames, type SyntheticPerson } from './people';
import { seededRandom } from './random';
import { syntheticPerson } from './people';

export function addPerson(store: HrStore, person: SyntheticPerson, links: ExternalLink[]): Promise<Person> {
  return store.createPerson({ record: personRecord(person), links, blockingKeys: blockingKeys(matchablePerson(person, links)), names: storedNames(person) });
}

/**
 * A store file of `size` people linked to Greenhouse candidates c<i>. Filled on a RAM disk where there
 * is one (one transaction per person would otherwise wait on one fsync each, which is not what is
 * measured), then moved to `file`.
 */
export async function filledStore(file: string, size: number, seed: number): Promise<{ people: SyntheticPerson[]; seconds: number }> {
  const scratch = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'hr-bench-fill-'));
  const started = performance.now();
  const random = seededRandom(seed);
  const people: SyntheticPerson[] = [];
  try {
    const store = await openStore({ file: path.join(scratch, 'fill.db') });
    for (let i = 0; i < size; i++) {
      const person = syntheticPerson(random, i);
      await addPerson(store, person, [{ system: 'greenhouse', externalId: `c${i}` }]);
      people.push(person);
    }
    await store.close();
    for (const name of fs.readdirSync(scratch)) fs.copyFileSync(path.join(scratch, name), file + name.slice('fill.db'.length));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { people, seconds: (performance.now() - started) / 1000 };
}
