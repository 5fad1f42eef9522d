// The chart of `npm run bench`: GraphQL requests (left) and cost points (right) against open pull
// requests, cold and warm, on log-log axes, as hand-written SVG. It plots only deterministic
// figures, so it is byte-for-byte the same on every run.
import type { BenchRow } from './bench-run.js';

interface Panel {
  title: string;
  value: (r: BenchRow) => number;
}

const PANELS: Panel[] = [
  { title: 'GraphQL requests', value: (r) => r.graphqlRequests },
  { title: 'GraphQL cost points', value: (r) => r.costPoints },
];

const PHASES = [
  { phase: 'cold', label: 'cold: empty cache (every commit read)', colour: '#c0392b' },
  { phase: 'warm', label: 'warm: nothing changed (zero writes)', colour: '#1f5fa8' },
] as const;

const W = 960;
const H = 540;
const TOP = 74;
const PANEL_W = 380;
const PANEL_H = 340;
const LEFTS = [80, 555];

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const decade = (p: number) => (10 ** p).toLocaleString('en-US');

export interface ChartOptions {
  /** Worlds that grow one dimension (S, M, L): joined by lines. Others (PR-2000) are lone points. */
  scaling: string[];
  latencyMs: number;
}

export function renderChart(rows: BenchRow[], opts: ChartOptions): string {
  const points = rows.filter((r) => r.phase === 'cold' || r.phase === 'warm');
  const maxX = Math.max(10, ...points.map((r) => r.openPullRequests));
  const maxY = Math.max(10, ...points.flatMap((r) => PANELS.map((p) => p.value(r))));
  const xDecades = Math.ceil(Math.log10(maxX) + 1e-9);
  // Headroom above the highest point for its labels.
  const yDecades = Math.ceil(Math.log10(maxY * 3) + 1e-9);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${LEFTS[0]}" y="26" font-size="17" font-weight="bold">cla-sweeper: GitHub API use against the number of open pull requests</text>`,
    `<text x="${LEFTS[0]}" y="46" fill="#555">npm run bench against the simulated GitHub (${opts.latencyMs} ms latency); log-log axes; dotted: the floor, one request per 100 pull requests</text>`,
  ];
  PANELS.forEach((panel, i) => {
    out.push(...renderPanel(panel, LEFTS[i]!, points, xDecades, yDecades, new Set(opts.scaling)));
  });
  // Legend, under both panels.
  let lx = LEFTS[0]!;
  const ly = TOP + PANEL_H + 62;
  for (const p of PHASES) {
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${p.colour}" stroke-width="2"/>`,
      `<circle cx="${lx + 14}" cy="${ly}" r="4.5" fill="${p.colour}"/>`,
      `<text x="${lx + 36}" y="${ly + 4}">${esc(p.label)}</text>`,
    );
    lx += 290;
  }
  out.push(
    `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="#888" stroke-width="1.5" stroke-dasharray="2 3"/>`,
    `<text x="${lx + 36}" y="${ly + 4}">floor: ceil(open PRs / 100)</text>`,
    `<text x="${LEFTS[0]}" y="${ly + 28}" fill="#555">S, M, L: many repositories of small pull requests (joined). PR-2000: one pull request of 2,000 commits (20 pages of commits when cold).</text>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}

function renderPanel(
  panel: Panel,
  left: number,
  points: BenchRow[],
  xDecades: number,
  yDecades: number,
  scaling: Set<string>,
): string[] {
  const px = (v: number) => left + (Math.log10(Math.max(1, v)) / xDecades) * PANEL_W;
  const py = (v: number) => TOP + PANEL_H - (Math.log10(Math.max(1, v)) / yDecades) * PANEL_H;
  const out: string[] = [`<text x="${left + PANEL_W / 2}" y="${TOP - 10}" text-anchor="middle" font-size="14" font-weight="bold">${esc(panel.title)}</text>`];
  for (let p = 0; p <= xDecades; p++) {
    const x = fmt(px(10 ** p));
    out.push(
      `<line x1="${x}" y1="${TOP}" x2="${x}" y2="${TOP + PANEL_H}" stroke="#e5e5e5"/>`,
      `<text x="${x}" y="${TOP + PANEL_H + 18}" text-anchor="middle">${decade(p)}</text>`,
    );
  }
  for (let p = 0; p <= yDecades; p++) {
    const y = py(10 ** p);
    out.push(
      `<line x1="${left}" y1="${fmt(y)}" x2="${left + PANEL_W}" y2="${fmt(y)}" stroke="#e5e5e5"/>`,
      `<text x="${left - 8}" y="${fmt(y + 4)}" text-anchor="end">${decade(p)}</text>`,
    );
  }
  out.push(
    `<rect x="${left}" y="${TOP}" width="${PANEL_W}" height="${PANEL_H}" fill="none" stroke="#333"/>`,
    `<text x="${left + PANEL_W / 2}" y="${TOP + PANEL_H + 40}" text-anchor="middle" font-size="13">open pull requests</text>`,
    `<text x="${left - 52}" y="${TOP + PANEL_H / 2}" text-anchor="middle" font-size="13" transform="rotate(-90 ${left - 52} ${TOP + PANEL_H / 2})">${esc(panel.title)}</text>`,
  );
  const floor: string[] = [];
  for (let i = 0; i <= 80; i++) {
    const n = 10 ** ((xDecades * i) / 80);
    floor.push(`${fmt(px(n))},${fmt(py(Math.ceil(n / 100)))}`);
  }
  out.push(`<polyline points="${floor.join(' ')}" fill="none" stroke="#888" stroke-width="1.5" stroke-dasharray="2 3"/>`);
  for (const { phase, colour } of PHASES) {
    const mine = points.filter((r) => r.phase === phase).sort((a, b) => a.openPullRequests - b.openPullRequests);
    const line = mine.filter((r) => scaling.has(r.world)).map((r) => `${fmt(px(r.openPullRequests))},${fmt(py(panel.value(r)))}`);
    if (line.length > 1) out.push(`<polyline points="${line.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const r of mine) {
      const v = panel.value(r);
      const x = px(r.openPullRequests);
      const y = py(v);
      out.push(
        `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="4.5" fill="${colour}"><title>${esc(`${r.world} ${phase}: ${v}`)}</title></circle>`,
        // Cold values up-left of the point, warm ones down-right: clear of both lines (up-right at the left edge).
        phase === 'cold' && x > left + 30
          ? `<text x="${fmt(x - 8)}" y="${fmt(y - 6)}" text-anchor="end" fill="${colour}" font-size="11">${v.toLocaleString('en-US')}</text>`
          : `<text x="${fmt(x + 8)}" y="${fmt(phase === 'cold' ? y - 6 : y + 14)}" fill="${colour}" font-size="11">${v.toLocaleString('en-US')}</text>`,
      );
    }
  }
  // World names under the x axis ticks would collide; put each above its highest point instead.
  for (const world of [...new Set(points.map((r) => r.world))]) {
    const mine = points.filter((r) => r.world === world);
    const n = mine[0]!.openPullRequests;
    const top = Math.max(...mine.map(panel.value));
    const x = px(n);
    const anchor = x < left + 40 ? 'start' : x > left + PANEL_W - 40 ? 'end' : 'middle';
    out.push(
      `<text x="${fmt(anchor === 'start' ? x - 4 : x)}" y="${fmt(py(top) - 20)}" text-anchor="${anchor}" font-weight="bold">${esc(world)} (${n.toLocaleString('en-US')} PR${n === 1 ? '' : 's'})</text>`,
    );
  }
  return out;
}
