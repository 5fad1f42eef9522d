// The merge queues in a sweep: read after the pull requests, for the repositories read; each group
// from this sweep's decisions or the cache's facts of exactly the queued head; written first.
import { describe, expect, it } from 'vitest';
import type { HeadFacts } from '../../../src/checks/check.js';
import { claCheck } from '../../../src/checks/cla/index.js';
import { GITHUB_NO_REPLY_DOMAIN } from '../../../src/checks/identities.js';
import type { CommitRecord } from '../../../src/checks/model.js';
import { buildPolicy } from '../../../src/checks/policy.js';
import { GitHubError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { planMergeQueues } from '../../../src/reconcile/merge-queue.js';
import type { RepoPlan } from '../../../src/reconcile/model.js';
import type { MergeQueueListing, MergeQueueReads } from '../../../src/reconcile/ports.js';
import { emptySummary } from '../../../src/reconcile/summary.js';
import { type SweepOptions, sweep } from '../../../src/reconcile/sweep.js';
import { signatory } from '../checks/builders.js';
import { FakeGitHub, MemoryCache } from './fakes.js';

const CLA = claCheck({
  context: 'cla/signed',
  targetUrl: 'https://example.org/cla',
  labels: { signed: 'cla: signed', missing: 'cla: missing' },
  policy: buildPolicy([signatory('alice')], []),
  noReplyDomain: GITHUB_NO_REPLY_DOMAIN,
});

let seed = 0;
function commit(login: string): CommitRecord {
  seed += 1;
  const actor = { name: login, email: `${login}@example.org`, login };
  return { sha: seed.toString(16).padStart(40, '0'), headline: 'Change', author: actor, coAuthors: [], signOffs: [], remediations: [] };
}

/** The fake GitHub with merge queues: the group of an entry is the letter g and its position. */
class QueueGitHub extends FakeGitHub implements MergeQueueReads {
  readonly queued = new Map<string, number[]>();
  queueFailure: GitHubError | null = null;
  readonly queueReads: string[][] = [];

  async readMergeQueues(repos: string[]): Promise<Map<string, MergeQueueListing | null | GitHubError>> {
    this.queueReads.push(repos);
    if (this.queueFailure) throw this.queueFailure;
    return new Map(
      repos.map((repo) => {
        const numbers = this.queued.get(repo);
        if (!numbers) return [repo, null];
        const entries = numbers.map((number, i) => {
          const groupSha = `${'g'.repeat(39)}${i + 1}`;
          const pr = this.repos.get(repo)!.prs.get(number)!;
          return { position: i + 1, number, headSha: pr.headSha, groupSha, published: { 'cla/signed': pr.statuses.get(groupSha)?.['cla/signed'] ?? null } };
        });
        return [repo, { repo, entries }];
      }),
    );
  }
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
    publishing: { publish: 'status', mergeQueue: true },
    ...over,
  };
}

function world() {
  const github = new QueueGitHub();
  github.addPullRequest('o/a', 1, [commit('alice')]);
  github.addPullRequest('o/a', 2, [commit('bob')]);
  github.addPullRequest('o/b', 1, [commit('alice')]);
  github.queued.set('o/a', [1, 2]);
  const cache = new MemoryCache();
  return { github, cache, deps: { github, writer: github, cache, log: silentLogger(), now: () => 0 } };
}

