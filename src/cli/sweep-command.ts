// `cla-sweeper sweep`: one reconciliation over every configured repository.
import { acquireLock } from '../cache/lock.js';
import { CacheStore } from '../cache/store.js';
import { MassChangeError } from '../errors.js';
import { RefusingWriter } from '../github/writer.js';
import { buildPolicy } from '../reconcile/policy.js';
import { type Shard, shardCacheFile } from '../reconcile/shard.js';
import { describeAction, exitCodeOf, type RequestFigures, toJson, toText } from '../reconcile/summary.js';
import { sweep } from '../reconcile/sweep.js';
import { connect, type GitHubContext, sweepScope } from './connect.js';
import { type CommonOptions, type Io, loadSetup, signatoriesOf } from './context.js';

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
  const github = await connect(loaded, env, log, sweepScope(loaded, [opts.offboard]));
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
    const writer = opts.dryRun ? new RefusingWriter() : github.writer();
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
  const requests: Record<string, number> = {};
  let costPoints = 0;
  for (const part of github.parts) {
    for (const [op, n] of Object.entries(part.runner.stats.requests)) requests[op] = (requests[op] ?? 0) + n;
    costPoints += part.runner.stats.costPoints;
  }
  // With one App on several owners, each installation has its own budget: the lowest is the one that stops a sweep.
  const limits = github.parts.map((p) => p.runner.stats.rateLimit).filter((r) => r !== null);
  const lowest = limits.sort((a, b) => a.remaining - b.remaining)[0] ?? null;
  return {
    graphql: { requests, costPoints, remaining: lowest?.remaining ?? null, resetAt: lowest?.resetAt ?? null },
    rest: {
      reads: github.parts.reduce((n, p) => n + p.rest.reads, 0),
      writes: github.parts.reduce((n, p) => n + p.rest.writes, 0),
    },
  };
}
