import type { SandboxState } from './state';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const pretty = (value: unknown): string => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

/** The read-only page at /_sandbox/: what the emulator holds and what it received, newest first. */
export function statePage(state: SandboxState): string {
  const rows = [...state.received]
    .reverse()
    .map(
      (r) =>
        `<tr><td>${r.seq}</td><td>${escape(r.at)}</td><td>${escape(r.method)} ${escape(r.path)}</td>` +
        `<td>${escape(r.outcome === 'answered' ? String(r.status) : r.outcome)}${r.fault ? ` (fault: ${escape(r.fault)})` : ''}</td>` +
        `<td>${r.body === undefined ? '' : pretty(r.body)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>${escape(state.vendor)} sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}td{vertical-align:top;border-top:1px solid #ddd;padding:.3rem .6rem}pre{margin:0;font-size:.85rem}</style>
</head><body>
<h1>${escape(state.vendor)} sandbox</h1>
<p>Local emulator for tests and demos. Secrets are masked. This page refreshes every 2 seconds; the same data is at <a href="/_sandbox/state">/_sandbox/state</a>.</p>
<h2>What it holds</h2>${pretty(state.holds)}
<h2>Pending faults</h2>${pretty(state.faults)}
<h2>Requests received (${state.received.length})</h2>
<table><thead><tr><th>#</th><th>time</th><th>request</th><th>answer</th><th>body</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}