describe('merge queues in a sweep', () => {
  it('reads every queue in one call after the pull requests, and writes the group heads before the pull requests', async () => {
    const { github, deps } = world();
    const summary = await sweep(options(), deps);
    expect(github.queueReads).toEqual([['o/a', 'o/b']]);
    const writes = github.writes.map((w) => (w.kind === 'set-status' ? `${w.mergeGroup ? 'group' : 'pr'} #${w.number} ${w.state}` : w.kind));
    // (Each label is created with the first pull request that needs it, after the groups.)
    expect(writes.slice(0, 3)).toEqual(['group #1 success', 'group #2 failure', 'create-label']);
    expect(summary.plan.filter((a) => a.kind === 'set-status' && a.mergeGroup)).toHaveLength(2);
    // The groups are not pull requests: no decision, no verdict counted for them.
    expect(summary.decisions).toHaveLength(3);

    github.writes.length = 0;
    await sweep(options(), deps);
    expect(github.writes).toEqual([]);
  });

  it('reads no queue with mergeQueue off, without publishing options, or when offboarding', async () => {
    for (const over of [{ publishing: { publish: 'status' as const, mergeQueue: false } }, { publishing: undefined }]) {
      const { github, deps } = world();
      await sweep(options(over), deps);
      expect(github.queueReads).toEqual([]);
      expect(github.writes.some((w) => w.kind === 'set-status' && w.mergeGroup)).toBe(false);
    }
    const { github, deps } = world();
    await sweep(options({ offboard: 'o/gone', selection: { repositories: ['o/a'], exclude: [], only: [], configFile: 'c.yaml' } }), deps);
    expect(github.queueReads).toEqual([]);
  });

  it('goes on without the groups when the queues cannot be read, and stops for a spent budget', async () => {
    const { github, deps } = world();
    github.queueFailure = new GitHubError('Field mergeQueue does not exist', 'other');
    const summary = await sweep(options(), deps);
    expect(summary.stopped).toBeNull();
    expect(github.writes.some((w) => w.kind === 'set-status' && w.mergeGroup)).toBe(false);
    expect(github.writes.filter((w) => w.kind === 'set-status')).toHaveLength(3);

    const again = world();
    again.github.queueFailure = new GitHubError('API rate limit exceeded', 'rate-limited');
    const stopped = await sweep(options(), again.deps);
    expect(stopped.stopped).toBe('API rate limit exceeded');
  });
});

describe('planMergeQueues', () => {
  const head = (sha: string): HeadFacts => ({
    headSha: sha,
    commitsRead: 1,
    commitsTotal: 1,
    facts: CLA.extract([{ ...commit('bob'), sha }]),
  });

  it('takes the verdict of a pull request this sweep did not decide from the cache, for exactly the queued head', async () => {
    const cache = new MemoryCache();
    cache.remember('o/a', 7, head('7'.repeat(40)));
    const github: MergeQueueReads = {
      readMergeQueues: async () =>
        new Map([
          [
            'o/a',
            {
              repo: 'o/a',
              entries: [
                { position: 1, number: 7, headSha: '7'.repeat(40), groupSha: 'a'.repeat(40), published: { 'cla/signed': null } },
                { position: 2, number: 8, headSha: '8'.repeat(40), groupSha: 'b'.repeat(40), published: { 'cla/signed': null } },
              ],
            },
          ],
        ]),
    };
    const plans: RepoPlan[] = [{ repo: 'o/a', labelCreations: [], pullRequests: [] }];
    await planMergeQueues(plans, { github, cache, log: silentLogger() }, { checks: [CLA], publishing: { publish: 'status', mergeQueue: true }, offboard: null }, emptySummary());
    // #7 from the cache (bob has not signed): failure for both groups, though #8 is unknown.
    expect(plans[0]!.mergeGroups!.map((g) => g.actions.map((a) => a.kind === 'set-status' && `${a.number} ${a.state}`))).toEqual([['7 failure'], ['8 failure']]);

    cache.remember('o/a', 7, head('6'.repeat(40)));
    const stale: RepoPlan[] = [{ repo: 'o/a', labelCreations: [], pullRequests: [] }];
    await planMergeQueues(stale, { github, cache, log: silentLogger() }, { checks: [CLA], publishing: { publish: 'status', mergeQueue: true }, offboard: null }, emptySummary());
    // The cache knows another head of #7: unknown, so nothing is written.
    expect((stale[0]!.mergeGroups ?? []).flatMap((g) => g.actions)).toEqual([]);
  });
});
