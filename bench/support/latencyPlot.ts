/**
 * Draws the latency distributions of a pipeline bench run as an SVG (cumulative share of events under
 * each latency, log-scale axis): the shape of the tail says more than two percentiles.
 *   node dist/bench/pipeline.js full | node dist/bench/support/latencyPlot.js > pipeline-latency.svg
 */
import { RESULT_PREFIX } from './report';

interface Series {
  name: string;
  color: string;
  samples: number[];
}

const W = 640;
const H = 360;
const M = { left: 56, right: 16, top: 28, bottom: 44 };

export function latencySvg(title: string, series: Series[]): string {
  const all = series.flatMap((s) => s.samples).filter((x) => x > 0);
  const lo = Math.log10(Math.min(...all));
  const hi = Math.log10(Math.max(...all));
  const [from, to] = [Math.floor(lo), Math.ceil(hi)];
  const x = (ms: number) =>
    M.left + ((Math.log10(Math.max(ms, 10 ** from)) - from) / (to - from)) * (W - M.left - M.right);
  const y = (share: number) => H - M.bottom - share * (H - M.top - M.bottom);
  const ticks = Array.from({ length: to - from + 1 }, (_, i) => 10 ** (from + i));
  const lines = series.map((s) => {
    const sorted = [...s.samples].sort((a, b) => a - b);
    const points = sorted.map((v, i) => `${x(v).toFixed(1)},${y((i + 1) / sorted.length).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>`;
  });
  const legend = series.map(
    (s, i) => `<text x="${M.left + 12}" y="${M.top + 18 + i * 16}" fill="${s.color}">${s.name}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${title}</text>
${ticks.map((t) => `<line x1="${x(t)}" x2="${x(t)}" y1="${y(0)}" y2="${y(1)}" stroke="#ddd"/><text x="${x(t)}" y="${y(0) + 16}" text-anchor="middle">${t >= 1 ? t : t.toFixed(-Math.log10(t))} ms</text>`).join('\n')}
${[0, 0.5, 0.9, 0.99, 1].map((p) => `<line x1="${M.left}" x2="${W - M.right}" y1="${y(p)}" y2="${y(p)}" stroke="#eee"/><text x="${M.left - 6}" y="${y(p) + 4}" text-anchor="end">${p * 100} %</text>`).join('\n')}
<text x="${W / 2}" y="${H - 6}" text-anchor="middle">latency per event (log scale)</text>
${lines.join('\n')}
${legend.join('\n')}
</svg>
`;
}

function main(): void {
  const chunks: Buffer[] = [];
  process.stdin.on('data', (c: Buffer) => chunks.push(c));
  process.stdin.on('end', () => {
    const line = Buffer.concat(chunks)
      .toString('utf8')
      .split('\n')
      .find((l) => l.startsWith(RESULT_PREFIX));
    const result = line
      ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as {
          stages: string[];
          sizes: { storeSize: number };
          samplesMs?: { baseline: number[]; pipeline: number[] };
        })
      : null;
    if (!result?.samplesMs) throw new Error('no pipeline bench result with samples on stdin');
    const stages = result.stages.map((s) => s.replace('hr-', '')).join(' → ');
    process.stdout.write(
      latencySvg(
        `Share of events done within a latency (store of ${result.sizes.storeSize.toLocaleString('en-US')} persons)`,
        [
          { name: stages, color: '#c0392b', samples: result.samplesMs.pipeline },
          { name: `${result.stages.length} core change nodes`, color: '#2471a3', samples: result.samplesMs.baseline },
        ],
      ),
    );
  });
}

if (require.main === module) main();
