/** How every bench reports: a readable block for people, then one JSON line for scripts. */
import { machine } from './machine';

/** The prefix of the one machine-readable line each bench prints last. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : 'n/a');
export const perSecond = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)}/s`;
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
export const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');

export function printHeader(title: string, sizes: Record<string, unknown>): void {
  const m = machine();
  console.log(`\n== ${title}`);
  console.log(
    `   ${m.cpus} cpu (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, node-red ${m.nodeRed}, load average ${m.loadAverage} at start`,
  );
  console.log(
    `   sizes: ${Object.entries(sizes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ')}`,
  );
}

export function printTable(rows: Array<Record<string, string>>): void {
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]) =>
    `   ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`;
  console.log(line(keys));
  for (const r of rows) console.log(line(keys.map((k) => r[k] ?? '')));
}

export function printResult(name: string, result: Record<string, unknown>): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify({ bench: name, machine: machine(), ...result })}`);
}
