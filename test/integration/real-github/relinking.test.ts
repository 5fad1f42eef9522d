// Unlinked authors fixed by linking (issue 10 item 7): a contributor told `unlinked: x@y.z` adds the
// address to their GitHub account; the next sweep asks GitHub about that address alone (one commit,
// no commit pages) and the pull request turns green.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { MISSING, SIGNED, sampleConfig } from '../../support/sample-world.js';
import { World } from '../../support/simulator/world.js';
import { runCaptured } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const REPOS = ['acme/one', 'acme/two', 'acme/three'];
const SIGNATORIES = 'signatories:\n  - github: alice\n  - github: dave\n  - github: erin\n  - email: "*@partner.example"\n';

/** Per repository: dave at a home address GitHub does not link yet, erin as an unlinked co-author, and a covered partner. */
function world() {
  const w = new World();
  w.addUser('alice', { emails: ['alice@example.org'] });
  w.addUser('dave', { emails: ['dave@example.org'] });
  w.addUser('erin', { emails: ['erin@example.org'] });
  const n: Record<string, { dave: number; erin: number; partner: number; signed: number }> = {};
  for (const repo of REPOS) {
    w.addRepo(repo);
    n[repo] = {
      dave: w.addPullRequest(repo, { commits: [{ author: 'alice' }, { author: { name: 'Dave', email: 'dave@home.example' } }] }).number,
      erin: w.addPullRequest(repo, { commits: [{ author: 'alice', coAuthors: [{ name: 'Erin', email: 'Erin@Laptop.example' }] }] }).number,
      partner: w.addPullRequest(repo, { commits: [{ author: { name: 'P', email: 'p@partner.example' } }] }).number,
      signed: w.addPullRequest(repo, { commits: [{ author: 'alice' }] }).number,
    };
  }
  return { w, n };
}

const state = (w: World, repo: string, number: number) => w.statusOf(repo, w.headSha(repo, number), 'cla/signed');
const ops = (h: Harness, name: string) => h.sim.counters.log.filter((x) => x.operationName === name);

describe('an author who links their address after being told it is unlinked', () => {
  it('turns green on the next sweep without their commits being read again; one request asks about every such address', async () => {
    const { w, n } = world();
    const h = await harness(w, { signatories: SIGNATORIES, config: sampleConfig({ repositories: REPOS }) });
    open.push(h);
    expect((await runCaptured(h, { logLevel: 'silent' }, 'sweep')).code).toBe(0);
    for (const repo of REPOS) {
      expect(state(w, repo, n[repo]!.dave)).toMatchObject({ state: 'failure', description: expect.stringContaining('unlinked: dave@home.example') });
      expect(state(w, repo, n[repo]!.erin)).toMatchObject({ state: 'failure', description: expect.stringContaining('erin@laptop.example') });
      expect(state(w, repo, n[repo]!.partner)?.state).toBe('success');
    }

    // Nothing linked yet: the warm sweep asks once about the two addresses, and writes nothing.
    h.sim.resetCounters();
    expect((await runCaptured(h, { logLevel: 'silent' }, 'sweep')).code).toBe(0);
    expect(ops(h, 'ReadLinkedAuthors')).toHaveLength(1);
    expect(ops(h, 'FetchPullRequestCommits')).toHaveLength(0);
    expect(h.sim.counters.requests['rest-write']).toBe(0);

    w.linkEmail('dave', 'dave@home.example');
    w.linkEmail('erin', 'erin@laptop.example');
    h.sim.resetCounters();
    const r = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(r.exitCode).toBe(0);
    for (const repo of REPOS) {
      for (const pr of [n[repo]!.dave, n[repo]!.erin]) {
        expect(state(w, repo, pr)?.state, `${repo}#${pr}`).toBe('success');
        expect(w.labelsOf(repo, pr)).toEqual([SIGNED]);
      }
    }
    // The cost: the listing, and one request about the two addresses (six pull requests), one point; no commit read.
    expect(r.pullRequests.commitsFetched).toBe(0);
    expect(ops(h, 'FetchPullRequestCommits')).toHaveLength(0);
    const lookups = ops(h, 'ReadLinkedAuthors');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.cost).toBe(1);
    // (Besides the merge queues every sweep reads.)
    expect(h.sim.counters.log.filter((x) => x.kind === 'graphql-query' && x.operationName !== 'ReadMergeQueues').map((x) => x.operationName)).toEqual(['ListOpenPullRequests', 'ReadLinkedAuthors']);
    // Three writes each: the status, the label added, the other removed.
    expect(h.sim.counters.requests['rest-write']).toBe(6 * 3);

    // Remembered: the next sweep asks nothing more and writes nothing.
    const cache = JSON.parse(readFileSync(h.cacheFile, 'utf8'));
    const dave = cache.repositories['acme/one'].pullRequests[String(n['acme/one']!.dave)].head.facts.cla.identities;
    expect(dave).toContainEqual({ login: 'dave', email: 'dave@home.example', name: 'Dave' });
    h.sim.resetCounters();
    expect((await runCaptured(h, { logLevel: 'silent' }, 'sweep')).code).toBe(0);
    expect(ops(h, 'ReadLinkedAuthors')).toHaveLength(0);
    expect(h.sim.counters.requests['rest-write']).toBe(0);
    expect(w.labelsOf(REPOS[0]!, n[REPOS[0]!]!.dave)).not.toContain(MISSING);
  });

  it('with quick sweeps, asks on rescans only', async () => {
    const { w, n } = world();
    const h = await harness(w, { signatories: SIGNATORIES, config: sampleConfig({ repositories: REPOS, extra: 'sweep:\n  rescanMinutes: 60\n' }) });
    open.push(h);
    expect((await runCaptured(h, { logLevel: 'silent' }, 'sweep')).code).toBe(0);
    w.linkEmail('dave', 'dave@home.example');
    h.sim.resetCounters();
    expect((await runCaptured(h, { logLevel: 'silent' }, 'sweep')).code).toBe(0);
    expect(ops(h, 'ReadLinkedAuthors')).toHaveLength(0);
    expect(state(w, REPOS[0]!, n[REPOS[0]!]!.dave)?.state).toBe('failure');
    h.sim.resetCounters();
    expect((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--rescan')).code).toBe(0);
    expect(ops(h, 'ReadLinkedAuthors')).toHaveLength(1);
    expect(ops(h, 'FetchPullRequestCommits')).toHaveLength(0);
    for (const repo of REPOS) expect(state(w, repo, n[repo]!.dave)?.state).toBe('success');
  });

  it('asks nothing when every unlinked address is covered anyway (a corporate domain)', async () => {
    const w = new World();
    w.addUser('alice', { emails: ['alice@example.org'] });
    w.addRepo('acme/one');
    w.addPullRequest('acme/one', { commits: [{ author: { name: 'P', email: 'p@partner.example' } }] });
    const h = await harness(w, { signatories: SIGNATORIES, config: sampleConfig({ repositories: ['acme/one'] }) });
    open.push(h);
    await runCaptured(h, { logLevel: 'silent' }, 'sweep');
    h.sim.resetCounters();
    await runCaptured(h, { logLevel: 'silent' }, 'sweep');
    expect(ops(h, 'ReadLinkedAuthors')).toHaveLength(0);
  });
});
