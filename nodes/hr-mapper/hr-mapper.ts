import type { NodeAPI, Node, NodeDef } from 'node-red';
import { createShell } from '../shared/shell';
import { compileJsonataMapping, type CompiledMapping } from '../../lib/mapping/jsonataMapping';
import { toHrError } from '../../lib/errors';

interface MapperDef extends NodeDef {
  target: string;
  expression: string;
}

export = (RED: NodeAPI) => {
  function HrMapper(this: Node, def: MapperDef) {
    RED.nodes.createNode(this, def);
    const shell = createShell(RED, this);
    let mapping: CompiledMapping | null = null;
    try {
      mapping = compileJsonataMapping(def.expression ?? '');
      shell.status('idle', 'hr-mapper.status.ready');
    } catch (err) {
      shell.refuse(toHrError(err));
    }
    let count = 0;

    shell.onInput(async (msg) => {
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
};
