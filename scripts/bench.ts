// `npm run bench`: runs the real sweep against the GitHub simulator on generated worlds (S, M, L
// and one pull request of 2,000 commits), three phases each (cold, warm, after one signatory is
// added); prints the table and the targets of issue 5, writes bench/results.json and bench/chart.svg.
// Then what publishing costs: the listing with statuses and with check runs, and merge queue
// entries answered (scripts/bench-publishing.ts).
//
//   npm run bench                       every world; writes bench/
//   npm run bench -- --worlds S,M       some worlds only; prints, writes nothing
//   options: --latency MS (20), --concurrency N (8), --phase-timeout S (900), --daemon (the real
//   daemon answering merge queue entries; on when every world runs)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { WORLD_SPECS, type WorldName, generateWorld } from '../test/support/generated-worlds.js';
import { renderChart } from './bench-chart.js';
import { measurePlanning, type PlanningFigures } from './bench-planning.js';
import type { GreenFigures } from './bench-green.js';
import { benchPublishing, formatPublishing } from './bench-publishing.js';
import { checkTargets, formatChecks, formatQuickTable, formatTable } from './bench-report.js';
import { type BenchRow, type BenchSettings, benchBudgetedCold, benchWorld } from './bench-run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(root, 'bench');
const ALL: WorldName[] = ['S', 'M', 'M-prior', 'L', 'PR-2000'];

function options(): { worlds: WorldName[]; daemon: boolean; settings: BenchSettings } {
  const { values } = parseArgs({
    options: {
      worlds: { type: 'string' },
      latency: { type: 'string', default: '20' },
      // Writes are paced by nothing (writeIntervalMs 0), budgeted by nothing (maxWritesPerHour far
      // above any phase, see generatedConfig: the bench measures the sweep, not GitHub's limits) and
      // run this many pull requests at once; reads are sequential in the sweep, so this mostly
      // shortens the cold phases' writes.
      concurrency: { type: 'string', default: '8' },
      'phase-timeout': { type: 'string', default: '900' },
      // Quick sweeps and the daemon's time to green (a minute or so per change) on these worlds.
      quick: { type: 'string', default: 'M,L' },
      green: { type: 'string', default: '6' },
      // The real daemon answering merge queue entries: up to two minutes, so on by default only
      // when every world runs.
      daemon: { type: 'boolean' },
    },
  });
  const worlds = (values.worlds?.split(',') ?? ALL).map((w) => w.trim()) as WorldName[];
  for (const w of worlds) if (!(w in WORLD_SPECS)) throw new Error(`unknown world ${w}: choose from ${ALL.join(', ')}`);
  return {
    worlds,
    daemon: values.daemon ?? values.worlds === undefined,
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
  const { worlds, daemon, settings } = options();
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
    if (name === 'L') rows.push(await benchBudgetedCold(generateWorld(WORLD_SPECS[name]), settings, log));
    if (result.green) greens.push(result.green);
  }
  log('publishing: statuses and check runs, merge queue');
  const publishing = await benchPublishing(settings, log, { daemon });
  const checks = checkTargets(rows, planning, greens);
  const oneCheck = publishing.listing.find((r) => r.mode === 'check runs (cla)');
  checks.push({
    name: 'check runs (one check): the listing costs at most 3 points per 100 open pull requests, and a warm sweep writes nothing',
    measured: oneCheck ? `${oneCheck.pointsPer100} points per 100, ${oneCheck.warmWrites} writes` : publishing.errors.join('; ') || 'not run',
    pass: oneCheck ? oneCheck.pointsPer100 <= 3 && oneCheck.warmWrites === 0 : false,
    kind: 'target',
  });
  checks.push({
    name: 'merge queue: one sweep answers every entry (success, failure, failure for signed, unsigned, signed)',
    measured: publishing.queue ? publishing.queue.states.join(', ') : publishing.errors.join('; ') || 'not run',
    pass: publishing.queue ? publishing.queue.states.join() === 'success,failure,failure' : false,
    kind: 'target',
  });
  const totalSeconds = (performance.now() - started) / 1000;

  const out = process.stdout;
  out.write(`\n${formatTable(rows)}\n\n`);
  if (rows.some((r) => r.phase === 'quick')) out.write(`${formatQuickTable(rows, greens)}\n\n`);
  out.write(
    planning
      ? `Pure planning step (decide + planRepository) for ${planning.pullRequests.toLocaleString('en-US')} pull requests in ${planning.repositories.toLocaleString('en-US')} repositories: ${planning.cpuMs.toFixed(0)} ms CPU (${planning.actions.toLocaleString('en-US')} actions)\n\n`
      : 'Pure planning step: not measured (world L not run)\n\n',
  );
  out.write(`${formatPublishing(publishing)}\n\n`);
  out.write(`${formatChecks(checks)}\n\nbench wall time: ${totalSeconds.toFixed(0)} s\n`);

  const complete = ALL.every((w) => worlds.includes(w));
  if (complete) {
    mkdirSync(OUT, { recursive: true });
    const results = {
      generatedBy: 'npm run bench',
      settings: { ...settings, writeIntervalMs: 0, maxWritesPerHour: 1_000_000, reservePoints: 0, node: process.version },
      worlds: worlds.map((w) => WORLD_SPECS[w]),
      rows,
      planning,
      greens,
      publishing,
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
