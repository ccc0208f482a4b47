import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import type { HrStore } from '../../lib/store/types';
import { opaque } from '../../lib/privacy/opaque';
import type { Writer } from '../../lib/writer/worker';
import { getWithPersonal } from '../common/personalData';
import { actorOf, answering, failWith } from '../common/adminRoutes';

export interface RegisteredWriter {
  nodeId: string;
  store: HrStore;
  writer: Writer;
}

const fail = failWith({ 'store.outbox_not_found': 404, 'store.outbox_state': 409, 'hris.no_writer': 404 });

/**
 * Admin endpoints over the dead letters of every running writer. Each writer lists its own; one
 * left from before writers owned their entries is listed once per store. Payloads are masked by the writer.
 */
export function registerDeadLetterRoutes(RED: NodeAPI, writers: Map<string, RegisteredWriter>): void {
  const pick = (req: Request): RegisteredWriter => {
    const asked = typeof req.query.node === 'string' ? req.query.node : undefined;
    const found = asked ? writers.get(asked) : writers.size === 1 ? [...writers.values()][0] : undefined;
    if (!found)
      throw Object.assign(
        new Error(asked ? `No running HRIS writer ${asked}.` : 'Name the HRIS writer with ?node=<id>.'),
        { code: 'hris.no_writer' },
      );
    return found;
  };
  getWithPersonal(RED, '/hr-hris-writer/dead-letters', 'hr-hris-writer.read', (personal) =>
    answering(fail, async (_req: Request, res: Response) => {
      const seen = new Map<HrStore, Set<number>>();
      const all = [];
      for (const w of writers.values()) {
        const listed = seen.get(w.store) ?? new Set<number>();
        seen.set(w.store, listed);
        for (const d of await w.writer.deadLetters()) {
          if (listed.has(d.id)) continue;
          listed.add(d.id);
          const hidden = personal ? null : opaque(d.payload, d.lastError);
          all.push({ node: w.nodeId, ...d, ...(hidden ? { payload: hidden.record, lastError: hidden.text } : {}) });
        }
      }
      res.json({ deadLetters: all });
    }),
  );

  for (const action of ['retry', 'discard'] as const) {
    RED.httpAdmin.post(
      `/hr-hris-writer/dead-letters/:id/${action}`,
      RED.auth.needsPermission('hr-hris-writer.write'),
      answering(fail, async (req: Request, res: Response) => {
        const { writer } = pick(req);
        const id = Number(req.params.id);
        if (action === 'retry') await writer.retryDeadLetter(id, actorOf(req, 'admin'));
        else await writer.discardDeadLetter(id, actorOf(req, 'admin'));
        res.json({ id, [action === 'retry' ? 'retried' : 'discarded']: true });
      }),
    );
  }
}
