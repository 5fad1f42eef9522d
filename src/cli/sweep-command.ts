// `cla-sweeper sweep`: one reconciliation over every configured repository.
import { acquireLock } from '../cache/lock.js';
import { CacheStore } from '../cache/store.js';
import { configuredChecks } from '../checks/configured.js';
import { MassChangeError } from '../errors.js';
import { RefusingWriter, RestWriter } from '../github/writer.js';
import { exitCodeOf } from '../reconcile/summary.js';
import { sweep } from '../reconcile/sweep.js';
import { describeAction, type RequestFigures, toJson, toText } from '../report/summary-text.js';
import { type CommonOptions, connect, type GitHubContext, type Io, loadSetup, readerFor, signatoriesOf } from './context.js';
import { RunOutputs } from './run-outputs.js';

export interface SweepCliOptions extends CommonOptions {
  dryRun?: boolean;
  json?: boolean;
  repo?: string[];
  full?: boolean;
  allowMassChange?: boolean;
  offboard?: string;
  /** `--metrics-file`: the run's figures in Prometheus text format, written at its end whatever happened. */
  metricsFile?: string;
}

export async function runSweep(opts: SweepCliOptions, io: Io): Promise<number> {
  const run = new RunOutputs({ command: 'sweep', dryRun: opts.dryRun ?? false, metricsFile: opts.metricsFile }, io);
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
  const github = connect(loaded, env, log);
  run.connected(github);
  // Fail closed: the list is loaded (and any problem ends the run) before anything is written.
  const signatories = await signatoriesOf(loaded, github, log);
  const checks = configuredChecks(config, signatories?.list.entries ?? null, github.noReplyDomain);
  const lock = await acquireLock(loaded.cacheFile);
  if (lock.replaced) {
    log.warn({ lock: lock.file, previous: lock.replaced.previous }, 'took over a stale lock: the previous run ended without releasing it (killed?)');
  }
  try {
    const cache = await CacheStore.open(loaded.cacheFile, log);
    const writer = opts.dryRun ? new RefusingWriter() : new RestWriter(github.client, github.rest);
    const summary = await sweep(
      {
        selection: { repositories: config.repositories, exclude: config.exclude, only: opts.repo ?? [], configFile: loaded.file },
        checks,
        full: opts.full ?? false,
        dryRun: opts.dryRun ?? false,
        allowMassChange: opts.allowMassChange ?? false,
        offboard: opts.offboard ?? null,
        guard: config.guard,
        pace: { concurrency: config.github.maxConcurrency, writeIntervalMs: config.github.writeIntervalMs },
      },
      { github: readerFor(github, checks), writer, cache, log, now: Date.now, signal, observer: run.observer() },
    );
    await run.afterSweep(summary, writer, opts.repo?.length ? '--repo' : opts.offboard ? '--offboard' : null);
    const figures = requestFigures(github);
    if (opts.json) {
      out(`${JSON.stringify(toJson(summary, figures, opts.dryRun ?? false), null, 2)}\n`);
    } else {
      if (opts.dryRun) for (const action of summary.plan) out(`would ${describeAction(action)}\n`);
      out(`${toText(summary, figures, opts.dryRun ?? false)}\n`);
    }
    if (summary.refused) throw new MassChangeError(summary.refused);
    return exitCodeOf(summary);
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
