// Partial answers (issue 10 item 1): GitHub answers what it can, with an error at the path of each
// part it could not answer (SAML enforcement, a forbidden pull request, a null `labels`). The parts
// named are left alone and recorded (exit 2); everything else is reconciled; nothing throws.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import type { Faults } from '../../support/simulator/types.js';
import { bigWorld, configFor, endState, runCaptured, SAMPLE_SIGNATORIES, writes } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function start(faults: Partial<Faults> = {}) {
  const { world, names } = bigWorld(3, 6);
  const h = await harness(world, { faults, config: configFor(names) });
  open.push(h);
  return { h, world, names };
}

/** What a fault-free sweep of the same world leaves on every pull request. */
async function wantedState() {
  const twin = await start();
  expect((await twin.h.run('sweep')).code).toBe(0);
  return endState(twin.world);
}

const except = (state: Record<string, unknown>, left: string[]) => Object.fromEntries(Object.entries(state).filter(([k]) => !left.some((l) => k === l || k.startsWith(`${l}#`))));

function cachedNumbers(file: string, repo: string): string[] {
  const cache = JSON.parse(readFileSync(file, 'utf8')) as { repositories: Record<string, { pullRequests: object }> };
  return Object.keys(cache.repositories[repo]?.pullRequests ?? {}).sort();
}

describe('a repository under SAML enforcement the token is not authorised for', () => {
  it('is reported as refused (not as unknown), with GitHub\'s reason; the others are reconciled; exit 2', async () => {
    const wanted = await wantedState();
    const { h, world } = await start({ samlRepositories: ['acme/repo-1'] });
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.repositories.failed).toEqual([
      { repo: 'acme/repo-1', kind: 'forbidden', error: expect.stringContaining('SAML enforcement') },
    ]);
    expect(except(endState(world), ['acme/repo-1'])).toEqual(except(wanted, ['acme/repo-1']));
    expect(Object.entries(endState(world)).filter(([k, s]) => k.startsWith('acme/repo-1#') && s.state !== null)).toEqual([]);
    const text = await runCaptured(h, { logLevel: 'silent' }, 'sweep');
    expect(text.stdout).toContain('could not read acme/repo-1: GitHub did not answer for acme/repo-1 (FORBIDDEN): Resource protected by organization SAML enforcement');
    expect(text.stdout).not.toContain('not found');
  });
});

describe('a pull request GitHub answers null for (a null in the nodes of the listing)', () => {
  it('is left alone and recorded; every other pull request is reconciled; exit 2; no TypeError', async () => {
    const wanted = await wantedState();
    const { h, world } = await start({ forbiddenPullRequests: ['acme/repo-0#2'] });
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.stderr).not.toContain('TypeError');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.repositories.failed).toEqual([]);
    expect(summary.pullRequests.failed).toEqual([
      { pullRequest: 'acme/repo-0 (a pull request GitHub answered null for)', error: expect.stringMatching(/^GitHub did not answer for a pull request of acme\/repo-0 .*\(FORBIDDEN\)/) },
    ]);
    expect(endState(world)['acme/repo-0#2']).toEqual({ state: null, description: null, labels: [] });
    expect(except(endState(world), ['acme/repo-0#2'])).toEqual(except(wanted, ['acme/repo-0#2']));
  });

  it('keeps what the cache knows of it; once GitHub answers again it is reconciled without reading its commits again', async () => {
    const wanted = await wantedState();
    const { h, world } = await start();
    expect((await h.run('sweep')).code).toBe(0);
    const cached = cachedNumbers(h.cacheFile, 'acme/repo-0');
    // Someone removes our label from #2 while GitHub will not show it; another pull request gets a push.
    world.pullRequest('acme/repo-0', 2).labels.length = 0;
    world.pushCommits('acme/repo-0', 3, [{ author: 'alice' }]);
    h.sim.setFaults({ forbiddenPullRequests: ['acme/repo-0#2'] });
    h.sim.resetCounters();
    const partial = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(partial.exitCode).toBe(2);
    expect(partial.pullRequests.commitsFetched).toBe(1);
    // #2 is still remembered: the listing did not say it was closed.
    expect(cachedNumbers(h.cacheFile, 'acme/repo-0')).toEqual(cached);

    h.sim.setFaults({ forbiddenPullRequests: [] });
    h.sim.resetCounters();
    const next = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(next.exitCode).toBe(0);
    expect(next.pullRequests.commitsFetched).toBe(0);
    expect(writes(h.sim)).toBe(1);
    expect(endState(world)['acme/repo-0#2']).toEqual(wanted['acme/repo-0#2']);
  });
});

