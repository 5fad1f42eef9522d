// `cla-sweeper sweep`: one reconciliation over every configured repository.
import { acquireLock } from '../cache/lock.js';
import { CacheStore } from '../cache/store.js';
import { MassChangeError } from '../errors.js';
import { RefusingWriter, RestWriter } from '../github/writer.js';
import { buildPolicy } from '../reconcile/policy.js';
import { type Shard, shardCacheFile } from '../reconcile/shard.js';
import { describeAction, exitCodeOf, type RequestFigures, toJson, toText } from '../reconcile/summary.js';
import { sweep } from '../reconcile/sweep.js';
import { type CommonOptions, connect, type GitHubContext, type Io, loadSetup, signatoriesOf } from './context.js';

export interface SweepCliOptions extends CommonOptions {
  dryRun?: boolean;
  json?: boolean;
  repo?: string[];
  full?: boolean;
  allowMassChange?: boolean;
  offboard?: string;
  /** `--shard I/N` (parsed by the command line). */
  shard?: Shard;
  /** `--partial-ok`: a partial run exits 0 instead of 2. */
  partialOk?: boolean;
}

export async function runSweep(opts: SweepCliOptions, io: Io): Promise<number> {
  const { env, signal, out } = io;
  const { loaded, log } = await loadSetup(opts, env);
  const { config } = loaded;
  const github = connect(loaded, env, log);
  // Fail closed: the list is loaded (and any problem ends the run) before anything is written.
  const { list } = await signatoriesOf(loaded, github, log);
  const cacheFile = shardCacheFile(loaded.cacheFile, opts.shard ?? null);
  if (opts.shard) log.info({ shard: `${opts.shard.index}/${opts.shard.count}`, cacheFile }, 'sweeping one shard of the repositories');
  const lock = await acquireLock(cacheFile);
  if (lock.replaced) {
    log.warn({ lock: lock.file, previous: lock.replaced.previous }, 'took over a stale lock: the previous run ended without releasing it (killed?)');
  }
  try {
    const cache = await CacheStore.open(cacheFile, log);
    const writer = opts.dryRun ? new RefusingWriter() : new RestWriter(github.client, github.rest);
    const summary = await sweep(
      {
        repositories: config.repositories,
        exclude: config.exclude,
        only: opts.repo ?? [],
        full: opts.full ?? false,
        dryRun: opts.dryRun ?? false,
        allowMassChange: opts.allowMassChange ?? false,
        offboard: opts.offboard ?? null,
        shard: opts.shard ?? null,
        plan: { context: config.status.context, targetUrl: config.status.url ?? null, labels: config.labels },
        guard: config.guard,
        concurrency: config.github.maxConcurrency,
        writeIntervalMs: config.github.writeIntervalMs,
        configFile: loaded.file,
      },
      { reader: github.reader, writer, pullRequestStates: (prs) => github.reader.pullRequestStates(prs), cache, policy: buildPolicy(list.entries, config.allowlist), log, signal },
    );
    const figures = requestFigures(github);
    const code = exitCodeOf(summary) === 2 && opts.partialOk ? 0 : exitCodeOf(summary);
    if (opts.json) {
      out(`${JSON.stringify({ ...toJson(summary, figures, opts.dryRun ?? false), exitCode: code }, null, 2)}\n`);
    } else {
      if (opts.dryRun) for (const action of summary.plan) out(`would ${describeAction(action)}\n`);
      out(`${toText(summary, figures, opts.dryRun ?? false)}\n`);
    }
    if (summary.refused) throw new MassChangeError(summary.refused);
    return code;
  } finally {
    await lock.release();
  }
}

export function requestFigures(github: GitHubContext): RequestFigures {
  const { stats } = github.runner;
  return {
    graphql: {
      requests: stats.requests,
      costPoints: stats.costPoints,
      remaining: stats.rateLimit?.remaining ?? null,
      resetAt: stats.rateLimit?.resetAt ?? null,
    },
    rest: github.rest,
  };
}
