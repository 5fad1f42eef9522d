// Merge queues (issue 13 item 2): each queued group's head commit gets each check, `success` only
// when every pull request in the group (the entry and those ahead of it) passes, from the verdicts
// the sweep has anyway: no commit is read for the groups.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { sampleConfig } from '../support/sample-world.js';
import { World } from '../support/simulator/world.js';

const REPO = 'acme/widgets';
const SIGNED_ONLY = 'signatories:\n  - github: alice\n  - github: carol\n';
const ALL_SIGNED = `${SIGNED_ONLY}  - github: bob\n`;

/** Three pull requests queued in order: signed (alice), unsigned (bob), signed (carol). */
function queuedWorld(): World {
  const world = new World();
  for (const login of ['alice', 'bob', 'carol']) world.addUser(login, { emails: [`${login}@example.org`] });
  world.addRepo(REPO);
  world.addRepo('acme/gadgets');
  world.addRepo('acme/docs');
  for (const author of ['alice', 'bob', 'carol']) world.addPullRequest(REPO, { commits: [{ author }] });
  for (const n of [1, 2, 3]) world.enqueue(REPO, n);
  return world;
}

const config = (extra = '') => sampleConfig({ repositories: [REPO, 'acme/gadgets', 'acme/docs'], extra });
const groupHeads = (h: Harness) => [1, 2, 3].map((n) => h.sim.world.queueEntry(REPO, n)!.headSha);
const groupStatuses = (h: Harness) => groupHeads(h).map((sha) => h.sim.world.statusOf(REPO, sha, 'cla/signed')?.state ?? null);
const groupRuns = (h: Harness) => groupHeads(h).map((sha) => h.sim.world.checkRunsOf(REPO, sha, 'cla/signed').map((r) => r.conclusion));

function writes(h: Harness): number {
  return h.sim.counters.requests['rest-write'] + h.sim.counters.requests['graphql-mutation'];
}

function commitReads(h: Harness): number {
  return h.sim.counters.log.filter((r) => r.operationName === 'FetchPullRequestCommits').length;
}

