// A pull request merged between the read and the write is left alone: pull requests read more
// than a minute before their writes are confirmed open first; fresh reads are not re-checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheStore } from '../../src/cache/store.js';
import { connect } from '../../src/cli/connect.js';
import { loadConfig } from '../../src/config/load.js';
import { RestWriter } from '../../src/github/writer.js';
import { silentLogger } from '../../src/log.js';
import { buildPolicy } from '../../src/reconcile/policy.js';
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

  /** Runs one sweep whose clock jumps by `elapsedMs` after the listing, when the pull request is merged. */
  async function sweepWithMergeAfterListing(elapsedMs: number) {
    const loaded = await loadConfig(h.configFile);
    const log = silentLogger();
    const github = await connect(loaded, h.env(), log, loaded.config.repositories);
    const listings = loaded.config.repositories.length;
    let calls = 0;
    const now = () => {
      calls += 1;
      if (calls <= listings) return 0;
      world.pullRequest(target.repo, target.number).state = 'MERGED';
      return elapsedMs;
    };
    const { config } = loaded;
    return sweep(
      {
        repositories: config.repositories,
        exclude: config.exclude,
        only: [],
        full: false,
        dryRun: false,
        allowMassChange: false,
        offboard: null,
        plan: { context: config.status.context, targetUrl: config.status.url ?? null, labels: config.labels },
        guard: config.guard,
        concurrency: 1,
        writeIntervalMs: 0,
        configFile: loaded.file,
      },
      {
        reader: github.reader,
        writer: new RestWriter(github.client, github.rest),
        pullRequestStates: (prs) => github.reader.pullRequestStates(prs),
        cache: await CacheStore.open(loaded.cacheFile, log),
        policy: buildPolicy(parseSignatories(SAMPLE_SIGNATORIES, 'yaml', 'test').list.entries, config.allowlist),
        log,
        now,
      },
    );
  }

  it('confirms stale reads and leaves the merged pull request untouched', async () => {
    const summary = await sweepWithMergeAfterListing(61_000);
    expect(summary.pullRequests.closedMeanwhile).toBe(1);
    expect(h.sim.counters.writesPerPullRequest.get(`${target.repo}#${target.number}`) ?? 0).toBe(0);
    expect(h.sim.counters.log.some((r) => r.operationName === 'PullRequestStates')).toBe(true);
  });

  it('spends no request on confirming reads a few seconds old', async () => {
    const summary = await sweepWithMergeAfterListing(5_000);
    expect(summary.pullRequests.closedMeanwhile).toBe(0);
    expect(h.sim.counters.log.some((r) => r.operationName === 'PullRequestStates')).toBe(false);
  });
});
