// Runs the three phases of `npm run bench` on one generated world: the simulator lives in this
// process, each sweep in a child process (scripts/bench-child.ts) so that its peak RSS is its own.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type GeneratedWorld,
  generatedConfig,
  openPullRequests,
  signatoriesYaml,
  verdictMismatches,
} from '../test/support/generated-worlds.js';
import { spawnNode } from '../test/support/harness.js';
import { type Simulator, startSimulator } from '../test/support/simulator/index.js';
import type { ChildReport } from './bench-child.js';
import { type GreenFigures, timeToGreen } from './bench-green.js';

export type Phase = 'cold' | 'warm' | 'signatory' | 'quick' | 'cold-budget';
/** Every sweep reads everything (sweep.rescanMinutes 0): cold, warm, and after one signatory is added. */
export const PHASES: Phase[] = ['cold', 'warm', 'signatory'];

export interface BenchSettings {
  latencyMs: number;
  maxConcurrency: number;
  /** A phase still running after this long is killed and reported as failed. */
  phaseTimeoutMs: number;
  /** Worlds whose quick sweep and time to green are measured too. */
  quickWorlds: string[];
  /** Changes timed per world by the time-to-green measurement (0: none). */
  greenSamples: number;
}

/** One row of the table: one world, one phase. Counts come from the simulator. */
export interface BenchRow {
  world: string;
  phase: Phase;
  openPullRequests: number;
  graphqlRequests: number;
  restReads: number;
  restWrites: number;
  /** REST writes and GraphQL mutations. */
  writes: number;
  costPoints: number;
  /** FetchPullRequestCommits requests. */
  commitReads: number;
  /** GraphQL requests per operation name. */
  operations: Record<string, number>;
  /** ceil(open pull requests / 100): one request per hundred pull requests. */
  floor: number;
  /** GraphQL requests / floor. */
  ratio: number;
  wallSeconds: number;
  peakRssMb: number;
  /** The most V8 heap in use at any 100 ms sample: what the sweep holds plus garbage not yet collected. */
  peakHeapMb: number;
  cacheBytes: number;
  exitCode: number | null;
  /** Pull requests whose end state is not what the signatories demand. */
  verdictMismatches: number;
  /** Pull requests written to, and how many of them were not expected to change. */
  writtenPullRequests: number;
  unexpectedlyWritten: number;
  /** Pull requests this phase should change (the flips, in the signatory phase). */
  expectedToChange: number;
  /** Pull requests whose verdict another bot had already published, in its own words (`priorShare`). */
  priorPullRequests: number;
  /** The same figures as the sweep's own `--json` summary reports them (null: no summary). */
  sweep: { graphqlRequests: number; costPoints: number; restReads: number; restWrites: number; writes: number } | null;
  error?: string;
}

const TOKEN = 'bench-token';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = join(root, 'dist/scripts/bench-child.js');

