// The publishing part of `npm run bench` (issue 13): what the listing costs per 100 open pull
// requests with statuses and with check runs (GitHub reaches check runs only through connections,
// so they cost points where statuses cost none), and how long a sweep takes to answer a merge
// queue entry. One generated world of 1,000 pull requests in 20 repositories, each sweep in a
// child process as in the main table, with the same latency.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GeneratedWorld, generateWorld, generatedConfig, signatoriesYaml, type WorldSpec } from '../test/support/generated-worlds.js';
import { type Simulator, startSimulator } from '../test/support/simulator/index.js';
import { type BenchSettings, runChild } from './bench-run.js';

export const PUBLISHING_WORLD: WorldSpec = {
  name: 'publishing',
  owner: 'pub',
  repositories: 20,
  pullRequestsPerRepository: 50,
  commitsPerPullRequest: 2,
  unsignedShare: 0.3,
  coAuthorShare: 0,
  seed: 55,
};

export interface ListingCost {
  mode: string;
  openPullRequests: number;
  /** ListOpenPullRequests requests and points of a warm sweep (nothing changed). */
  requests: number;
  points: number;
  pointsPer100: number;
  /** The whole first sweep: every check run or status created. */
  coldPoints: number;
  coldWrites: number;
  warmWrites: number;
}

export interface QueueAnswer {
  /** Entries queued in one repository after a warm sweep. */
  entries: number;
  /** The sweep that answers them: wall seconds, its ReadMergeQueues requests and points, writes to group heads. */
  sweepSeconds: number;
  queueRequests: number;
  queuePoints: number;
  groupWrites: number;
  /** What the group heads got, in queue order. */
  states: string[];
}

/** The real daemon on a one-minute schedule, entries queued just after one of its sweeps. */
export interface DaemonAnswer {
  /** From queueing to the daemon's next tick (its first request). */
  waitSeconds: number;
  /** From that tick to the last group head written. */
  sweepSeconds: number;
  totalSeconds: number;
  states: string[];
  /** GraphQL requests and points from the tick to the answer. */
  requests: string[];
  points: number;
}

export interface PublishingFigures {
  world: WorldSpec;
  listing: ListingCost[];
  queue: QueueAnswer | null;
  daemon: DaemonAnswer | null;
  errors: string[];
}

