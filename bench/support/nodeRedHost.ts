/**
 * The child process behind embeddedNodeRed.ts: embeds Node-RED the documented way (RED.init on our own
 * HTTP server, the editor and http-in routes mounted at "/" as a default install has them), loads only
 * the requested node sets plus the counting sink, deploys the flow, and answers the parent's commands.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import type { HostCommand, HostReply, StartCommand, Timed, TimeCommand } from './embeddedNodeRed';
import { sinkHub, type Arrival } from './sinkHub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RED = require('node-red') as {
  init(server: http.Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  httpAdmin: express.Express;
  httpNode: express.Express;
  nodes: { getNode(id: string): { receive(msg: unknown): void } | null };
  runtime: {
    flows: {
      setFlows(opts: { flows: { flows: unknown[]; credentials: unknown }; deploymentType: string }): Promise<unknown>;
    };
  };
};

/** The compiled nodes/ folder of the build this file belongs to (<dist>/bench/support → <dist>/nodes). */
const BUILT_NODES = path.resolve(__dirname, '..', '..', 'nodes');

const START_LIMIT_MS = 30_000;

const SINK_HTML = `<script type="text/javascript">
RED.nodes.registerType('bench-sink', { category: 'common', color: '#ddd', defaults: { name: { value: '' }, counter: { value: '' } }, inputs: 1, outputs: 0 });
</script>
`;

let server: http.Server | null = null;

/** A nodes directory holding only the wanted sets (as links to the build) and the sink. */
function nodesDirFor(userDir: string, sets: string[]): string {
  const dir = path.join(userDir, 'bench-nodes');
  fs.mkdirSync(dir, { recursive: true });
  for (const set of sets) {
    const built = path.join(BUILT_NODES, set);
    if (!fs.existsSync(path.join(built, `${set}.js`))) throw new Error(`node set ${set} is not built (${built})`);
    fs.symlinkSync(built, path.join(dir, set), 'dir');
  }
  const sink = path.join(dir, 'bench-sink');
  fs.mkdirSync(sink);
  fs.writeFileSync(
    path.join(sink, 'bench-sink.js'),
    `module.exports = require(${JSON.stringify(require.resolve('./countingSink'))});\n`,
  );
  fs.writeFileSync(path.join(sink, 'bench-sink.html'), SINK_HTML);
  return dir;
}

async function start(command: StartCommand): Promise<HostReply> {
  const app = express();
  server = http.createServer(app);
  RED.init(server, {
    userDir: command.userDir,
    flowFile: 'flows.json',
    nodesDir: [nodesDirFor(command.userDir, command.sets)],
    httpAdminRoot: '/',
    httpNodeRoot: '/',
    credentialSecret: false,
    logging: { console: { level: 'info', metrics: false, audit: false } },
    diagnostics: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    editorTheme: { tours: false, projects: { enabled: false } },
  });
  app.use('/', RED.httpAdmin);
  app.use('/', RED.httpNode);
  await new Promise<void>((resolve, reject) => {
    server!.once('error', reject);
    server!.listen(0, '127.0.0.1', resolve);
  });
  await RED.start();
  await RED.runtime.flows.setFlows({
    flows: { flows: command.flow, credentials: command.credentials },
    deploymentType: 'full',
  });
  // A deploy answers once the flows are saved; they start right after (or never, if a type is missing).
  const deadline = Date.now() + START_LIMIT_MS;
  const missing = () =>
    command.flow.filter((n) => n.type !== 'tab' && !RED.nodes.getNode(n.id)).map((n) => `${n.id} (${n.type})`);
  while (missing().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (missing().length) throw new Error(`these nodes did not start: ${missing().join(', ')}`);
  return { ok: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function timeEach(command: TimeCommand): Promise<HostReply> {
  const head = RED.nodes.getNode(command.head);
  if (!head) throw new Error(`no node ${command.head}`);
  const timed: Timed = { samplesMs: [], outcomes: {}, errors: [] };
  for (const message of command.messages) {
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<Arrival | null>((resolve) => {
      sinkHub.waiter = resolve;
      timer = setTimeout(() => resolve(null), command.limitMs);
    });
    const started = performance.now();
    head.receive(message);
    const arrival = await arrived;
    const elapsed = performance.now() - started;
    clearTimeout(timer);
    const label = arrival?.label ?? 'lost';
    timed.outcomes[label] = (timed.outcomes[label] ?? 0) + 1;
    if (arrival) timed.samplesMs.push(elapsed);
    if (arrival?.error && timed.errors.length < 10) timed.errors.push(arrival.error);
  }
  sinkHub.waiter = null;
  return { ok: true, timed };
}

async function handle(command: HostCommand): Promise<HostReply> {
  switch (command.cmd) {
    case 'start':
      return start(command);
    case 'time':
      return timeEach(command);
    case 'counts':
      return { ok: true, counts: Object.fromEntries(sinkHub.counts), errors: [...sinkHub.errors] };
    case 'stop':
      await RED.stop();
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      return { ok: true };
  }
}

process.on('message', (command: HostCommand) => {
  handle(command).then(
    // Once stopped, nothing here is worth waiting for: leave as soon as the parent has the answer.
    (reply) => process.send?.(reply, () => command.cmd === 'stop' && process.exit(0)),
    (err: unknown) =>
      process.send?.({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
