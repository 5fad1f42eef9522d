// Transient faults (issue 4, points 1 and 2): 5xx answers, GraphQL "Something went wrong", a
// secondary rate limit and oversized queries are retried or split; a 4xx is not retried blindly.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, configFor, endState, maxStatusesPerSha, operations, runCaptured, writes } from './support.js';

const FAULTS = {
  serverErrorRate: 0.15,
  graphqlErrorRate: 0.05,
  secondaryLimitConcurrency: 4,
  secondaryRetryAfterSeconds: 2,
  latencyMs: 10,
  seed: 4,
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

    h.sim.setFaults({ serverErrorRate: 0, graphqlErrorRate: 0, secondaryLimitConcurrency: 0 });
    expect((await h.run('sweep')).code).toBe(0);
    expect(endState(world)).toEqual(wanted);
    expect(maxStatusesPerSha(world)).toBeLessThanOrEqual(2);

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h.sim)).toBe(0);
  });

  it('splits a GraphQL listing that times out for its size and retries it smaller', async () => {
    const { h, world } = await start({ faults: { timeoutAboveNodes: 120 } });
    const twin = await start();
    await twin.h.run('sweep');
    const r = await h.run('sweep', '--json');
    expect(r.code).toBe(0);
    const listings = h.sim.counters.log.filter((x) => x.operationName === 'ListOpenPullRequests');
    expect(listings.some((x) => x.status === 502)).toBe(true);
    expect(listings.filter((x) => x.status === 200).length).toBeGreaterThan(listings.filter((x) => x.status === 502).length);
    expect(endState(world)).toEqual(endState(twin.world));
    expect(operations(h.sim, 'FetchPullRequestCommits')).toBeGreaterThan(0);
  });
});