const TOKEN = 'bench-token';
/** The built CLI, beside this script in dist/. */
const CLI = join(dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');
const MODES: { mode: string; extra: string }[] = [
  { mode: 'statuses (cla)', extra: '' },
  { mode: 'check runs (cla)', extra: 'publish: check-run\n' },
  { mode: 'check runs (cla + dco)', extra: 'publish: check-run\ndco:\n  context: DCO\n' },
];

interface Scene {
  g: GeneratedWorld;
  sim: Simulator;
  dir: string;
  configFile: string;
}

async function scene(settings: BenchSettings, extra: string, mergeQueue: boolean): Promise<Scene> {
  const g = generateWorld(PUBLISHING_WORLD);
  g.world.addApp('cla-sweeper', { id: 4242 });
  const installation = g.world.installApp('cla-sweeper', PUBLISHING_WORLD.owner).id;
  const sim = await startSimulator({
    world: g.world,
    tokens: { [TOKEN]: { installation } },
    faults: { latencyMs: settings.latencyMs },
    graphqlLimit: 100_000_000,
    restLimit: 100_000_000,
  });
  const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-bench-publishing-'));
  const configFile = join(dir, 'cla-sweeper.yaml');
  writeFileSync(join(dir, 'signatories.yaml'), signatoriesYaml(g));
  writeFileSync(configFile, `${generatedConfig({ repositories: g.repositories, maxConcurrency: settings.maxConcurrency, mergeQueue })}${extra}`);
  return { g, sim, dir, configFile };
}

const writesOf = (sim: Simulator) => sim.counters.requests['rest-write'] + sim.counters.requests['graphql-mutation'];
const operation = (sim: Simulator, name: string) => sim.counters.log.filter((r) => r.operationName === name);

async function sweepOnce(s: Scene, settings: BenchSettings): Promise<{ wallMs: number }> {
  s.sim.resetCounters();
  const r = await runChild(s.configFile, s.sim.url, settings.phaseTimeoutMs, TOKEN);
  if ('error' in r) throw new Error(r.error);
  if (r.code !== 0) throw new Error(`sweep exited ${r.code}`);
  return { wallMs: r.wallMs };
}

async function listingCost(settings: BenchSettings, mode: string, extra: string, log: (line: string) => void): Promise<ListingCost> {
  const s = await scene(settings, extra, false);
  try {
    await sweepOnce(s, settings);
    const coldPoints = s.sim.counters.costPoints;
    const coldWrites = writesOf(s.sim);
    await sweepOnce(s, settings);
    const listing = operation(s.sim, 'ListOpenPullRequests');
    const points = listing.reduce((n, r) => n + (r.cost ?? 0), 0);
    const open = s.g.unsignedOf.size;
    const row = {
      mode,
      openPullRequests: open,
      requests: listing.length,
      points,
      pointsPer100: Math.round((points / open) * 10_000) / 100,
      coldPoints,
      coldWrites,
      warmWrites: writesOf(s.sim),
    };
    log(`  publishing ${mode}: warm listing ${row.requests} requests, ${row.points} points (${row.pointsPer100} per 100 PRs)`);
    return row;
  } finally {
    await s.sim.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}

/** A warm world, then three entries queued (signed, unsigned, signed): the next sweep answers them. */
async function queueAnswer(settings: BenchSettings, log: (line: string) => void): Promise<QueueAnswer> {
  const s = await scene(settings, '', true);
  try {
    await sweepOnce(s, settings);
    const repo = s.g.repositories[0]!;
    const numbers = [...s.g.unsignedOf].filter(([k]) => k.startsWith(`${repo}#`));
    const pick = (unsigned: boolean) => numbers.filter(([, u]) => (u.length > 0) === unsigned).map(([k]) => Number(k.slice(k.indexOf('#') + 1)));
    const [a, c] = pick(false);
    const [b] = pick(true);
    for (const n of [a!, b!, c!]) s.g.world.enqueue(repo, n);
    const { wallMs } = await sweepOnce(s, settings);
    const queue = operation(s.sim, 'ReadMergeQueues');
    const states = [a!, b!, c!].map((n) => s.g.world.statusOf(repo, s.g.world.queueEntry(repo, n)!.headSha, 'cla/signed')?.state ?? 'none');
    const answer = {
      entries: 3,
      sweepSeconds: Math.round(wallMs / 100) / 10,
      queueRequests: queue.length,
      queuePoints: queue.reduce((n, r) => n + (r.cost ?? 0), 0),
      groupWrites: s.sim.counters.log.filter((r) => r.kind === 'rest-write' && [a!, b!, c!].some((n) => r.path.endsWith(s.g.world.queueEntry(repo, n)!.headSha))).length,
      states,
    };
    log(`  publishing merge queue: answered in one sweep of ${answer.sweepSeconds} s: ${states.join(', ')}`);
    return answer;
  } finally {
    await s.sim.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every 50 ms until it holds or `timeoutMs` passes. */
async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * `cla-sweeper daemon` (the built CLI) with `schedule: "* * * * *"` and quick sweeps: once its first sweep is done,
 * three entries are queued, and the time to their answer is measured: the wait for the next tick,
 * then the sweep. Queued right after a sweep, they wait nearly the whole minute: the worst case.
 */
async function daemonAnswer(settings: BenchSettings, log: (line: string) => void): Promise<DaemonAnswer> {
  // Quick sweeps, as a daemon on a short schedule runs (README, "Quick sweeps").
  const s = await scene(settings, 'schedule: "* * * * *"\nsweep:\n  rescanMinutes: 60\n', true);
  // The cold sweep first, so that the daemon's ticks are the warm sweeps a running daemon makes.
  await sweepOnce(s, settings);
  const env = { PATH: process.env.PATH ?? '', GITHUB_TOKEN: TOKEN, GITHUB_API_URL: s.sim.url, CLA_SWEEPER_LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, [CLI, 'daemon', '--config', s.configFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited: number | null = null;
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  const sweeps = () => {
    if (exited !== null) throw new Error(`the daemon exited ${exited}: ${stderr.trim().split('\n').slice(-2).join(' | ')}`);
    return (stdout.match(/^Sweep (complete|PARTIAL)/gm) ?? []).length;
  };
  try {
    await until(() => sweeps() >= 1, 150_000, "the daemon's first sweep");
    const repo = s.g.repositories[0]!;
    const numbers = [...s.g.unsignedOf].filter(([k]) => k.startsWith(`${repo}#`));
    const pick = (unsigned: boolean) => numbers.filter(([, u]) => (u.length > 0) === unsigned).map(([k]) => Number(k.slice(k.indexOf('#') + 1)));
    const [a, c] = pick(false);
    const [b] = pick(true);
    const requestsBefore = s.sim.counters.log.length;
    for (const n of [a!, b!, c!]) s.g.world.enqueue(repo, n);
    const queued = Date.now();
    await until(() => s.sim.counters.log.length > requestsBefore, 90_000, 'the next tick');
    const tick = Date.now();
    const state = (n: number) => s.g.world.statusOf(repo, s.g.world.queueEntry(repo, n)!.headSha, 'cla/signed')?.state;
    await until(() => [a!, b!, c!].every((n) => state(n) !== undefined), 90_000, 'the group heads');
    const answered = Date.now();
    const round = (ms: number) => Math.round(ms / 100) / 10;
    const sweep = s.sim.counters.log.slice(requestsBefore).filter((r) => r.operationName !== undefined);
    const figures = {
      waitSeconds: round(tick - queued),
      sweepSeconds: round(answered - tick),
      totalSeconds: round(answered - queued),
      states: [a!, b!, c!].map((n) => state(n)!),
      requests: sweep.map((r) => r.operationName!),
      points: sweep.reduce((n, r) => n + (r.cost ?? 0), 0),
    };
    log(`  publishing daemon: queued entries answered after ${figures.totalSeconds} s (${figures.waitSeconds} s to the tick, ${figures.sweepSeconds} s of sweep)`);
    return figures;
  } finally {
    if (exited === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }
    await s.sim.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}

export async function benchPublishing(settings: BenchSettings, log: (line: string) => void, opts: { daemon: boolean }): Promise<PublishingFigures> {
  const out: PublishingFigures = { world: PUBLISHING_WORLD, listing: [], queue: null, daemon: null, errors: [] };
  for (const { mode, extra } of MODES) {
    try {
      out.listing.push(await listingCost(settings, mode, extra, log));
    } catch (error) {
      out.errors.push(`${mode}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    out.queue = await queueAnswer(settings, log);
  } catch (error) {
    out.errors.push(`merge queue: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (opts.daemon) {
    try {
      out.daemon = await daemonAnswer(settings, log);
    } catch (error) {
      out.errors.push(`daemon: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out;
}

export function formatPublishing(p: PublishingFigures): string {
  const w = p.world;
  const lines = [
    `Publishing (${(w.repositories * w.pullRequestsPerRepository).toLocaleString('en-US')} open pull requests in ${w.repositories} repositories; warm sweep, nothing changed; mergeQueue off):`,
    '',
    '| mode | listing requests | listing points | points per 100 PRs | cold sweep points | cold writes | warm writes |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...p.listing.map((r) => `| ${r.mode} | ${r.requests} | ${r.points} | ${r.pointsPer100.toFixed(2)} | ${r.coldPoints} | ${r.coldWrites} | ${r.warmWrites} |`),
  ];
  if (p.queue) {
    const q = p.queue;
    lines.push(
      '',
      `Merge queue: ${q.entries} entries queued (signed, unsigned, signed) after a warm sweep; the next sweep (mergeQueue on) read every queue in ${q.queueRequests} request (${q.queuePoints} point), wrote ${q.groupWrites} group heads (${q.states.join(', ')}), and took ${q.sweepSeconds.toFixed(1)} s.`,
      'A daemon on a one-minute schedule answers an entry within the wait for its next tick (up to 60 s) plus such a sweep.',
    );
  }
  if (p.daemon) {
    const d = p.daemon;
    lines.push(
      `The daemon itself (\`schedule: "* * * * *"\`, quick sweeps), entries queued right after one of its sweeps: answered (${d.states.join(', ')}) ${d.totalSeconds.toFixed(1)} s later, ${d.waitSeconds.toFixed(1)} s waiting for the tick and ${d.sweepSeconds.toFixed(1)} s of sweep (${d.requests.join(', ')}: ${d.points} points).`,
    );
  } else {
    lines.push('The daemon itself was not run (it takes up to two minutes: `npm run bench` runs it, or add `--daemon`).');
  }
  for (const e of p.errors) lines.push(`ERROR ${e}`);
  return lines.join('\n');
}
