// `npm run bench`: runs the real sweep against the GitHub simulator on generated worlds (S, M, L
// and one pull request of 2,000 commits), three phases each (cold, warm, after one signatory is
// added); prints the table and the targets of issue 5, writes bench/results.json and bench/chart.svg.
//
//   npm run bench                       every world; writes bench/
//   npm run bench -- --worlds S,M       some worlds only; prints, writes nothing
//   options: --latency MS (20), --concurrency N (8), --phase-timeout S (900)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { WORLD_SPECS, type WorldName, generateWorld } from '../test/support/generated-worlds.js';
import { renderChart } from './bench-chart.js';
import { measurePlanning, type PlanningFigures } from './bench-planning.js';
import type { GreenFigures } from './bench-green.js';
import { checkTargets, formatChecks, formatQuickTable, formatTable } from './bench-report.js';
import { type BenchRow, type BenchSettings, benchWorld } from './bench-run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(root, 'bench');
const ALL: WorldName[] = ['S', 'M', 'M-prior', 'L', 'PR-2000'];

function options(): { worlds: WorldName[]; settings: BenchSettings } {
  const { values } = parseArgs({
    options: {
      worlds: { type: 'string' },
      latency: { type: 'string', default: '20' },
      // Writes are paced by nothing (writeIntervalMs 0) and run this many pull requests at once;
      // reads are sequential in the sweep, so this mostly shortens the cold phases' writes.
      concurrency: { type: 'string', default: '8' },
      'phase-timeout': { type: 'string', default: '900' },
      // Quick sweeps and the daemon's time to green (a minute or so per change) on these worlds.
      quick: { type: 'string', default: 'M,L' },
      green: { type: 'string', default: '6' },
    },
  });
  const worlds = (values.worlds?.split(',') ?? ALL).map((w) => w.trim()) as WorldName[];
  for (const w of worlds) if (!(w in WORLD_SPECS)) throw new Error(`unknown world ${w}: choose from ${ALL.join(', ')}`);
  return {
    worlds,
    settings: {
      latencyMs: Number(values.latency),
      maxConcurrency: Number(values.concurrency),
      phaseTimeoutMs: Number(values['phase-timeout']) * 1000,
      quickWorlds: values.quick.split(',').map((w) => w.trim()).filter(Boolean),
      greenSamples: Number(values.green),
    },
  };
}

async function main(): Promise<number> {
  const started = performance.now();
  const { worlds, settings } = options();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`bench: worlds ${worlds.join(', ')}; latency ${settings.latencyMs} ms; maxConcurrency ${settings.maxConcurrency}`);

  let planning: PlanningFigures | null = null;
  const rows: BenchRow[] = [];
  const greens: GreenFigures[] = [];
  for (const name of worlds) {
    const g = generateWorld(WORLD_SPECS[name]);
    if (name === 'L') {
      planning = measurePlanning(g);
      log(`  planning: ${planning.pullRequests} pull requests, ${planning.actions} actions, ${planning.cpuMs.toFixed(0)} ms CPU`);
    }
    log(`${name}: ${g.repositories.length} repositories, ${g.unsignedOf.size} open pull requests, flip candidate @${g.flipCandidate}`);
    const result = await benchWorld(g, settings, log);
    rows.push(...result.rows);
    if (result.green) greens.push(result.green);
  }
  const checks = checkTargets(rows, planning, greens);
  const totalSeconds = (performance.now() - started) / 1000;

  const out = process.stdout;
  out.write(`\n${formatTable(rows)}\n\n`);
  if (rows.some((r) => r.phase === 'quick')) out.write(`${formatQuickTable(rows, greens)}\n\n`);
  out.write(
    planning
      ? `Pure planning step (decide + planRepository) for ${planning.pullRequests.toLocaleString('en-US')} pull requests in ${planning.repositories.toLocaleString('en-US')} repositories: ${planning.cpuMs.toFixed(0)} ms CPU (${planning.actions.toLocaleString('en-US')} actions)\n\n`
      : 'Pure planning step: not measured (world L not run)\n\n',
  );
  out.write(`${formatChecks(checks)}\n\nbench wall time: ${totalSeconds.toFixed(0)} s\n`);

  const complete = ALL.every((w) => worlds.includes(w));
  if (complete) {
    mkdirSync(OUT, { recursive: true });
    const results = {
      generatedBy: 'npm run bench',
      settings: { ...settings, writeIntervalMs: 0, reservePoints: 0, node: process.version },
      worlds: worlds.map((w) => WORLD_SPECS[w]),
      rows,
      planning,
      greens,
      checks,
      benchWallSeconds: Math.round(totalSeconds),
    };
    writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(OUT, 'chart.svg'), renderChart(rows, { scaling: ['S', 'M', 'L'], latencyMs: settings.latencyMs }));
    out.write('wrote bench/results.json and bench/chart.svg\n');
  } else {
    out.write('some worlds only: bench/ left unchanged\n');
  }
  return checks.some((c) => c.pass === false) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
