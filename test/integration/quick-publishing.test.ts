// Check runs and merge queues under quick sweeps (`sweep.rescanMinutes`), as a daemon on a short
// schedule runs them: what a quick sweep remembers of our runs (their ids) lets it update them in
// place, and the writes to group commits are not taken for the pull requests' own.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { sampleConfig } from '../support/sample-world.js';
import { World } from '../support/simulator/world.js';

const REPO = 'acme/widgets';
const SIGNED_ONLY = 'signatories:\n  - github: alice\n  - github: carol\n';
const ALL_SIGNED = `${SIGNED_ONLY}  - github: bob\n`;
const QUICK = 'sweep:\n  rescanMinutes: 60\n';

function world(): { world: World; token: { installation: number } } {
  const w = new World();
  for (const login of ['alice', 'bob', 'carol']) w.addUser(login, { emails: [`${login}@example.org`] });
  w.addRepo(REPO);
  for (const author of ['alice', 'bob', 'carol']) w.addPullRequest(REPO, { commits: [{ author }] });
  w.addApp('cla-sweeper', { id: 4242 });
  return { world: w, token: { installation: w.installApp('cla-sweeper', 'acme').id } };
}

const writes = (h: Harness) => h.sim.counters.requests['rest-write'] + h.sim.counters.requests['graphql-mutation'];
const operations = (h: Harness) => h.sim.counters.log.map((r) => r.operationName ?? `${r.method} ${r.path.replace(/\/\d+$/, '/N')}`);
const runs = (h: Harness, n: number) => h.sim.world.checkRunsOf(REPO, h.sim.world.headSha(REPO, n), 'cla/signed');

describe('check runs under quick sweeps', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('remembers each run it wrote, so that quick sweeps write nothing, then update it in place when a contributor signs', async () => {
    const { world: w, token } = world();
    h = await harness(w, { token, signatories: SIGNED_ONLY, config: sampleConfig({ repositories: [REPO], extra: `publish: check-run\nmergeQueue: false\n${QUICK}` }) });
    expect((await h.run('sweep')).code).toBe(0);
    const created = runs(h, 2);
    expect(created).toMatchObject([{ conclusion: 'action_required' }]);

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);

    h.setSignatories(ALL_SIGNED);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(runs(h, 2)).toMatchObject([{ id: created[0]!.id, conclusion: 'success' }]);
    expect(operations(h).filter((o) => o.includes('check-runs'))).toEqual([`PATCH /repos/${REPO}/check-runs/N`]);

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);
  });
});

describe('merge queues under quick sweeps', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers the queue every quick sweep, and its writes to group commits leave what is remembered of the pull requests alone', async () => {
    const { world: w } = world();
    h = await harness(w, { signatories: SIGNED_ONLY, config: sampleConfig({ repositories: [REPO], extra: QUICK }) });
    expect((await h.run('sweep')).code).toBe(0);

    for (const n of [1, 2, 3]) h.sim.world.enqueue(REPO, n);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    const group = (n: number) => h.sim.world.statusOf(REPO, h.sim.world.queueEntry(REPO, n)!.headSha, 'cla/signed')?.state;
    expect([1, 2, 3].map(group)).toEqual(['success', 'failure', 'failure']);
    expect(operations(h)).not.toContain('FetchPullRequestCommits');

    // Nothing changed: no write, neither to the groups nor to the pull requests.
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);

    h.setSignatories(ALL_SIGNED);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect([1, 2, 3].map(group)).toEqual(['success', 'success', 'success']);
    expect(h.sim.world.statusOf(REPO, h.sim.world.headSha(REPO, 2), 'cla/signed')?.state).toBe('success');
  });
});
