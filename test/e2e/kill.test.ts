// Crash safety (issue 4, point 5): the built CLI killed with SIGKILL at several points of a sweep
// leaves a readable cache, and a clean rerun reaches exactly the expected end state without
// duplicates; SIGTERM and SIGINT stop new work, save the cache and exit 2 within seconds; and a
// second real process finds the lock held.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_VERSION } from '../../src/cache/schema.js';
import { type SpawnResult, spawnCli, TOKEN } from '../support/harness.js';
import { type Expected, SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';
import type { World } from '../support/simulator/world.js';

const CONTEXT = 'cla/signed';

interface Scene {
  sim: Simulator;
  world: World;
  expected: Expected[];
  dir: string;
  cacheFile: string;
  env: Record<string, string>;
}

const scenes: Scene[] = [];
afterAll(async () => {
  for (const s of scenes) {
    await s.sim.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

async function scene(latencyMs: number): Promise<Scene> {
  const { world, expected } = sampleWorld();
  const sim = await startSimulator({ world, tokens: { [TOKEN]: 'cla-bot' }, faults: { latencyMs } });
  const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-kill-'));
  writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
  writeFileSync(join(dir, 'cla.yaml'), sampleConfig());
  const s: Scene = {
    sim,
    world,
    expected,
    dir,
    cacheFile: join(dir, '.cla-sweeper/cache.json'),
    env: {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: sim.url,
      CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'),
      CLA_SWEEPER_RETRY_BASE_MS: '1',
      CLA_SWEEPER_LOG_LEVEL: 'warn',
    },
  };
  scenes.push(s);
  return s;
}

const writesOf = (s: Scene) => s.sim.counters.requests['rest-write'] + s.sim.counters.requests['graphql-mutation'];

/** Spawns a sweep and sends `signal` once `when` holds (polled every few milliseconds). */
function sweepUntil(s: Scene, when: () => boolean, signal: NodeJS.Signals): Promise<SpawnResult & { signalledAt: number | null; endedAt: number }> {
  let signalledAt: number | null = null;
  let child: ChildProcess | undefined;
  const timer = setInterval(() => {
    if (signalledAt === null && child && when()) {
      signalledAt = performance.now();
      child.kill(signal);
    }
  }, 2);
  return spawnCli(['sweep'], s.env, (c) => {
    child = c;
  }).then((r) => {
    clearInterval(timer);
    return { ...r, signalledAt, endedAt: performance.now() };
  });
}

function expectReadableCache(s: Scene): void {
  if (!existsSync(s.cacheFile)) return;
  const cache = JSON.parse(readFileSync(s.cacheFile, 'utf8'));
  expect(cache.version).toBe(CACHE_VERSION);
  expect(typeof cache.repositories).toBe('object');
}

/** The end state of the sample world, with no duplicate labels and at most two statuses per SHA and context. */
function expectExpectedEndState(s: Scene): void {
  const { world } = s;
  for (const e of s.expected) {
    const where = `${e.repo}#${e.number} (${e.case})`;
    const status = world.statusOf(e.repo, world.headSha(e.repo, e.number), CONTEXT);
    expect(status?.state ?? null, where).toBe(e.state);
    for (const m of e.mentions ?? []) expect(status?.description, where).toContain(m);
    const labels = world.labelsOf(e.repo, e.number);
    expect([...labels].sort(), where).toEqual([...e.labels].sort());
    expect(new Set(labels.map((l) => l.toLowerCase())).size, where).toBe(labels.length);
  }
  for (const repo of world.repos.values()) {
    for (const [sha, list] of repo.statuses) {
      const ours = list.filter((x) => x.context === CONTEXT).length;
      expect(ours, `${repo.name}@${sha}`).toBeLessThanOrEqual(2);
    }
    // One label of each name in the repository.
    expect(new Set([...repo.labels.values()].map((l) => l.name.toLowerCase())).size).toBe(repo.labels.size);
  }
}

/** A clean run after the crash completes and reaches the expected state; optionally, the one after writes nothing. */
async function expectCleanRerun(s: Scene, opts: { thenIdle?: boolean } = {}): Promise<void> {
  // The latency only served to catch the killed run at the wanted point.
  s.sim.setFaults({ latencyMs: 0 });
  const clean = await spawnCli(['sweep'], s.env);
  expect(clean.code, clean.stderr).toBe(0);
  expectExpectedEndState(s);
  if (!opts.thenIdle) return;
  const before = writesOf(s);
  const again = await spawnCli(['sweep'], s.env);
  expect(again.code).toBe(0);
  expect(writesOf(s)).toBe(before);
}

// The scenes are independent (a simulator and a directory each): run them side by side.
describe.concurrent('SIGKILL at any point', () => {
  // Requests seen by the simulator when the process is killed: during the reads (count, listing,
  // commits, co-authors), as the label creations start, and in the middle of the writes.
  it.each([
    [1, 'graphql-query', 'while counting the open pull requests'],
    [24, 'rest-write', 'in the middle of the writes'],
  ] as const)('after %i requests (%s, %s): the cache stays readable and a rerun finishes the job', async (requests, kind, _phase) => {
    const s = await scene(15);
    const killed = await sweepUntil(s, () => s.sim.counters.log.length >= requests, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect(s.sim.counters.log[requests - 1]?.kind).toBe(kind);
    expectReadableCache(s);
    await expectCleanRerun(s);
  });

  it('killed again and again in successive runs (reading, then writing), the next clean run still finishes the job', async () => {
    const s = await scene(15);
    for (const more of [4, 9, 7]) {
      const start = s.sim.counters.log.length;
      const killed = await sweepUntil(s, () => s.sim.counters.log.length >= start + more, 'SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
      expectReadableCache(s);
    }
    await expectCleanRerun(s, { thenIdle: true });
  });
});

describe.concurrent('SIGTERM and SIGINT', () => {
  it.each([
    ['SIGTERM', 'in the middle of the writes', (s: Scene) => writesOf(s) >= 4],
    ['SIGINT', 'while reading', (s: Scene) => s.sim.counters.log.length >= 2],
  ] as const)('%s %s: stops new work, saves the cache, exits 2 within seconds', async (signal, _when, when) => {
    const s = await scene(25);
    const r = await sweepUntil(s, () => when(s), signal);
    expect(r.signalledAt).not.toBeNull();
    expect(r.code, r.stderr).toBe(2);
    expect(r.endedAt - r.signalledAt!).toBeLessThan(3000);
    expect(r.stderr).toContain(`${signal}: finishing in-flight writes, saving the cache, then exiting`);
    expect(r.stdout).toContain('stopped early: interrupted');
    // The cache was saved and the lock released.
    expect(JSON.parse(readFileSync(s.cacheFile, 'utf8')).version).toBe(CACHE_VERSION);
    expect(existsSync(`${s.cacheFile}.lock`)).toBe(false);
    // It did stop: far fewer writes than a whole sweep makes.
    expect(writesOf(s)).toBeLessThan(15);
    await expectCleanRerun(s);
  });
});

describe.concurrent('one run at a time, between real processes', () => {
  it('a second sweep started while the first runs exits 1 at once; the first completes', async () => {
    const s = await scene(25);
    const first = spawnCli(['sweep'], s.env);
    while (s.sim.counters.log.length < 2) await new Promise((r) => setTimeout(r, 5));
    const startedAt = performance.now();
    const second = spawnCli(['sweep'], s.env).then((r) => ({ ...r, startedAt, endedAt: performance.now() }));
    const [a, b] = await Promise.all([first, second]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/another cla-sweeper run \(pid \d+ on .*\) holds .*cache\.json\.lock/);
    expect(b.endedAt - b.startedAt).toBeLessThan(2500);
    expect(a.code).toBe(0);
    expectExpectedEndState(s);
  });
});
