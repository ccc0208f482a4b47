import type { NodeAPI, Node, NodeDef } from 'node-red';
import type { Request, Response } from 'express';
import { createShell } from '../shared/shell';
import { compileJsonataMapping, type CompiledMapping } from '../../lib/mapping/jsonataMapping';
import { sampleHire } from '../../lib/mapping/sampleHire';
import { startingMappings, type MappingTarget } from '../../lib/mapping/startingMappings';
import { transformFunctions } from '../../lib/transform/functions';
import { redact } from '../../lib/http/redact';
import { toHrError } from '../../lib/errors';

interface MapperDef extends NodeDef {
  target: string;
  expression: string;
}

/** Secret fields of the canonical record, masked before a sample ever leaves the runtime. */
const SAMPLE_SECRET_PATHS = ['nationalId.value', 'dateOfBirth', 'bankAccount'];

export = (RED: NodeAPI) => {
  /** The last canonical record each mapper saw, already redacted, for the editor's preview. */
  const lastSamples = new Map<string, unknown>();

  function HrMapper(this: Node, def: MapperDef) {
    RED.nodes.createNode(this, def);
    const shell = createShell(RED, this);
    let mapping: CompiledMapping | null = null;
    try {
      mapping = compileJsonataMapping(def.expression ?? '', transformFunctions);
      shell.status('idle', 'hr-mapper.status.ready');
    } catch (err) {
      shell.refuse(toHrError(err));
    }
    let count = 0;
    shell.own(() => void lastSamples.delete(this.id));

    shell.onInput(async (msg) => {
      lastSamples.set(this.id, redact(msg.payload, { paths: SAMPLE_SECRET_PATHS }));
      const record = await mapping!.map(msg.payload);
      // The canonical record stays on the message so later nodes (validator, writer) can compare against it.
      (msg as { canonical?: unknown }).canonical = msg.payload;
      msg.payload = record;
      count += 1;
      shell.status('ok', 'hr-mapper.status.mapped', { count });
      return msg;
    });
  }
  RED.nodes.registerType('hr-mapper', HrMapper);

  RED.httpAdmin.get('/hr-mapper/starting/:target', RED.auth.needsPermission('hr-mapper.read'), (req: Request, res: Response) => {
    const target = req.params.target as MappingTarget;
    if (!Object.hasOwn(startingMappings, target)) return void res.status(404).json({ error: `no starting mapping for "${target}"` });
    res.json({ target, expression: startingMappings[target] });
  });

  // "Try it" in the edit dialog: runs an expression that has not been deployed yet on a sample.
  RED.httpAdmin.post('/hr-mapper/preview', RED.auth.needsPermission('hr-mapper.write'), (req: Request, res: Response) => {
    void (async () => {
      const body = (req.body ?? {}) as { expression?: unknown; sample?: unknown; node?: unknown };
      const source = body.sample !== undefined ? 'pasted' : typeof body.node === 'string' && lastSamples.has(body.node) ? 'last' : 'example';
      const sample = source === 'pasted' ? body.sample : source === 'last' ? lastSamples.get(body.node as string) : sampleHire();
      try {
        const mapping = compileJsonataMapping(typeof body.expression === 'string' ? body.expression : '', transformFunctions);
        res.json({ ok: true, source, sample, result: await mapping.map(sample) });
      } catch (err) {
        const e = toHrError(err);
        res.json({ ok: false, source, sample, error: { code: e.code, message: e.message, details: e.details ?? null } });
      }
    })();
  });
};
