import { startAshby } from './ashby';
import { startBambooHr } from './bamboohr';
import { startCheckr } from './checkr';
import { startGreenhouse } from './greenhouse';
import { startHiBob } from './hibob';
import { startLever } from './lever';
import { startPersonio } from './personio';
import { startSlack } from './slack';
import { startSmartRecruiters } from './smartrecruiters';
import { startTeams } from './teams';
import { startWorkable } from './workable';

export type { EmulatorHandle, FaultInput, RateLimit, SandboxState } from './server';

/**
 * Each emulator runs on its own port, as each vendor has its own host: a client's base URL then
 * differs from production only in scheme, host and port (BambooHR also keeps its company path, §4.1).
 */
export const EMULATORS = {
  bamboohr: startBambooHr,
  hibob: startHiBob,
  personio: startPersonio,
  greenhouse: startGreenhouse,
  lever: startLever,
  ashby: startAshby,
  checkr: startCheckr,
  slack: startSlack,
  teams: startTeams,
  workable: startWorkable,
  smartrecruiters: startSmartRecruiters,
} as const;

export type EmulatorName = keyof typeof EMULATORS;
type Handles = { [K in EmulatorName]: Awaited<ReturnType<(typeof EMULATORS)[K]>> };
type VendorOptions = { [K in EmulatorName]?: Omit<NonNullable<Parameters<(typeof EMULATORS)[K]>[0]>, 'port'> };

export interface SandboxOptions {
  /** Port per emulator; absent or 0 = any free port. */
  ports?: Partial<Record<EmulatorName, number>>;
  /** Vendor options (credentials, lists, packages, …) per emulator. */
  vendors?: VendorOptions;
}

export type Sandbox = Handles & {
  /** `http://127.0.0.1:<port>` per emulator. */
  urls: Record<EmulatorName, string>;
  /** Back to the start state, every emulator. */
  reset(): void;
  stop(): Promise<void>;
};

const NAMES = Object.keys(EMULATORS) as EmulatorName[];

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = await Promise.allSettled(
    NAMES.map((name) =>
      (EMULATORS[name] as (o: object) => Promise<Handles[EmulatorName]>)({
        ...options.vendors?.[name],
        port: options.ports?.[name] ?? 0,
      }),
    ),
  );
  const handles = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(handles.map((h) => h.stop()));
    throw failed.reason;
  }
  const byName = Object.fromEntries(NAMES.map((name, i) => [name, handles[i]])) as Handles;
  return {
    ...byName,
    urls: Object.fromEntries(NAMES.map((name) => [name, byName[name].url])) as Record<EmulatorName, string>,
    reset: () => handles.forEach((h) => h.reset()),
    stop: async () => void (await Promise.all(handles.map((h) => h.stop()))),
  };
}
