// A pull request merged between the read and the write is left alone: pull requests read more
// than a minute before their writes are confirmed open first; fresh reads are not re-checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheStore } from '../../src/cache/store.js';
import { configuredChecks } from '../../src/checks/configured.js';
import { connect } from '../../src/cli/connect.js';
import { loadConfig } from '../../src/config/load.js';
import { RestWriter } from '../../src/github/writer.js';
import { silentLogger } from '../../src/log.js';
import type { GitHubReads } from '../../src/reconcile/ports.js';
import { sweep } from '../../src/reconcile/sweep.js';
import { parseSignatories } from '../../src/signatories/parse.js';
import { type Harness, harness } from '../support/harness.js';
import { SAMPLE_SIGNATORIES, sampleWorld } from '../support/sample-world.js';
import type { World } from '../support/simulator/world.js';

describe('pull requests closed while a sweep runs', () => {
  let h: Harness;
  let world: World;
  let target: { repo: string; number: number };

  beforeEach(async () => {
    const sample = sampleWorld();
    world = sample.world;
    const e = sample.expected.find((x) => x.case === 'unsigned author')!;
    target = { repo: e.repo, number: e.number };
    h = await harness(world);
  });
  afterEach(() => h.close());

  /** Runs one sweep in which, once every commit is read, the pull request is merged and `elapsedMs` pass. */
  async function sweepWithMergeAfterReading(elapsedMs: number) {
    const loaded = await loadConfig(h.configFile);
    const log = silentLogger();
    const github = await connect(loaded, h.env(), log, loaded.config.repositories);
    const { config } = loaded;
    const checks = configuredChecks(config, parseSignatories(SAMPLE_SIGNATORIES, 'yaml', 'test').list.entries, github.noReplyDomain);
    const reads = github.reads(checks);
    const clock = { ms: 0 };
    const merging: GitHubReads = {
      listOwnerRepositories: (owner) => reads.listOwnerRepositories(owner),
      describeRepositories: (repos) => reads.describeRepositories(repos),
      listOpenPullRequests: (targets) => reads.listOpenPullRequests(targets),
      parentCounts: (commits) => reads.parentCounts(commits),
      pullRequestStates: (prs) => reads.pullRequestStates(prs),
      async fetchCommits(...args) {
        await reads.fetchCommits(...args);
        world.pullRequest(target.repo, target.number).state = 'MERGED';
        clock.ms = elapsedMs;
      },
    };
    return sweep(
      {
        selection: { repositories: config.repositories, exclude: config.exclude, only: [], configFile: loaded.file },
        checks,
        full: false,
        rescan: false,
        rescanMinutes: 0,
        dryRun: false,
        allowMassChange: false,
        offboard: null,
        guard: config.guard,
        pace: { concurrency: 1, writeIntervalMs: 0 },
      },
      {
        github: merging,
        writer: new RestWriter(github.client, github.rest),
        cache: await CacheStore.open(loaded.cacheFile, log),
        log,
        now: () => clock.ms,
      },
    );
  }

  it('confirms stale reads and leaves the merged pull request untouched', async () => {
    const summary = await sweepWithMergeAfterReading(61_000);
    expect(summary.pullRequests.closedMeanwhile).toBe(1);
    expect(h.sim.counters.writesPerPullRequest.get(`${target.repo}#${target.number}`) ?? 0).toBe(0);
    expect(h.sim.counters.log.some((r) => r.operationName === 'PullRequestStates')).toBe(true);
  });

  it('spends no request on confirming reads a few seconds old', async () => {
    const summary = await sweepWithMergeAfterReading(5_000);
    expect(summary.pullRequests.closedMeanwhile).toBe(0);
    expect(h.sim.counters.log.some((r) => r.operationName === 'PullRequestStates')).toBe(false);
  });
});
