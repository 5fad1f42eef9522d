// Fail closed (issue 4, point 4): refused credentials write nothing and exit 1 naming the variable;
// a sweep that would turn many green pull requests red writes nothing unless told to.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, CONTEXT, configFor, endState, runCaptured, SAMPLE_SIGNATORIES, writes } from './support.js';

let h: Harness;
let world: ReturnType<typeof bigWorld>['world'];
beforeEach(async () => {
  const built = bigWorld(3, 10);
  world = built.world;
  h = await harness(world, { config: configFor(built.names, { concurrency: 4 }) });
});
afterEach(async () => {
  await h.close();
});

describe('credentials GitHub refuses', () => {
  it.each([
    ['a token GitHub does not know', { token: 'ghp_not-a-token-github-knows' }, false],
    ['a token revoked since the last run (the cache knows every repository)', { token: 'ghp_revoked' }, true],
    ['no token at all', { token: null }, false],
  ])('%s: exit 1, zero writes, and the message names GITHUB_TOKEN', async (_case, env, warm) => {
    if (warm) {
      expect((await h.run('sweep')).code).toBe(0);
      world.pushCommits('acme/repo-0', 1, [{ author: 'bob' }]);
      h.sim.resetCounters();
    }
    const r = await runCaptured(h, env, 'sweep');
    expect(r.code).toBe(1);
    expect(writes(h.sim)).toBe(0);
    expect(r.stderr).toContain('GITHUB_TOKEN');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a token revoked in the middle of a run stops the run with exit 1, naming GITHUB_TOKEN', async () => {
    expect((await h.run('sweep')).code).toBe(0);
    world.pushCommits('acme/repo-0', 1, [{ author: 'bob' }]);
    h.sim.resetCounters();
    h.sim.setFaults({ latencyMs: 20 });
    const pending = runCaptured(h, {}, 'sweep');
    // Revoke once the reads (the listing and the one commit fetch) have been let in.
    while (h.sim.counters.log.length < 2) await new Promise((r) => setTimeout(r, 1));
    h.sim.state.tokens.clear();
    const r = await pending;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GITHUB_TOKEN');
    expect(h.sim.counters.log.slice(2).every((x) => x.status === 401)).toBe(true);
  });
});

describe('mass-change guard', () => {
  const truncated = 'signatories:\n  - github: alice\n';

  it('refuses a sweep that would turn most green pull requests red, writes nothing, exits 1 and says why', async () => {
    expect((await h.run('sweep')).code).toBe(0);
    const before = endState(world);
    const green = Object.values(before).filter((s) => s.state === 'success').length;
    expect(green).toBeGreaterThan(10);

    h.setSignatories(truncated);
    h.sim.resetCounters();
    const r = await runCaptured(h, {}, 'sweep');
    expect(r.code).toBe(1);
    expect(writes(h.sim)).toBe(0);
    expect(endState(world)).toEqual(before);
    expect(r.stderr).toMatch(/would turn \d+ of \d+ green checks red/);
    expect(r.stderr).toContain('--allow-mass-change');
    expect(r.stderr).not.toMatch(/\n\s+at /);

    // The guard holds on every run until someone decides.
    expect((await runCaptured(h, {}, 'sweep')).code).toBe(1);
    expect(writes(h.sim)).toBe(0);

    // A dry run shows the refused plan, then exits 1 too.
    const dry = await runCaptured(h, {}, 'sweep', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/would set-status .*failure/);
    expect(dry.stderr).toContain('--allow-mass-change');
    expect(writes(h.sim)).toBe(0);

    const allowed = await runCaptured(h, {}, 'sweep', '--allow-mass-change');
    expect(allowed.code).toBe(0);
    const after = endState(world);
    const flipped = Object.keys(before).filter((k) => before[k]!.state === 'success' && after[k]!.state === 'failure');
    expect(flipped.length).toBeGreaterThan(10);

    // Passing the guard is for one run only, and a restored list flips everything back under the guard's eye.
    h.setSignatories(SAMPLE_SIGNATORIES);
    expect((await runCaptured(h, {}, 'sweep')).code).toBe(0);
    expect(endState(world)).toMatchObject(
      Object.fromEntries(Object.entries(before).map(([k, v]) => [k, { state: v.state, labels: v.labels }])),
    );
  });

  it('lets a small change through: a few flips are below maxFlips', async () => {
    expect((await h.run('sweep')).code).toBe(0);
    // Removing one signatory flips only that person's pull requests.
    h.setSignatories(SAMPLE_SIGNATORIES.replace('  - github: frank\n', ''));
    const r = await runCaptured(h, {}, 'sweep');
    expect(r.code).toBe(0);
    const frank = world.pullRequest('acme/repo-0', 6);
    expect(world.statusOf('acme/repo-0', frank.commits.at(-1)!, CONTEXT)?.state).toBe('failure');
  });
});
