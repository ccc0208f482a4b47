import type http from 'node:http';
import { createAshby } from './ashby';
import { createBambooHr } from './bamboohr';
import { createCheckr } from './checkr';
import { createGreenhouse } from './greenhouse';
import { createHiBob } from './hibob';
import type { EmulatorName } from './index';
import { createLever } from './lever';
import { createPersonio } from './personio';
import { createEmulatorCore, type EmulatorCore } from './server';
import { createSlack } from './slack';
import { createSmartRecruiters } from './smartrecruiters';
import { createTeams } from './teams';
import { createWorkable } from './workable';

const CREATORS = {
  bamboohr: createBambooHr,
  hibob: createHiBob,
  personio: createPersonio,
  greenhouse: createGreenhouse,
  lever: createLever,
  ashby: createAshby,
  checkr: createCheckr,
  slack: createSlack,
  teams: createTeams,
  workable: createWorkable,
  smartrecruiters: createSmartRecruiters,
} satisfies Record<EmulatorName, (options?: never) => unknown>;

type Helpers<K extends EmulatorName> = ReturnType<(typeof CREATORS)[K]>['helpers'];
export type MountedEmulator<K extends EmulatorName> = EmulatorCore & Helpers<K> & { readonly url: string };
export type RuntimeSandbox = { [K in EmulatorName]: MountedEmulator<K> } & {
  /** Where the emulators are served, e.g. `http://127.0.0.1:1880/hr-sandbox`. */
  readonly root: string;
};

/** What the sandbox needs of a host's HTTP app: an Express `use`, which strips the mount path from req.url. */
export interface HostApp {
  use(path: string, handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): unknown;
}

export const SANDBOX_PATH = 'hr-sandbox';

/**
 * Serves every emulator under `<root>/<vendor>` of a server that is already running (Node-RED's own
 * HTTP server, for the palette user who has no clone to run the standalone sandbox from). Each vendor
 * keeps its own path root, as it keeps its own host when run standalone, so a connection's base URL is
 * the only difference from the vendor's production address.
 */
export function mountSandbox(app: HostApp, root: string): RuntimeSandbox {
  const mounted: Record<string, unknown> = { root };
  for (const name of Object.keys(CREATORS) as EmulatorName[]) {
    const { definition, helpers } = (
      CREATORS[name] as (o?: object) => { definition: Parameters<typeof createEmulatorCore>[0]; helpers: object }
    )();
    const core = createEmulatorCore(definition);
    app.use(`/${SANDBOX_PATH}/${name}`, (req, res) => core.handle(req, res));
    mounted[name] = Object.assign(core, helpers, { url: `${root}/${name}` });
  }
  return mounted as RuntimeSandbox;
}