describe('merge queues', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('a queue of signed, unsigned, signed gets success, failure, failure; after the author signs, success on all three', async () => {
    h = await harness(queuedWorld(), { signatories: SIGNED_ONLY, config: config() });

    expect((await h.run('sweep')).code).toBe(0);

    expect(groupStatuses(h)).toEqual(['success', 'failure', 'failure']);
    const [, second, third] = groupHeads(h).map((sha) => h.sim.world.statusOf(REPO, sha, 'cla/signed')!);
    expect(second!.description).toBe('Does not pass for #2 in this merge group');
    expect(third!.description).toBe('Does not pass for #2 in this merge group');
    expect(second!.targetUrl).toBe('https://example.org/cla');
    // The pull requests themselves got their own statuses as ever.
    expect([1, 2, 3].map((n) => h.sim.world.statusOf(REPO, h.sim.world.headSha(REPO, n), 'cla/signed')?.state)).toEqual(['success', 'failure', 'success']);

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);

    h.setSignatories(ALL_SIGNED);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(groupStatuses(h)).toEqual(['success', 'success', 'success']);
    expect(commitReads(h)).toBe(0);
    // Two group heads and pull request #2 (its status and its label swap).
    expect(writes(h)).toBe(2 + 3);
  });

  it('reads no queue where there is none (asked free with each listing and probe); a queue that appears is answered on the next quick sweep', async () => {
    const world = new World();
    for (const login of ['alice', 'bob', 'carol']) world.addUser(login, { emails: [`${login}@example.org`] });
    for (const repo of [REPO, 'acme/gadgets', 'acme/docs']) world.addRepo(repo);
    for (const author of ['alice', 'bob', 'carol']) world.addPullRequest(REPO, { commits: [{ author }] });
    h = await harness(world, { signatories: SIGNED_ONLY, config: config('sweep:\n  rescanMinutes: 60\n') });
    const queueReads = () => h.sim.counters.log.filter((r) => r.operationName === 'ReadMergeQueues').length;

    expect((await h.run('sweep')).code).toBe(0);
    expect(queueReads()).toBe(0);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(queueReads()).toBe(0);

    for (const n of [1, 2, 3]) world.enqueue(REPO, n);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(queueReads()).toBe(1);
    expect(groupStatuses(h)).toEqual(['success', 'failure', 'failure']);
  });

  it('the same with check runs of our App on the group heads', async () => {
    const world = queuedWorld();
    world.addApp('cla-sweeper', { id: 4242 });
    const token = { installation: world.installApp('cla-sweeper', 'acme').id };
    h = await harness(world, { token, signatories: SIGNED_ONLY, config: config('publish: check-run\n') });

    expect((await h.run('sweep')).code).toBe(0);

    expect(groupRuns(h)).toEqual([['success'], ['action_required'], ['action_required']]);
    const run = h.sim.world.checkRunsOf(REPO, groupHeads(h)[2]!, 'cla/signed')[0]!;
    expect(run).toMatchObject({ appId: 4242, externalId: 'cla-sweeper', detailsUrl: 'https://example.org/cla' });
    expect(run.output.summary).toContain('- #2: does not pass: `bob`');
    expect(run.output.summary).toContain('- #1: passes');

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);

    h.setSignatories(ALL_SIGNED);
    expect((await h.run('sweep')).code).toBe(0);
    // Updated in place: still one run per group head.
    expect(groupRuns(h)).toEqual([['success'], ['success'], ['success']]);
  });

  it('reads the queues of all the repositories in one request of 1 point, and the groups need no commit read', async () => {
    h = await harness(queuedWorld(), { signatories: SIGNED_ONLY, config: config() });
    expect((await h.run('sweep')).code).toBe(0);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    const queues = h.sim.counters.log.filter((r) => r.operationName === 'ReadMergeQueues');
    expect(queues.map((r) => r.cost)).toEqual([1]);
    expect(commitReads(h)).toBe(0);
  });

  it('follows the queue when GitHub rebuilds the groups behind an entry that leaves', async () => {
    h = await harness(queuedWorld(), { signatories: SIGNED_ONLY, config: config() });
    expect((await h.run('sweep')).code).toBe(0);

    h.sim.world.dequeue(REPO, 2, 'removed');
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);

    const heads = [1, 3].map((n) => h.sim.world.queueEntry(REPO, n)!.headSha);
    expect(heads.map((sha) => h.sim.world.statusOf(REPO, sha, 'cla/signed')?.state)).toEqual(['success', 'success']);
    expect(commitReads(h)).toBe(0);
  });

  it('with mergeQueue: false writes nothing to the group heads', async () => {
    h = await harness(queuedWorld(), { signatories: SIGNED_ONLY, config: config('mergeQueue: false\n') });

    expect((await h.run('sweep')).code).toBe(0);

    expect(groupStatuses(h)).toEqual([null, null, null]);
    expect(h.sim.counters.log.filter((r) => r.operationName === 'ReadMergeQueues')).toEqual([]);
    expect([1, 2, 3].map((n) => h.sim.world.statusOf(REPO, h.sim.world.headSha(REPO, n), 'cla/signed')?.state)).toEqual(['success', 'failure', 'success']);
  });

  it('a dry run shows the group writes and makes none', async () => {
    h = await harness(queuedWorld(), { signatories: SIGNED_ONLY, config: config() });
    const r = await h.run('sweep', '--dry-run');
    expect(r.code).toBe(0);
    expect(writes(h)).toBe(0);
    expect(r.stdout).toMatch(/would set-status acme\/widgets merge group of #3 \([0-9a-f]{7}\) [0-9a-f]{7} cla\/signed=failure "Does not pass for #2 in this merge group"/);
  });
});