describe('a pull request whose labels GitHub answers null', () => {
  it('is left alone and named; every other pull request is reconciled; exit 2', async () => {
    const wanted = await wantedState();
    const { h, world } = await start({ nullLabels: ['acme/repo-2#3'] });
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.stderr).not.toContain('TypeError');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.pullRequests.failed).toEqual([
      { pullRequest: 'acme/repo-2#3', error: expect.stringMatching(/^GitHub did not answer for acme\/repo-2#3 \(FORBIDDEN\)/) },
    ]);
    expect(h.sim.counters.writesPerPullRequest.get('acme/repo-2#3') ?? 0).toBe(0);
    expect(except(endState(world), ['acme/repo-2#3'])).toEqual(except(wanted, ['acme/repo-2#3']));
    // The same each run, and nothing else is written again.
    h.sim.resetCounters();
    const again = await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json');
    expect(again.code).toBe(2);
    expect(writes(h.sim)).toBe(0);
  });
});

describe('a pull request GitHub answers only in part during a quick sweep', () => {
  it('is left alone, not decided from memory, and written once GitHub answers again', async () => {
    const { world, names } = bigWorld(2, 5);
    const h = await harness(world, { config: configFor(names, { extra: 'sweep:\n  rescanMinutes: 60\n' }) });
    open.push(h);
    expect((await h.run('sweep')).code).toBe(0);
    expect((await h.run('sweep')).code).toBe(0);
    const head = () => world.statusOf('acme/repo-0', world.headSha('acme/repo-0', 2), 'cla/signed');
    expect(head()?.state).toBe('failure');
    // bob signs: #2 (alice and bob) would pass, from what the cache remembers of it; GitHub will not show it.
    h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: bob\n`);
    h.sim.setFaults({ forbiddenPullRequests: ['acme/repo-0#2'] });
    h.sim.resetCounters();
    const quick = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(quick.exitCode).toBe(2);
    expect(quick.pullRequests.failed).toHaveLength(1);
    expect(h.sim.counters.writesPerPullRequest.get('acme/repo-0#2') ?? 0).toBe(0);
    expect(head()?.state).toBe('failure');

    h.sim.setFaults({ forbiddenPullRequests: [] });
    h.sim.resetCounters();
    const next = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(next.exitCode).toBe(0);
    expect(next.pullRequests.commitsFetched).toBe(0);
    expect(head()?.state).toBe('success');
  });
});

describe('a pull request that cannot be read when its commits are', () => {
  it('is left alone; the others are reconciled; exit 2', async () => {
    const wanted = await wantedState();
    const { h, world } = await start();
    // Listed fine, then forbidden when its commits are read (a SAML session expiring mid-run, say).
    let listed = false;
    const { faultProxy } = await import('../reliability/support.js');
    const proxy = await faultProxy(h.sim.url, (req) => {
      if (req.path === '/graphql' && req.body.includes('ListOpenPullRequests')) listed = true;
      else if (req.path === '/graphql' && listed) h.sim.setFaults({ forbiddenPullRequests: ['acme/repo-1#4'] });
      return undefined;
    });
    try {
      const r = await runCaptured(h, { apiUrl: proxy.url, logLevel: 'silent' }, 'sweep', '--json');
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).pullRequests.failed).toEqual([{ pullRequest: 'acme/repo-1#4', error: expect.stringContaining('FORBIDDEN') }]);
    } finally {
      await proxy.close();
    }
    expect(endState(world)['acme/repo-1#4']?.state).toBeNull();
    expect(except(endState(world), ['acme/repo-1#4'])).toEqual(except(wanted, ['acme/repo-1#4']));
  });
});
