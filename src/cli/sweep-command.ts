// `cla-sweeper sweep`: one reconciliation over every configured repository (or one shard of them).
import { acquireLockLogged } from '../cache/lock.js';
import { CacheStore } from '../cache/store.js';
import { FileWriteBudget } from '../cache/write-budget-file.js';
import { configuredChecks } from '../checks/configured.js';
import { MassChangeError } from '../errors.js';
import { RefusingWriter } from '../github/writer.js';
import { type Shard, shardCacheFile } from '../reconcile/shard.js';
import { exitCodeOf } from '../reconcile/summary.js';
import { sweep } from '../reconcile/sweep.js';
import { describeAction, type RequestFigures, toJson, toText } from '../report/summary-text.js';
import { checkRunApp } from './check-run-app.js';
import { connect, type GitHubContext, sweepScope } from './connect.js';
import { type CommonOptions, type Io, loadSetup, signatoriesOf } from './context.js';
import type { RunRecord } from '../report/metrics.js';
import { RunOutputs } from './run-outputs.js';

export interface SweepCliOptions extends CommonOptions {
  dryRun?: boolean;
  json?: boolean;
  repo?: string[];
  full?: boolean;
  /** `--rescan`: read every open pull request this run. */
  rescan?: boolean;
  allowMassChange?: boolean;
  offboard?: string;
  /** `--shard I/N` (parsed by the command line). */
  shard?: Shard;
  /** `--partial-ok`: a partial run exits 0 instead of 2. */
  partialOk?: boolean;
  /** `--metrics-file`: the run's figures in Prometheus text format, written at its end whatever happened. */
  metricsFile?: string;
  /** Not an option: the daemon's /metrics is handed each run's figures. */
  onRecord?: (record: RunRecord) => void;
}

export async function runSweep(opts: SweepCliOptions, io: Io): Promise<number> {
  const run = new RunOutputs({ command: 'sweep', dryRun: opts.dryRun ?? false, metricsFile: opts.metricsFile, onRecord: opts.onRecord }, io);
  try {
    const code = await sweepOnce(opts, io, run);
    run.done(code);
    return code;
  } catch (error) {
    run.failed(error);
    throw error;
  } finally {
    await run.finish();
  }
}

async function sweepOnce(opts: SweepCliOptions, io: Io, run: RunOutputs): Promise<number> {
  const { env, signal, out } = io;
  const { loaded, log } = await loadSetup(opts, env);
  run.setup(loaded, log);
  const { config } = loaded;
  const github = await connect(loaded, env, log, sweepScope(loaded, [opts.offboard]));
  run.connected(github);
  // Fail closed: the list is loaded (and any problem ends the run) before anything is written.
  const signatories = await signatoriesOf(loaded, github, log);
  const checks = configuredChecks(config, signatories?.list.entries ?? null, github.noReplyDomain);
  const checkRunsOf = await checkRunApp(loaded, github, env);
  const cacheFile = shardCacheFile(loaded.cacheFile, opts.shard ?? null);
  if (opts.shard) log.info({ shard: `${opts.shard.index}/${opts.shard.count}`, cacheFile }, 'sweeping one shard of the repositories');
  const lock = await acquireLockLogged(cacheFile, log);
  try {
    const cache = await CacheStore.open(cacheFile, log);
    const writer = opts.dryRun ? new RefusingWriter() : github.writer();
    // The budget belongs to the token; it is kept beside the cache, under the same lock.
    const budget = opts.dryRun ? undefined : await FileWriteBudget.beside(cacheFile, config.github.maxWritesPerHour, log);
    const summary = await sweep(
      {
        selection: {
          repositories: config.repositories,
          exclude: config.exclude,
          only: opts.repo ?? [],
          configFile: loaded.file,
          shard: opts.shard ?? null,
        },
        checks,
        full: opts.full ?? false,
        rescan: opts.rescan ?? false,
        rescanMinutes: config.sweep.rescanMinutes,
        dryRun: opts.dryRun ?? false,
        allowMassChange: opts.allowMassChange ?? false,
        offboard: opts.offboard ?? null,
        guard: config.guard,
        pace: { concurrency: config.github.maxConcurrency, writeIntervalMs: config.github.writeIntervalMs },
        publishing: { publish: config.publish, mergeQueue: config.mergeQueue },
      },
      { github: github.reads(checks, checkRunsOf), writer, cache, log, now: Date.now, signal, observer: run.observer(), budget },
    );
    // The dashboard's write is taken from the same budget.
    await run.afterSweep(summary, writer, opts.repo?.length ? '--repo' : opts.shard ? '--shard' : opts.offboard ? '--offboard' : null, budget);
    if (budget) summary.writes.budgetLeft = budget.remaining(Date.now());
    const figures = requestFigures(github);
    const code = exitCodeOf(summary) === 2 && opts.partialOk ? 0 : exitCodeOf(summary);
    // A dry run the guard refuses still shows its plan, then ends as the real run would (exit 1).
    const refusal = summary.refused ? new MassChangeError(summary.refused) : null;
    if (opts.json) {
      const json = { ...toJson(summary, figures, opts.dryRun ?? false), exitCode: code };
      const refused = refusal ? { exitCode: refusal.exitCode, error: { kind: refusal.kind, message: refusal.message } } : {};
      out(`${JSON.stringify({ ...json, ...refused }, null, 2)}\n`);
    } else {
      if (opts.dryRun) for (const action of summary.plan) out(`would ${describeAction(action)}\n`);
      out(`${toText(summary, figures, opts.dryRun ?? false)}\n`);
    }
    if (refusal) throw refusal;
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
