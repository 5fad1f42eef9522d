// Rate limits as GitHub sends them now (issue 10 item 2) and RESOURCE_LIMITS_EXCEEDED (item 3): each
// form stops the sweep (or is waited out, or halved) the way RATE_LIMITED is; nothing is blamed on
// the repositories, and no request is sent into a limit that GitHub says is spent.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import type { RequestRecord } from '../../support/simulator/types.js';
import { bigWorld, configFor, endState, faultProxy, runCaptured, writes } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function start(opts: Parameters<typeof harness>[1] = {}, repos = 4) {
  const { world, names } = bigWorld(repos, 10);
  const h = await harness(world, { ...opts, config: configFor(names, { concurrency: 2 }) });
  open.push(h);
  return { h, world };
}

/** The end state a fault-free sweep of the same world reaches. */
async function wantedState(repos = 4) {
  const twin = await start({}, repos);
  expect((await twin.h.run('sweep')).code).toBe(0);
  return { state: endState(twin.world), log: [...twin.h.sim.counters.log] };
}

/** Requests the simulator received after the first one `limited` picks out. */
function sentAfter(log: RequestRecord[], limited: (r: RequestRecord) => boolean): number {
  const first = log.findIndex(limited);
  expect(first).toBeGreaterThanOrEqual(0);
  return log.length - first - 1;
}

// A GraphQL query refused for the budget is charged nothing; one that ran is charged at least 1 point.
const refusedForBudget = (r: RequestRecord) => r.kind === 'graphql-query' && r.cost === 0;

describe('the newer RATE_LIMIT form (type RATE_LIMIT, code graphql_rate_limit)', () => {
  it('at the first request: stops, blames no repository, sends nothing more, writes nothing, exit 2', async () => {
    const { h } = await start({ faults: { graphqlRateLimitType: 'RATE_LIMIT' } });
    h.sim.state.graphqlBudget.remaining = 0;
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.stopped).toMatch(/GraphQL API rate limit is spent until \d{4}-\d\d-\d\dT.*the next run continues/);
    expect(summary.repositories.failed).toEqual([]);
    expect(h.sim.counters.log).toHaveLength(1);
    expect(writes(h.sim)).toBe(0);
  });

  it('in the middle of the reads (another tool spent the budget): no GraphQL request after it; what was read is written', async () => {
    const wanted = await wantedState();
    const { h, world } = await start({ faults: { graphqlRateLimitType: 'RATE_LIMIT' } });
    // Someone else spends the hour's budget just before our fourth GraphQL request: the count, the
    // listing and the first commit pages pass; the co-author lookup that follows is refused.
    let graphqlRequests = 0;
    const proxy = await faultProxy(h.sim.url, (req) => {
      if (req.path === '/graphql' && ++graphqlRequests === 4) h.sim.state.graphqlBudget.remaining = 0;
      return undefined;
    });
    let summary: { stopped: string; repositories: { failed: unknown[] }; pullRequests: { commitsFetched: number } };
    try {
      const r = await runCaptured(h, { apiUrl: proxy.url, logLevel: 'warn' }, 'sweep', '--json');
      expect(r.code).toBe(2);
      summary = JSON.parse(r.stdout);
    } finally {
      await proxy.close();
    }
    expect(summary.stopped).toMatch(/GraphQL API rate limit is spent until .*the next run continues/);
    expect(summary.repositories.failed).toEqual([]);
    const log = h.sim.counters.log;
    expect(log.filter(refusedForBudget)).toHaveLength(1);
    // No GraphQL request after it; the writes go on (REST has its own budget).
    const after = log.slice(log.findIndex(refusedForBudget) + 1);
    expect(after.filter((x) => x.kind === 'graphql-query')).toEqual([]);
    expect(after.every((x) => x.kind === 'rest-write' && x.status < 300)).toBe(true);
    // The pull requests whose commits were read in full are reconciled; the others are as they were.
    const state = endState(world);
    const written = Object.keys(state).filter((k) => state[k]!.state !== null);
    expect(written.length).toBe(summary.pullRequests.commitsFetched);
    expect(written.length).toBeGreaterThan(0);
    for (const [k, s] of Object.entries(state)) {
      if (written.includes(k)) expect(s, k).toEqual(wanted.state[k]);
      else expect(s.state, k).toBeNull();
    }

    // The hour passes: the next run reads only what is left, and finishes the job.
    h.sim.state.graphqlBudget.remaining = h.sim.state.graphqlBudget.limit;
    const next = JSON.parse((await h.run('sweep', '--json')).stdout);
    expect(next.exitCode).toBe(0);
    expect(next.pullRequests.commitsFetched + written.length).toBe(Object.values(wanted.state).filter((s) => s.state !== null).length);
    expect(endState(world)).toEqual(wanted.state);
  });
});

