/** What the figures were measured on, so a reader can compare like with like. */
import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  nodeRed: string;
  /** 1-minute load average when the bench started: above ~0.5 means other work shared the cores. */
  loadAverage: number;
}

function cpuModel(): string {
  try {
    return (
      /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ??
      os.cpus()[0]?.model ??
      'unknown'
    );
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export function machine(): Machine {
  let nodeRed = 'not installed';
  try {
    nodeRed = (require('node-red/package.json') as { version: string }).version;
  } catch {
    // Library-level benches run without Node-RED.
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    nodeRed,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
