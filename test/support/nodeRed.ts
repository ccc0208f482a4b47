/** Node tests run the compiled nodes inside node-red-node-test-helper's runtime. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, after, afterEach } from 'node:test';
import helper from 'node-red-node-test-helper';
import type { Node, NodeMessage } from 'node-red';

helper.init(require.resolve('node-red'));

export { helper };

export type FlowNode = Record<string, unknown> & { id: string; type: string };

/** Resolves with the next message a (helper) node receives; rejects if none comes within the limit. */
export function nextMessage<T = NodeMessage & Record<string, unknown>>(node: Node, limitMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message reached ${node.id} within ${limitMs} ms`)), limitMs);
    node.once('input', (msg: unknown) => {
      clearTimeout(timer);
      resolve(msg as T);
    });
  });
}

/** Collects every message a helper node receives, for asserting that something was NOT sent. */
export function collect(node: Node): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  node.on('input', (msg: unknown) => seen.push(msg as Record<string, unknown>));
  return seen;
}

/** Lets pending I/O and timers run once, so "nothing arrived" assertions see the node's reaction. */
export const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The usual life of a node test file: the helper's server for the whole file, a flow unloaded after
 * each test, and a temporary folder (for store files) removed at the end.
 */
export function useHelperWithTempDir(prefix: string): { dir: () => string; storeFile: () => string } {
  let dir = '';
  let files = 0;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    await helper.startServer();
  });
  after(async () => {
    await helper.stopServer();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => helper.unload());
  return { dir: () => dir, storeFile: () => path.join(dir, `store-${++files}.db`) };
}