describe('a secondary rate limit on GraphQL', () => {
  it.each([200, 403] as const)('answered with HTTP %s and lifting: waited out (retry-after) and the sweep completes', async (status) => {
    const wanted = await wantedState();
    const { h, world } = await start({
      faults: { secondaryLimitAfterRequests: 1, secondaryLimitRequests: 2, secondaryLimitGraphqlStatus: status, secondaryRetryAfterSeconds: 3 },
    });
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('secondary rate limit');
    expect(endState(world)).toEqual(wanted.state);
    // The two refused requests were each asked again once, after retry-after, and nothing else was added.
    expect(h.sim.counters.log.length).toBe(wanted.log.length + 2);
  });

  it.each([200, 403] as const)('answered with HTTP %s and persisting: stops as rate-limited after the retries, exit 2', async (status) => {
    const { h } = await start({
      faults: { secondaryLimitAfterRequests: 1, secondaryLimitGraphqlStatus: status, secondaryRetryAfterSeconds: 2 },
    });
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.stopped).toMatch(/secondary rate limit/);
    // Not blamed on the repositories (they were not reached), nor on the token's permissions.
    expect(summary.repositories.failed).toEqual([]);
    expect(summary.repositories.notReached).toHaveLength(4);
    // The listing, then the throttling plugin's six retries of it, then nothing.
    const limited = (x: RequestRecord) => x.status === status && x.operationName === 'ListOpenPullRequests';
    expect(sentAfter(h.sim.counters.log, limited)).toBe(6);
    expect(writes(h.sim)).toBe(0);
  });
});

describe('a secondary rate limit during the writes', () => {
  it('persisting: no further request of any kind once the retries are spent; nothing blamed on permissions; exit 2', async () => {
    const wanted = await wantedState(2);
    const reads = wanted.log.filter((x) => x.kind === 'graphql-query').length;
    // The reads and three writes pass; every request after that is refused.
    const { h, world } = await start({ faults: { secondaryLimitAfterRequests: reads + 3, secondaryRetryAfterSeconds: 1 } }, 2);
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.stopped).toMatch(/secondary rate limit/);
    expect(summary.writes.total).toBe(3);
    expect(summary.writes.skipped).toBeGreaterThan(0);
    expect(summary.writes.failed.every((f: { error: string }) => /secondary rate limit/.test(f.error))).toBe(true);
    expect(r.stdout).not.toMatch(/permission/i);
    // Each write in flight (maxConcurrency 2) was retried six times; then nothing more was sent.
    const limited = (x: RequestRecord) => x.status === 403;
    const log = h.sim.counters.log;
    expect(sentAfter(log, limited)).toBeLessThanOrEqual(2 * 7 - 1);
    expect(log.slice(log.findIndex(limited)).every(limited)).toBe(true);

    // The limit lifts: the next run makes the rest.
    h.sim.setFaults({ secondaryLimitAfterRequests: 0 });
    expect((await h.run('sweep')).code).toBe(0);
    expect(endState(world)).toEqual(wanted.state);
  });
});

describe('a secondary rate limit without retry-after (GitHub does not always send one)', () => {
  it('is told apart from a refused permission by its documentation link, waited out, and stops the sweep when it persists', async () => {
    const wanted = await wantedState(2);
    const reads = wanted.log.filter((x) => x.kind === 'graphql-query').length;
    const { h } = await start({ faults: { secondaryLimitAfterRequests: reads + 3, secondaryRetryAfterSeconds: 0 } }, 2);
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.stopped).toMatch(/secondary rate limit/);
    expect(summary.writes.refused).toEqual([]);
    expect(summary.writes.total).toBe(3);
    const log = h.sim.counters.log;
    const limited = (x: RequestRecord) => x.status === 403;
    expect(sentAfter(log, limited)).toBeLessThanOrEqual(2 * 7 - 1);
    expect(log.slice(log.findIndex(limited)).every(limited)).toBe(true);
  });
});

describe('RESOURCE_LIMITS_EXCEEDED', () => {
  it('is a size problem: the batch is halved until GitHub answers, and the sweep completes as without the limit', async () => {
    const wanted = await wantedState();
    // One repository's listing fits; four together do not.
    const { h, world } = await start({ faults: { resourceLimitAboveNodes: 2000 } });
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.repositories.failed).toEqual([]);
    expect(endState(world)).toEqual(wanted.state);
    const listings = h.sim.counters.log.filter((x) => x.operationName === 'ListOpenPullRequests');
    // Four repositories at once, then two and two, then one by one: at most 1 + 2 + 4 listings.
    expect(listings.length).toBeGreaterThan(1);
    expect(listings.length).toBeLessThanOrEqual(7);
  });
});
