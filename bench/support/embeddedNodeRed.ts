/**
 * A real Node-RED runtime for benchmarks, embedded (`require('node-red')`, RED.init/start) in a child
 * process of its own, so that a load generator in the bench process does not share its event loop.
 * The parent deploys one flow, then asks for sink counts or times messages injected at a node.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type FlowNode = Record<string, unknown> & { id: string; type: string };

export interface StartCommand {
  cmd: 'start';
  /** Node sets of this package to load, as laid out by the build (nodes/<set>/<set>.js). */
  sets: string[];
  flow: FlowNode[];
  credentials: Record<string, Record<string, string>>;
  userDir: string;
}
export interface TimeCommand {
  cmd: 'time';
  /** The node each message is handed to, as if the node before it had sent it. */
  head: string;
  messages: unknown[];
  /** A message that reaches no sink within this is counted as lost. */
  limitMs: number;
}
export type HostCommand = StartCommand | TimeCommand | { cmd: 'counts' } | { cmd: 'stop' };

export interface Timed {
  samplesMs: number[];
  /** Which sink each message reached ("lost" when none did in time). */
  outcomes: Record<string, number>;
  errors: string[];
}

export type HostReply =
  | { ok: true; url?: string; counts?: Record<string, number>; timed?: Timed; errors?: string[] }
  | { ok: false; error: string };

export interface EmbeddedNodeRed {
  /** http://127.0.0.1:<port>: the editor and every http-in and webhook route. */
  url: string;
  counts(): Promise<{ counts: Record<string, number>; errors: string[] }>;
  timeEach(head: string, messages: unknown[], limitMs?: number): Promise<Timed>;
  /** Waits until the sink with this label has counted `n` messages, or the limit passes; returns the count. */
  waitForCount(label: string, n: number, limitMs: number): Promise<number>;
  /** Everything the runtime printed. */
  log(): string;
  stop(): Promise<void>;
}

export interface EmbedOptions {
  sets: string[];
  flow: FlowNode[];
  credentials?: Record<string, Record<string, string>>;
  /** Defaults to a fresh temporary directory, removed on stop. */
  userDir?: string;
}

export async function startEmbeddedNodeRed(options: EmbedOptions): Promise<EmbeddedNodeRed> {
  const ownDir = !options.userDir;
  const userDir = options.userDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hr-bench-nodered-'));
  let output = '';
  const child: ChildProcess = fork(path.join(__dirname, 'nodeRedHost.js'), [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: [],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let queue = Promise.resolve();
  // One command at a time: replies carry no id, so they are matched by order.
  const ask = (command: HostCommand): Promise<HostReply & { ok: true }> => {
    const answer = queue.then(
      () =>
        new Promise<HostReply & { ok: true }>((resolve, reject) => {
          const onExit = () => reject(new Error(`the Node-RED process exited during "${command.cmd}":\n${output}`));
          child.once('exit', onExit);
          child.once('message', (reply: HostReply) => {
            child.off('exit', onExit);
            if (reply.ok) resolve(reply);
            else reject(new Error(`${reply.error}\n--- Node-RED log ---\n${output}`));
          });
          child.send(command);
        }),
    );
    queue = answer.then(
      () => undefined,
      () => undefined,
    );
    return answer;
  };

  const stop = async () => {
    if (child.exitCode === null && child.connected) {
      await ask({ cmd: 'stop' }).catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir) fs.rmSync(userDir, { recursive: true, force: true });
  };

  try {
    const ready = await ask({
      cmd: 'start',
      sets: options.sets,
      flow: options.flow,
      credentials: options.credentials ?? {},
      userDir,
    });
    const counts = async () => {
      const reply = await ask({ cmd: 'counts' });
      return { counts: reply.counts ?? {}, errors: reply.errors ?? [] };
    };
    return {
      url: ready.url ?? '',
      counts,
      async timeEach(head, messages, limitMs = 30_000) {
        const reply = await ask({ cmd: 'time', head, messages, limitMs });
        return reply.timed as Timed;
      },
      async waitForCount(label, n, limitMs) {
        const deadline = Date.now() + limitMs;
        for (;;) {
          const seen = (await counts()).counts[label] ?? 0;
          if (seen >= n || Date.now() > deadline) return seen;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
      log: () => output,
      stop,
    };
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    if (ownDir) fs.rmSync(userDir, { recursive: true, force: true });
    throw err;
  }
}
