// A signatories list kept in a repository is asked for conditionally: a sweep after the first one
// spends nothing of the REST rate limit on it while it is unchanged, and reads it again once changed.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';

describe('a signatories list on GitHub', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('costs no rate limit while unchanged (304), and is read again once changed', async () => {
    const { world } = sampleWorld();
    world.addRepo('acme/cla');
    world.setFile('acme/cla', 'signatories.yaml', SAMPLE_SIGNATORIES);
    const config = sampleConfig().replace(/signatories:\n {2}file: signatories.yaml/, 'signatories:\n  github: { repo: acme/cla, path: signatories.yaml }');
    expect(config).toContain('github: { repo: acme/cla');
    h = await harness(world, { config });
    const contents = () => h.sim.counters.log.filter((r) => r.path.endsWith('/contents/signatories.yaml'));

    expect((await h.run('sweep')).code).toBe(0);
    expect(contents().map((r) => r.status)).toEqual([200]);

    h.sim.resetCounters();
    const before = h.sim.state.restBudget.remaining;
    expect((await h.run('sweep')).code).toBe(0);
    expect(contents().map((r) => r.status)).toEqual([304]);
    expect(h.sim.state.restBudget.remaining).toBe(before);

    // bob signs: the next sweep reads the new list and turns his pull request green.
    world.setFile('acme/cla', 'signatories.yaml', `${SAMPLE_SIGNATORIES}  - github: bob\n`);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(contents().map((r) => r.status)).toEqual([200]);
    const [pr] = [...world.mustRepo('acme/widgets').pullRequests.values()].filter((p) => p.commits.some((sha) => world.commits.get(sha)?.author.email === 'bob@example.org'));
    expect(world.statusOf('acme/widgets', world.headSha('acme/widgets', pr!.number), 'cla/signed')?.state).toBe('success');
  });
});
