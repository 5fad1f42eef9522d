// sweep() joined from read, plan, guard and apply, over plain fakes of its ports and a clock.
import { describe, expect, it } from 'vitest';
import { claCheck } from '../../../src/checks/cla/index.js';
import { dcoCheck } from '../../../src/checks/dco/index.js';
import { parseSignOffs } from '../../../src/checks/dco/trailers.js';
import { GITHUB_NO_REPLY_DOMAIN } from '../../../src/checks/identities.js';
import type { CommitRecord } from '../../../src/checks/model.js';
import { buildPolicy } from '../../../src/checks/policy.js';
import { GitHubError, MassChangeError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { CONFIRM_AFTER_MS } from '../../../src/reconcile/apply.js';
import { exitCodeOf } from '../../../src/reconcile/summary.js';
import { type SweepOptions, sweep } from '../../../src/reconcile/sweep.js';
import { signatory } from '../checks/builders.js';
import { FakeGitHub, MemoryCache } from './fakes.js';

const policy = buildPolicy([signatory('alice')], ['*[bot]']);
const CLA = claCheck({
  context: 'cla/signed',
  targetUrl: 'https://example.org/cla',
  labels: { signed: 'cla: signed', missing: 'cla: missing' },
  policy,
  noReplyDomain: GITHUB_NO_REPLY_DOMAIN,
});
const DCO = dcoCheck({ context: 'DCO', targetUrl: null, labels: null, policy, remediationCommits: true, noReplyDomain: GITHUB_NO_REPLY_DOMAIN });

let shaSeed = 0;
function commit(login: string, signOff = false): CommitRecord {
  shaSeed += 1;
  const message = signOff ? `Change\n\nSigned-off-by: ${login} <${login}@example.org>` : 'Change';
  const actor = { name: login, email: `${login}@example.org`, login };
  return { sha: shaSeed.toString(16).padStart(40, '0'), headline: 'Change', author: actor, committer: actor, coAuthors: [], signOffs: parseSignOffs(message), remediations: [] };
}

function options(over: Partial<SweepOptions> = {}): SweepOptions {
  return {
    selection: { repositories: ['o/a', 'o/b'], exclude: [], only: [], configFile: 'cla-sweeper.yaml' },
    checks: [CLA],
    full: false,
    rescan: false,
    rescanMinutes: 0,
    dryRun: false,
    allowMassChange: false,
    offboard: null,
    guard: { maxFlips: 10, maxFlipShare: 0.2 },
    pace: { concurrency: 1, writeIntervalMs: 0 },
    ...over,
  };
}

function world() {
  const github = new FakeGitHub();
  github.addPullRequest('o/a', 1, [commit('alice')]);
  github.addPullRequest('o/a', 2, [commit('alice'), commit('bob')]);
  github.addPullRequest('o/b', 1, [commit('alice')], ['bug']);
  const cache = new MemoryCache();
  const clock = { ms: 0 };
  const deps = { github, writer: github, cache, log: silentLogger(), now: () => clock.ms };
  return { github, cache, clock, deps };
}

describe('sweep', () => {
  it('reconciles every pull request, then a second sweep with nothing changed makes no write and reads no commit', async () => {
    const { github, deps } = world();
    const first = await sweep(options(), deps);
    expect(exitCodeOf(first)).toBe(0);
    expect(first.verdicts).toEqual({ cla: { signed: 2, missing: 1, error: 0 } });
    expect(first.decisions.map((d) => `${d.repo}#${d.number} ${d.verdict.state}`)).toEqual(['o/a#1 signed', 'o/a#2 missing', 'o/b#1 signed']);
    expect(github.writes.filter((w) => w.kind === 'set-status')).toHaveLength(3);
    expect(github.repos.get('o/a')!.prs.get(2)!.labels).toEqual(['cla: missing']);

    github.writes.length = 0;
    github.calls.length = 0;
    const second = await sweep(options(), deps);
    expect(github.writes).toEqual([]);
    expect(github.calls.filter((c) => c.startsWith('commits'))).toEqual([]);
    expect(second.pullRequests.unchanged).toBe(3);
  });

  it('a dry run plans and writes nothing', async () => {
    const { github, deps } = world();
    const summary = await sweep(options({ dryRun: true }), deps);
    expect(github.writes).toEqual([]);
    expect(summary.plan.length).toBeGreaterThan(0);
  });

  it('decides every configured check on its own context', async () => {
    const { github, deps } = world();
    github.addPullRequest('o/b', 2, [commit('alice', true)]);
    const summary = await sweep(options({ checks: [CLA, DCO] }), deps);
    expect(summary.verdicts).toEqual({ cla: { signed: 3, missing: 1, error: 0 }, dco: { signed: 1, missing: 3, error: 0 } });
    const dco = github.writes.filter((w) => w.kind === 'set-status' && w.context === 'DCO');
    expect(dco.map((w) => w.kind === 'set-status' && `${w.repo}#${w.number} ${w.state}`).sort()).toEqual([
      'o/a#1 failure',
      'o/a#2 failure',
      'o/b#1 failure',
      'o/b#2 success',
    ]);
    // Only commits without a sign-off are asked for their parents.
    expect(github.calls).toContain('parents 4');
  });

  it('stops at a spent budget, keeps what it reconciled, and ends partial', async () => {
    const { github, deps } = world();
    await sweep(options(), deps);
    github.writes.length = 0;
    github.failNextListing = new GitHubError('GraphQL budget low', 'budget');
    const summary = await sweep(options(), deps);
    expect(summary.stopped).toBe('GraphQL budget low');
    expect(summary.repositories.notReached).toEqual(['o/a', 'o/b']);
    expect(exitCodeOf(summary)).toBe(2);
    expect(github.writes).toEqual([]);
  });

  it('leaves a pull request the listing could read only in part alone, records it, keeps it in the cache, and ends partial', async () => {
    const { github, cache, deps } = world();
    await sweep(options(), deps);
    github.writes.length = 0;
    github.repos.get('o/a')!.prs.get(2)!.labels = [];
    github.answeredInPart.add('o/a#2');
    const summary = await sweep(options(), deps);
    expect(summary.pullRequests.failed).toEqual([{ pullRequest: 'o/a#2', error: 'GitHub did not answer for o/a#2' }]);
    expect(exitCodeOf(summary)).toBe(2);
    expect(github.writes).toEqual([]);
    expect(cache.head('o/a', 2)).toBeDefined();
    // One GitHub answered null for: not even its number is known, so no cached pull request is forgotten.
    github.answeredInPart.clear();
    github.answeredInPart.add('o/a#?');
    github.repos.get('o/a')!.prs.get(1)!.open = false;
    const unnamed = await sweep(options(), deps);
    expect(unnamed.pullRequests.failed).toEqual([{ pullRequest: 'o/a (a pull request GitHub answered null for)', error: 'GitHub did not answer for o/a#?' }]);
    expect(cache.head('o/a', 1)).toBeDefined();
    // Answered in full again: the label comes back, the closed one is forgotten, no commit is read.
    github.answeredInPart.clear();
    github.calls.length = 0;
    const full = await sweep(options(), deps);
    expect(exitCodeOf(full)).toBe(0);
    expect(github.writes.map((w) => w.kind)).toEqual(['add-label']);
    expect(github.calls.filter((c) => c.startsWith('commits'))).toEqual([]);
    expect(cache.head('o/a', 1)).toBeUndefined();
  });

  it('asks again about addresses GitHub linked to nobody, on cached heads only, and decides again once it links them', async () => {
    const { github, cache, deps } = world();
    const home = { sha: 'f'.repeat(40), headline: 'Change', author: { name: 'Alice', email: 'Alice@Home.example', login: null }, coAuthors: [] };
    github.addPullRequest('o/b', 2, [commit('alice'), home]);
    const first = await sweep(options(), deps);
    expect(first.decisions.find((d) => d.repo === 'o/b' && d.number === 2)?.verdict.state).toBe('missing');
    // Not linked yet: asked about, nothing changes.
    github.calls.length = 0;
    github.writes.length = 0;
    await sweep(options(), deps);
    expect(github.calls.filter((c) => c.startsWith('links') || c.startsWith('commits'))).toEqual(['links 1']);
    expect(github.writes).toEqual([]);
    // Linked: decided again from the cache, without reading a commit.
    github.links.set('alice@home.example', 'Alice');
    github.calls.length = 0;
    const linked = await sweep(options(), deps);
    expect(github.calls.filter((c) => c.startsWith('links') || c.startsWith('commits'))).toEqual(['links 1']);
    expect(linked.decisions.find((d) => d.repo === 'o/b' && d.number === 2)?.verdict.state).toBe('signed');
    expect(cache.head('o/b', 2)?.facts.cla?.identities).toContainEqual({ login: 'alice', email: 'alice@home.example', name: 'Alice' });
    // Nothing left to ask about.
    github.calls.length = 0;
    await sweep(options(), deps);
    expect(github.calls.filter((c) => c.startsWith('links'))).toEqual([]);
  });

  it('plans no creation of a label the repository has under another case: seen on a pull request, or remembered', async () => {
    const { github, cache, deps } = world();
    // The listing's exact lookup does not find "cla: signed"; a pull request carries "CLA: Signed".
    github.repos.get('o/a')!.prs.get(1)!.labels = ['CLA: Signed'];
    const summary = await sweep(options({ dryRun: true }), deps);
    expect(summary.plan.filter((a) => a.kind === 'create-label' && a.repo === 'o/a' && a.name === 'cla: signed')).toEqual([]);
    // A label GitHub said exists (a refused creation) is remembered for the repository.
    cache.rememberLabel('o/b', 'CLA: Missing');
    github.addPullRequest('o/b', 2, [commit('bob')]);
    const next = await sweep(options({ dryRun: true }), deps);
    expect(next.plan.filter((a) => a.kind === 'create-label' && a.repo === 'o/b' && a.name === 'cla: missing')).toEqual([]);
    expect(next.plan).toContainEqual(expect.objectContaining({ kind: 'add-label', repo: 'o/b', number: 2, label: 'CLA: Missing' }));
  });

  it('refuses a plan that turns many green pull requests red, writes nothing, and keeps what it read', async () => {
    const { github, cache, deps } = world();
    for (let n = 3; n < 20; n++) github.addPullRequest('o/a', n, [commit('alice')]);
    await sweep(options(), deps);
    github.writes.length = 0;
    const saves = cache.saves;
    const nobody = claCheck({ context: 'cla/signed', targetUrl: 'https://example.org/cla', labels: CLA.labels!, policy: buildPolicy([signatory('zed')], []), noReplyDomain: GITHUB_NO_REPLY_DOMAIN });
    await expect(sweep(options({ checks: [nobody] }), deps)).rejects.toBeInstanceOf(MassChangeError);
    expect(github.writes).toEqual([]);
    expect(cache.saves).toBeGreaterThan(saves);
    const dry = await sweep(options({ checks: [nobody], dryRun: true }), deps);
    expect(dry.refused).toMatch(/would turn 19 of 19 green checks red/);
  });

  it('confirms pull requests read over a minute before their writes, by the clock it is given', async () => {
    const { github, clock, deps } = world();
    const slow = { ...deps, github: Object.assign(Object.create(github), { fetchCommits: async (...args: Parameters<FakeGitHub['fetchCommits']>) => {
      await github.fetchCommits(...args);
      github.repos.get('o/a')!.prs.get(2)!.open = false;
      clock.ms = CONFIRM_AFTER_MS + 1;
    } }) };
    const summary = await sweep(options(), slow);
    expect(github.calls).toContain('states 3');
    expect(summary.pullRequests.closedMeanwhile).toBe(1);
    expect(github.writes.some((w) => w.kind !== 'create-label' && w.repo === 'o/a' && w.number === 2)).toBe(false);
  });

  it('on a quick sweep, writes to a remembered pull request its probe just saw unchanged and open without confirming it, and drops one it saw closed', async () => {
    for (const probeConfirms of [true, false]) {
      const { github, cache, clock, deps } = world();
      const quick = options({ rescanMinutes: 600 });
      await sweep(quick, deps);
      // Bob signs an hour later; o/a#2, remembered from the first sweep, turns green with no read.
      // o/b#1 is closed meanwhile: the probe tells, and it is forgotten without a read.
      clock.ms = 60 * 60_000;
      github.repos.get('o/b')!.prs.get(1)!.open = false;
      github.writes.length = 0;
      github.calls.length = 0;
      github.probeConfirms = probeConfirms;
      const withBob = claCheck({ context: 'cla/signed', targetUrl: 'https://example.org/cla', labels: { signed: 'cla: signed', missing: 'cla: missing' }, policy: buildPolicy([signatory('alice'), signatory('bob')], []), noReplyDomain: GITHUB_NO_REPLY_DOMAIN });
      const summary = await sweep({ ...quick, checks: [withBob] }, deps);
      expect(exitCodeOf(summary)).toBe(0);
      expect(github.writes.map((w) => `${w.kind} ${w.repo}#${w.kind === 'create-label' ? '' : w.number}`)).toEqual(['set-status o/a#2', 'add-label o/a#2', 'remove-label o/a#2']);
      expect(github.calls.filter((c) => c.startsWith('commits'))).toEqual([]);
      // Confirmed open only when the probe could not vouch for it.
      expect(github.calls.filter((c) => c.startsWith('states'))).toEqual(probeConfirms ? [] : ['states 1']);
      expect(cache.pullRequestNumbers('o/b')).toEqual([]);
    }
  });

  it('offboards: removes our labels and clears failing statuses, then forgets the repository', async () => {
    const { github, cache, deps } = world();
    await sweep(options(), deps);
    github.writes.length = 0;
    const summary = await sweep(options({ selection: { ...options().selection, repositories: ['o/b'] }, offboard: 'o/a' }), deps);
    expect(exitCodeOf(summary)).toBe(0);
    // Most recently updated first: #2, then #1.
    expect(github.writes.map((w) => `${w.kind} ${w.kind === 'create-label' ? '' : w.number}`)).toEqual(['set-status 2', 'remove-label 2', 'remove-label 1']);
    expect(github.repos.get('o/a')!.prs.get(2)!.statuses.get(github.repos.get('o/a')!.prs.get(2)!.headSha)!['cla/signed']!.state).toBe('success');
    expect(cache.knownRepositories()).toEqual(['o/b']);
  });
});
