// Primary rate limits (issue 4, point 2): a sweep that runs out of GraphQL budget stops, saves what
// it learned and exits 2; successive runs converge without reading a pull request twice. A REST
// budget spent during the writes is recorded the same way.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, configFor, endState, runCaptured, writes } from './support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function start(repos: number, opts: Parameters<typeof harness>[1] = {}, extra = '') {
  const { world, names } = bigWorld(repos, 10);
  const h = await harness(world, { ...opts, config: configFor(names, { concurrency: 4, extra }) });
  open.push(h);
  return { h, world };
}

/** The hour passes: GitHub gives the whole budget back. */
function newHour(h: Harness, which: 'graphqlBudget' | 'restBudget'): void {
  const budget = h.sim.state[which];
  budget.remaining = budget.limit;
  budget.used = 0;
}

function cachedPullRequests(file: string): number {
  // Pull requests whose commits' facts are remembered (the others are only seen).
  const cache = JSON.parse(readFileSync(file, 'utf8')) as { repositories: Record<string, { pullRequests: Record<string, { head?: object }> }> };
  return Object.values(cache.repositories).reduce((n, r) => n + Object.values(r.pullRequests).filter((pr) => pr.head).length, 0);
}

describe('GraphQL budget smaller than one sweep needs', () => {
  it('stops, saves, exits 2 and says so; later runs converge and read each pull request once', async () => {
    const twin = await start(4);
    expect((await twin.h.run('sweep')).code).toBe(0);
    const needed = twin.h.sim.counters.costPoints;
    const openPullRequests = Object.values(endState(twin.world)).filter((s) => s.state !== null).length;

    // Each run can afford three requests: the listing and two more.
    const { h, world } = await start(4, { graphqlLimit: 4 }, 'budget:\n  reservePoints: 1\n');
    expect(needed).toBeGreaterThan(4);
    const fetchedPerRun: number[] = [];
    let runs = 0;
    for (; runs < 8; runs++) {
      const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
      const summary = JSON.parse(r.stdout);
      fetchedPerRun.push(summary.pullRequests.commitsFetched);
      if (runs === 0) {
        expect(r.code).toBe(2);
        expect(summary.stopped).toMatch(/GraphQL budget low .* the next run continues/);
        expect(r.stderr).toMatch(/sweep stopped early: the next run continues.*GraphQL budget low|GraphQL budget low.*sweep stopped early/);
        // What the run read is in the cache.
        expect(cachedPullRequests(h.cacheFile)).toBe(summary.pullRequests.commitsFetched);
        expect(cachedPullRequests(h.cacheFile)).toBeGreaterThan(0);
      }
      // Never more than the budget allows, reserve kept.
      expect(h.sim.state.graphqlBudget.remaining).toBeGreaterThanOrEqual(1);
      newHour(h, 'graphqlBudget');
      if (r.code === 0) break;
      expect(r.code).toBe(2);
    }
    expect(runs).toBeGreaterThan(1);
    expect(runs).toBeLessThan(8);
    expect(endState(world)).toEqual(endState(twin.world));
    // Each pull request's commits were read by exactly one run.
    expect(fetchedPerRun.reduce((a, b) => a + b, 0)).toBe(openPullRequests);
  });
});

describe('REST budget spent during the writes', () => {
  it('records the refused writes, stops writing, exits 2, and the next run completes', async () => {
    const twin = await start(2);
    await twin.h.run('sweep');
    const { h, world } = await start(2);
    h.sim.state.restBudget.remaining = 10;
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.writes.total).toBe(10);
    expect(summary.writes.failed.length).toBeGreaterThan(0);
    expect(summary.writes.failed[0].error).toMatch(/rate limit/i);
    expect(summary.stopped).toMatch(/rate limit/i);
    // Once GitHub said the budget is spent, no more writes were sent into the wall: only those
    // already in flight (maxConcurrency 4) were refused.
    const refused = h.sim.counters.log.filter((x) => x.status === 403).length;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(4);
    expect(summary.writes.skipped).toBeGreaterThan(0);

    newHour(h, 'restBudget');
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(endState(world)).toEqual(endState(twin.world));
    expect(writes(h.sim)).toBeGreaterThan(0);
  });
});

describe('GraphQL budget spent by someone else', () => {
  it('stops at the first RATE_LIMITED answer, names the reset time, writes nothing and exits 2', async () => {
    const { h } = await start(2);
    h.sim.state.graphqlBudget.remaining = 0;
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.stopped).toMatch(/GraphQL API rate limit is spent until \d{4}-\d\d-\d\dT.*the next run continues/);
    // Not blamed on the repositories: they were simply not reached.
    expect(summary.repositories.failed).toEqual([]);
    expect(h.sim.counters.log).toHaveLength(1);
    expect(writes(h.sim)).toBe(0);

    newHour(h, 'graphqlBudget');
    expect((await h.run('sweep')).code).toBe(0);
  });
});
