// Transient faults (issue 4, points 1 and 2): 5xx answers, GraphQL "Something went wrong", a
// secondary rate limit and oversized queries are retried or split; a 4xx is not retried blindly.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, CONTEXT, configFor, endState, faultProxy, maxStatusesPerSha, runCaptured, writes } from './support.js';

const FAULTS = {
  serverErrorRate: 0.15,
  graphqlErrorRate: 0.05,
  secondaryLimitConcurrency: 4,
  secondaryRetryAfterSeconds: 2,
  // Enough latency for requests to overlap, so that more than four are in flight at once.
  latencyMs: 25,
  seed: 1,
};

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function start(opts: Parameters<typeof harness>[1] & { concurrency?: number; repos?: number } = {}) {
  const { world, names } = bigWorld(opts.repos ?? 4, 10);
  const h = await harness(world, { ...opts, config: configFor(names, { concurrency: opts.concurrency ?? 8 }) });
  open.push(h);
  return { h, world, names };
}

describe('transient faults', () => {
  it('finishes under 5xx, GraphQL errors and a secondary limit, and the next sweep reaches the fault-free end state', async () => {
    const twin = await start();
    expect((await twin.h.run('sweep')).code).toBe(0);
    const wanted = endState(twin.world);

    const { h, world } = await start({ faults: FAULTS });
    const faulty = await runCaptured(h, { logLevel: 'warn' }, 'sweep');
    expect([0, 2]).toContain(faulty.code);
    // The faults did happen, and the secondary limit was reached and honoured.
    const statuses = h.sim.counters.log.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(3);
    expect(statuses.filter((s) => s === 403).length).toBeGreaterThan(0);
    expect(faulty.stderr).toContain('secondary rate limit');
    // "Something went wrong" answers are 200s that charged nothing.
    const wentWrong = h.sim.counters.log.filter((r) => r.kind === 'graphql-query' && r.status === 200 && r.cost === undefined);
    expect(wentWrong.length).toBeGreaterThan(0);
    // Each shows in the logs, though retried.
    expect(faulty.stderr).toContain('GitHub server error');
    expect(faulty.stderr).toContain('Something went wrong while executing your query');

    h.sim.setFaults({ serverErrorRate: 0, graphqlErrorRate: 0, secondaryLimitConcurrency: 0 });
    expect((await h.run('sweep')).code).toBe(0);
    expect(endState(world)).toEqual(wanted);
    expect(maxStatusesPerSha(world)).toBeLessThanOrEqual(2);

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h.sim)).toBe(0);
  });

  it('slows down on a secondary rate limit instead of hammering', async () => {
    const { h } = await start({ faults: { secondaryLimitConcurrency: 4, secondaryRetryAfterSeconds: 2, latencyMs: 25 } });
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(0);
    const refused = h.sim.counters.log.filter((x) => x.status === 403).length;
    expect(refused).toBeGreaterThan(0);
    // Each secondary limit halves the requests in flight: a handful of refusals, not one per write.
    expect(refused).toBeLessThanOrEqual(8);
  });

  it('splits a GraphQL batch that times out for its size, trying each size at most twice', async () => {
    // One repository's listing or one pull request's commits fit under 2000 nodes; four or 41 do not.
    const { h, world } = await start({ faults: { timeoutAboveNodes: 2000 } });
    const twin = await start();
    await twin.h.run('sweep');
    expect((await h.run('sweep')).code).toBe(0);
    expect(endState(world)).toEqual(endState(twin.world));
    for (const op of ['ListOpenPullRequests', 'FetchPullRequestCommits']) {
      const sent = h.sim.counters.log.filter((x) => x.operationName === op);
      const timedOut = sent.filter((x) => x.status === 502).length;
      const answered = sent.filter((x) => x.status === 200).length;
      expect(timedOut, op).toBeGreaterThan(0);
      // Every batch that timed out was tried twice, then halved: no more timeouts than twice the
      // number of batches that had to be split (answered batches - 1 for a binary split).
      expect(timedOut, op).toBeLessThanOrEqual(2 * (answered - 1));
    }
  });
});

describe('client errors', () => {
  it('records a 422 on a status write once, without retrying it, and exits 2', async () => {
    const { world, names } = bigWorld(1, 4);
    const h = await harness(world, { config: configFor(names) });
    open.push(h);
    const target = `/repos/acme/repo-0/statuses/${world.headSha('acme/repo-0', 2)}`;
    let refused = 0;
    const proxy = await faultProxy(h.sim.url, (req) => {
      if (req.method !== 'POST' || req.path !== target) return undefined;
      refused += 1;
      return {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ resource: 'Status', code: 'custom', message: 'too many statuses' }] },
      };
    });
    try {
      const r = await runCaptured(h, { apiUrl: proxy.url, logLevel: 'error' }, 'sweep', '--json');
      expect(r.code).toBe(2);
      expect(refused).toBe(1);
      const summary = JSON.parse(r.stdout);
      expect(summary.writes.failed).toEqual([
        expect.objectContaining({ kind: 'set-status', target: 'acme/repo-0#2', error: expect.stringContaining('422') }),
      ]);
      // The other pull requests were reconciled.
      expect(summary.writes.byKind['set-status']).toBe(4);
      expect(world.statusOf('acme/repo-0', world.headSha('acme/repo-0', 1), CONTEXT)).toBeDefined();
    } finally {
      await proxy.close();
    }
    // GitHub accepts it again: the next run writes only what is missing.
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h.sim)).toBe(1);
  });
});
