/** `bench-sink`: counts what reaches it, under its name, and does nothing else (the cheapest possible end of a flow). */
import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { sinkHub } from './sinkHub';

interface SinkDef extends NodeDef {
  counter: string;
}

export = (RED: NodeAPI) => {
  function BenchSink(this: Node, def: SinkDef) {
    RED.nodes.createNode(this, def);
    const label = def.counter || def.id;
    this.on('input', (msg: NodeMessageInFlow, _send: unknown, done: () => void) => {
      const error = (msg as { error?: { message?: unknown; code?: unknown } }).error;
      sinkHub.arrive({
        label,
        ...(error ? { error: `${String(error.code ?? '')} ${String(error.message ?? '')}`.trim() } : {}),
      });
      done();
    });
  }
  RED.nodes.registerType('bench-sink', BenchSink);
};