export async function benchWorld(
  g: GeneratedWorld,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<{ rows: BenchRow[]; green: GreenFigures | null }> {
  const sim = await startSimulator({
    world: g.world,
    tokens: { [TOKEN]: 'cla-bot' },
    faults: { latencyMs: settings.latencyMs },
    // Big worlds must not be cut short by the hourly budgets: the figures are what a sweep needs.
    graphqlLimit: 100_000_000,
    restLimit: 100_000_000,
  });
  const dir = mkdtempSync(join(tmpdir(), `cla-sweeper-bench-${g.spec.name}-`));
  const configFile = join(dir, 'cla-sweeper.yaml');
  const cacheFile = join(dir, '.cla-sweeper/cache.json');
  // The rows measure the pull request sweep as they always have; what the merge queue read adds
  // (mergeQueue is on by default) is measured apart (bench-publishing.ts).
  writeFileSync(configFile, generatedConfig({ repositories: g.repositories, maxConcurrency: settings.maxConcurrency, mergeQueue: false }));
  const rows: BenchRow[] = [];
  try {
    for (const phase of PHASES) {
      const added = phase === 'signatory' ? [g.flipCandidate] : [];
      writeFileSync(join(dir, 'signatories.yaml'), signatoriesYaml(g, added));
      sim.resetCounters();
      const before = phase === 'signatory' ? flipping(g) : null;
      const child = await runChild(configFile, sim.url, settings.phaseTimeoutMs);
      const row = toRow(g, phase, sim, child, cacheFile, added, before);
      rows.push(row);
      logRow(row, log);
    }
    if (!settings.quickWorlds.includes(g.spec.name)) return { rows, green: null };
    // Quick sweeps from here: the first lists again what the last phase labelled (a label write
    // updates a pull request); the second is a quick sweep with nothing changed.
    const signatories = [g.flipCandidate];
    writeFileSync(
      configFile,
      generatedConfig({ repositories: g.repositories, maxConcurrency: settings.maxConcurrency, mergeQueue: false, extra: 'sweep:\n  rescanMinutes: 60\n' }),
    );
    await runChild(configFile, sim.url, settings.phaseTimeoutMs);
    sim.resetCounters();
    const quick = toRow(g, 'quick', sim, await runChild(configFile, sim.url, settings.phaseTimeoutMs), cacheFile, signatories, new Set());
    rows.push(quick);
    logRow(quick, log);
    if (settings.greenSamples === 0) return { rows, green: null };
    const green = await timeToGreen(g, sim, dir, configFile, {
      samples: settings.greenSamples,
      schedule: '* * * * *',
      token: TOKEN,
      maxConcurrency: settings.maxConcurrency,
      sampleTimeoutMs: 5 * 60_000,
    });
    log(`  ${g.spec.name} time to green: ${green.samples.map((x) => `${x.change} ${x.seconds} s`).join(', ')}; ${green.sweeps} sweeps, ${green.pointsPerSweep} points each${green.error ? `, ERROR ${green.error}` : ''}`);
    if (green.pointsByOperation) log(`  ${g.spec.name} time to green, points by operation: ${Object.entries(green.pointsByOperation).map(([op, n]) => `${op} ${n}`).join(', ')}`);
    return { rows, green };
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A cold sweep as a real token makes it: with the default write budget (github.maxWritesPerHour
 * 500), it reads every pull request, writes the 500 most recently updated ones' and stops, partial
 * (the next hour's run continues). On a world of its own, so the other rows are unchanged.
 */
export async function benchBudgetedCold(g: GeneratedWorld, settings: BenchSettings, log: (line: string) => void): Promise<BenchRow> {
  const sim = await startSimulator({ world: g.world, tokens: { [TOKEN]: 'cla-bot' }, faults: { latencyMs: settings.latencyMs }, graphqlLimit: 100_000_000, restLimit: 100_000_000 });
  const dir = mkdtempSync(join(tmpdir(), `cla-sweeper-bench-${g.spec.name}-budget-`));
  try {
    const configFile = join(dir, 'cla-sweeper.yaml');
    writeFileSync(configFile, generatedConfig({ repositories: g.repositories, maxConcurrency: settings.maxConcurrency, mergeQueue: false, maxWritesPerHour: 500 }));
    writeFileSync(join(dir, 'signatories.yaml'), signatoriesYaml(g));
    const row = toRow(g, 'cold-budget', sim, await runChild(configFile, sim.url, settings.phaseTimeoutMs), join(dir, '.cla-sweeper/cache.json'), [], null);
    logRow(row, log);
    return row;
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function logRow(row: BenchRow, log: (line: string) => void): void {
  log(
    `  ${row.world} ${row.phase}: ${row.graphqlRequests} GraphQL, ${row.restReads + row.restWrites} REST, ` +
      `${row.costPoints} points, ${row.wallSeconds.toFixed(1)} s, RSS ${row.peakRssMb} MB (heap ${row.peakHeapMb} MB)${row.error ? `, ERROR ${row.error}` : ''}`,
  );
}

/** Pull requests whose only unsigned person is the flip candidate. */
function flipping(g: GeneratedWorld): Set<string> {
  const out = new Set<string>();
  for (const [key, unsigned] of g.unsignedOf) {
    if (unsigned.length > 0 && unsigned.every((l) => l === g.flipCandidate)) out.add(key);
  }
  return out;
}

function toRow(
  g: GeneratedWorld,
  phase: Phase,
  sim: Simulator,
  child: ChildReport | { error: string },
  cacheFile: string,
  added: string[],
  flips: Set<string> | null,
): BenchRow {
  const c = sim.counters;
  const operations: Record<string, number> = {};
  for (const r of c.log) {
    if (r.kind === 'graphql-query' || r.kind === 'graphql-mutation') {
      const name = r.operationName ?? '(anonymous)';
      operations[name] = (operations[name] ?? 0) + 1;
    }
  }
  const open = openPullRequests(g);
  const graphqlRequests = c.requests['graphql-query'] + c.requests['graphql-mutation'];
  const floor = Math.ceil(open / 100);
  const written = [...c.writesPerPullRequest.keys()];
  // Cold: every pull request changes, but for those another bot already got right; warm: none;
  // signatory: only the flips.
  const notPrior = new Set([...g.unsignedOf.keys()].filter((k) => !g.prior.has(k)));
  const expected = phase === 'cold' ? (g.prior.size > 0 ? notPrior : null) : (flips ?? new Set<string>());
  const report = 'error' in child ? null : child;
  return {
    world: g.spec.name,
    phase,
    openPullRequests: open,
    graphqlRequests,
    restReads: c.requests['rest-read'],
    restWrites: c.requests['rest-write'],
    writes: c.requests['rest-write'] + c.requests['graphql-mutation'],
    costPoints: c.costPoints,
    commitReads: operations.FetchPullRequestCommits ?? 0,
    operations,
    floor,
    ratio: Math.round((graphqlRequests / floor) * 100) / 100,
    wallSeconds: report ? Math.round(report.wallMs / 100) / 10 : Number.NaN,
    peakRssMb: report ? Math.round(report.maxRssKb / 1024) : Number.NaN,
    peakHeapMb: report ? Math.round(report.peakHeapUsed / 1024 / 1024) : Number.NaN,
    cacheBytes: fileSize(cacheFile),
    exitCode: report ? report.code : null,
    verdictMismatches: verdictMismatches(g, added).length,
    writtenPullRequests: written.length,
    unexpectedlyWritten: expected ? written.filter((k) => !expected.has(k)).length : 0,
    expectedToChange: expected ? expected.size : open,
    priorPullRequests: g.prior.size,
    sweep: report?.summary ? sweepFigures(report.summary) : null,
    ...('error' in child ? { error: child.error } : {}),
  };
}

function sweepFigures(s: Record<string, unknown>): NonNullable<BenchRow['sweep']> {
  const gql = s.graphql as { requests: Record<string, number>; costPoints: number };
  const rest = s.rest as { reads: number; writes: number };
  const writes = s.writes as { total: number };
  return {
    graphqlRequests: Object.values(gql.requests).reduce((a, b) => a + b, 0),
    costPoints: gql.costPoints,
    restReads: rest.reads,
    restWrites: rest.writes,
    writes: writes.total,
  };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Spawns one sweep; resolves with its report, or an error when it failed, printed nothing or timed out. */
export async function runChild(configFile: string, apiUrl: string, timeoutMs: number, token = TOKEN): Promise<ChildReport | { error: string }> {
  const env = { GITHUB_TOKEN: token, GITHUB_API_URL: apiUrl, CLA_SWEEPER_LOG_LEVEL: 'silent' };
  const r = await spawnNode(CHILD, [configFile], env, { timeoutMs });
  if (r.timedOut) return { error: `timed out after ${Math.round(timeoutMs / 1000)} s` };
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as ChildReport;
  } catch {
    return { error: `child exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ') || 'no output'}` };
  }
}
