import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, type StartOptions, startSimulator } from '../../support/simulator/server.js';
import { send } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

const sims: Simulator[] = [];
async function start(opts: StartOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ world: smallWorld(), ...opts });
  sims.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function statuses(sim: Simulator, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send(sim, 'GET', `/repos/${REPO}/labels`)).status);
  return out;
}

describe('latency', () => {
  it('delays every answer by latencyMs', async () => {
    const sim = await start({ faults: { latencyMs: 120 } });
    const started = performance.now();
    await send(sim, 'GET', '/user');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('server errors', () => {
  it('answers every request with a 500, 502 or 503 and GitHub\'s message when the rate is 1', async () => {
    const sim = await start({ faults: { serverErrorRate: 1 } });
    const replies = await Promise.all(Array.from({ length: 12 }, () => send(sim, 'GET', '/user')));
    for (const r of replies) {
      expect([500, 502, 503]).toContain(r.status);
      expect(r.body).toMatchObject({ message: expect.any(String) });
    }
    expect(sim.counters.log.map((r) => r.status).sort()).toEqual(replies.map((r) => r.status).sort());
  });

  it('makes no request faulty when the rate is 0', async () => {
    const sim = await start({ faults: { serverErrorRate: 0 } });
    expect(await statuses(sim, 20)).toEqual(Array(20).fill(200));
  });

  it('chooses the same faulty requests for the same seed, and others for another seed', async () => {
    const faults = { serverErrorRate: 0.4, seed: 42 };
    const a = await statuses(await start({ faults }), 40);
    const b = await statuses(await start({ faults }), 40);
    const c = await statuses(await start({ faults: { ...faults, seed: 7 } }), 40);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    const failed = a.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(30);
  });

  it('restarts the sequence when setFaults gives the seed again', async () => {
    const sim = await start({ faults: { serverErrorRate: 0.5, seed: 3 } });
    const first = await statuses(sim, 15);
    sim.setFaults({ seed: 4 });
    sim.setFaults({ seed: 3 });
    expect(await statuses(sim, 15)).toEqual(first);
  });

  it('charges nothing for a request it failed', async () => {
    const sim = await start({ faults: { serverErrorRate: 1 }, restLimit: 10 });
    await send(sim, 'GET', '/user');
    expect(sim.state.restBudget.remaining).toBe(10);
  });
});

describe('secondary rate limit', () => {
  it('refuses requests beyond the allowed concurrency with 403, retry-after and GitHub\'s message', async () => {
    const sim = await start({ faults: { secondaryLimitConcurrency: 2, secondaryRetryAfterSeconds: 7, latencyMs: 250 } });
    const replies = await Promise.all(Array.from({ length: 6 }, () => send(sim, 'GET', '/user')));
    const refused = replies.filter((r) => r.status === 403);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.body).toMatchObject({
        message: expect.stringMatching(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again/),
      });
    }
  });

  it('never refuses requests made one at a time', async () => {
    const sim = await start({ faults: { secondaryLimitConcurrency: 1, latencyMs: 5 } });
    expect(await statuses(sim, 5)).toEqual(Array(5).fill(200));
  });
});

describe('GraphQL error rate', () => {
  it('does not fail REST requests with GraphQL errors', async () => {
    const sim = await start({ faults: { graphqlErrorRate: 1 } });
    expect(await statuses(sim, 3)).toEqual([200, 200, 200]);
  });
});
