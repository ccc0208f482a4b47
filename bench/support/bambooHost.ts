/**
 * The BambooHR emulator in a process of its own, seeded with synthetic employees, so that a bench's
 * memory and CPU figures are the importer's alone. Started by bambooHrProcess() below.
 */
import { fork } from 'node:child_process';
import { startBambooHr } from '../../sandbox/bamboohr';
import { syntheticPerson } from './people';
import { seededRandom } from './random';

interface SeedCommand {
  employees: number;
  ratePerSecond: number;
  seed: number;
}

export interface BambooHrProcess {
  url: string;
  seedSeconds: number;
  stop(): Promise<void>;
}

export function bambooHrProcess(command: SeedCommand): Promise<BambooHrProcess> {
  const child = fork(__filename, ['--host'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the BambooHR emulator process exited with ${code}`)));
    child.once('message', (ready: { url: string; seedSeconds: number }) => {
      child.removeAllListeners('exit');
      resolve({
        ...ready,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
    child.send(command);
  });
}

async function host(command: SeedCommand): Promise<void> {
  const sandbox = await startBambooHr({
    rateLimit: { perSecond: command.ratePerSecond, burst: Math.max(1, Math.ceil(command.ratePerSecond)) },
  });
  const started = performance.now();
  const random = seededRandom(command.seed);
  for (let i = 0; i < command.employees; i++) {
    const p = syntheticPerson(random, i);
    sandbox.addEmployee({
      firstName: p.first,
      lastName: p.last,
      workEmail: p.workEmail,
      homeEmail: p.personalEmail,
      mobilePhone: p.mobile,
      dateOfBirth: p.dateOfBirth,
      hireDate: '2020-01-01',
      department: 'Engineering',
    });
  }
  const seedSeconds = (performance.now() - started) / 1000;
  process.send?.({ url: sandbox.url, seedSeconds });
  process.once('message', () => void sandbox.stop().then(() => process.exit(0)));
}

if (process.argv[2] === '--host') process.once('message', (command: SeedCommand) => void host(command));
