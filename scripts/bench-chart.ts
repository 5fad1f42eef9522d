// The chart of `npm run bench`: GraphQL requests and cost points against open pull requests, on
// log-log axes, hand-written SVG. It plots only deterministic figures, so it is the same every run.
import type { BenchRow } from './bench-run.js';

interface Series {
  label: string;
  colour: string;
  dashed: boolean;
  filled: boolean;
  value: (r: BenchRow) => number;
  phase: 'cold' | 'warm';
}

const SERIES: Series[] = [
  { label: 'GraphQL requests, cold', colour: '#c0392b', dashed: false, filled: true, value: (r) => r.graphqlRequests, phase: 'cold' },
  { label: 'GraphQL requests, warm', colour: '#1f5fa8', dashed: false, filled: true, value: (r) => r.graphqlRequests, phase: 'warm' },
  { label: 'cost points, cold', colour: '#e67e22', dashed: true, filled: false, value: (r) => r.costPoints, phase: 'cold' },
  { label: 'cost points, warm', colour: '#16a085', dashed: true, filled: false, value: (r) => r.costPoints, phase: 'warm' },
];

const W = 820;
const H = 500;
const M = { left: 70, right: 230, top: 56, bottom: 62 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const decadeLabel = (p: number) => (10 ** p).toLocaleString('en-US');

/** Worlds that scale one dimension (S, M, L) are joined by lines; others (PR-2000) are lone points. */
export function renderChart(rows: BenchRow[], opts: { scaling: string[]; latencyMs: number }): string {
  const points = rows.filter((r) => r.phase === 'cold' || r.phase === 'warm');
  const xs = points.map((r) => Math.max(1, r.openPullRequests));
  const ys = points.flatMap((r) => SERIES.map((s) => Math.max(1, s.value(r))));
  const x0 = 0;
  const x1 = Math.max(1, Math.ceil(Math.log10(Math.max(...xs, 10)) + 0.0001));
  const y0 = 0;
  const y1 = Math.max(1, Math.ceil(Math.log10(Math.max(...ys, 10)) + 0.0001));
  const px = (v: number) => M.left + ((Math.log10(Math.max(1, v)) - x0) / (x1 - x0)) * PW;
  const py = (v: number) => M.top + PH - ((Math.log10(Math.max(1, v)) - y0) / (y1 - y0)) * PH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${M.left}" y="24" font-size="16" font-weight="bold">cla-sweeper: GitHub API use against open pull requests</text>`,
    `<text x="${M.left}" y="42" fill="#555">npm run bench, simulated GitHub (${opts.latencyMs} ms latency); log-log axes; the floor is one request per 100 pull requests</text>`,
  );
  // Grid, ticks and labels, one per decade.
  for (let p = x0; p <= x1; p++) {
    const x = fmt(px(10 ** p));
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${M.top + PH}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${M.top + PH + 18}" text-anchor="middle">${decadeLabel(p)}</text>`);
  }
  for (let p = y0; p <= y1; p++) {
    const y = fmt(py(10 ** p));
    out.push(`<line x1="${M.left}" y1="${y}" x2="${M.left + PW}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 8}" y="${fmt(py(10 ** p) + 4)}" text-anchor="end">${decadeLabel(p)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${M.left + PW / 2}" y="${H - 18}" text-anchor="middle" font-size="13">open pull requests</text>`);
  out.push(
    `<text x="18" y="${M.top + PH / 2}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${M.top + PH / 2})">requests / cost points</text>`,
  );
  // The floor, ceil(n/100), drawn from 1 to the largest x.
  const floorPts: string[] = [];
  for (let i = 0; i <= 60; i++) {
    const n = 10 ** (x0 + ((x1 - x0) * i) / 60);
    floorPts.push(`${fmt(px(n))},${fmt(py(Math.ceil(n / 100)))}`);
  }
  out.push(`<polyline points="${floorPts.join(' ')}" fill="none" stroke="#888" stroke-width="1.5" stroke-dasharray="2 3"/>`);

  const scaling = new Set(opts.scaling);
  for (const s of SERIES) {
    const mine = points.filter((r) => r.phase === s.phase).sort((a, b) => a.openPullRequests - b.openPullRequests);
    const line = mine.filter((r) => scaling.has(r.world)).map((r) => `${fmt(px(r.openPullRequests))},${fmt(py(s.value(r)))}`);
    if (line.length > 1) {
      out.push(
        `<polyline points="${line.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
    for (const r of mine) {
      const x = fmt(px(r.openPullRequests));
      const y = fmt(py(s.value(r)));
      out.push(
        `<circle cx="${x}" cy="${y}" r="4.5" fill="${s.filled ? s.colour : '#ffffff'}" stroke="${s.colour}" stroke-width="2"><title>${esc(`${r.world} ${s.label}: ${s.value(r)}`)}</title></circle>`,
      );
    }
  }
  // World names above their highest point.
  const worlds = [...new Set(points.map((r) => r.world))];
  for (const w of worlds) {
    const mine = points.filter((r) => r.world === w);
    const n = mine[0]!.openPullRequests;
    const top = Math.max(...mine.flatMap((r) => SERIES.filter((s) => s.phase === r.phase).map((s) => s.value(r))));
    out.push(
      `<text x="${fmt(px(n))}" y="${fmt(py(top) - 12)}" text-anchor="middle" font-weight="bold">${esc(w)} (${n.toLocaleString('en-US')} PR${n === 1 ? '' : 's'})</text>`,
    );
  }
  // Legend.
  const lx = M.left + PW + 18;
  let ly = M.top + 10;
  for (const s of SERIES) {
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<circle cx="${lx + 14}" cy="${ly}" r="4.5" fill="${s.filled ? s.colour : '#ffffff'}" stroke="${s.colour}" stroke-width="2"/>`,
      `<text x="${lx + 36}" y="${ly + 4}">${esc(s.label)}</text>`,
    );
    ly += 22;
  }
  out.push(
    `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="#888" stroke-width="1.5" stroke-dasharray="2 3"/>`,
    `<text x="${lx + 36}" y="${ly + 4}">floor: ceil(open PRs / 100)</text>`,
  );
  ly += 30;
  const notes = [
    'warm: nothing changed since',
    'the last sweep (zero writes)',
    'cold: empty cache, every',
    'commit read, every PR written',
    'lone points: one PR of',
    '2,000 commits (20 pages)',
  ];
  for (const note of notes) {
    out.push(`<text x="${lx}" y="${ly}" fill="#555" font-size="11">${esc(note)}</text>`);
    ly += 15;
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
