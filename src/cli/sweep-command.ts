// `cla-sweeper sweep`: one reconciliation over every configured repository.
import { acquireLock } from '../cache/lock.js';
import { CacheStore } from '../cache/store.js';
import { configuredChecks } from '../checks/configured.js';
import { MassChangeError } from '../errors.js';
import { RefusingWriter, RestWriter } from '../github/writer.js';
import { exitCodeOf } from '../reconcile/summary.js';
import { sweep } from '../reconcile/sweep.js';
import { describeAction, type RequestFigures, toJson, toText } from '../report/summary-text.js';
import { checkRunApp } from './check-run-app.js';
import { type CommonOptions, connect, type GitHubContext, type Io, loadSetup, readerFor, signatoriesOf } from './context.js';

export interface SweepCliOptions extends CommonOptions {
  dryRun?: boolean;
  json?: boolean;
  repo?: string[];
  full?: boolean;
  allowMassChange?: boolean;
  offboard?: string;
}

export async function runSweep(opts: SweepCliOptions, io: Io): Promise<number> {
  const { env, signal, out } = io;
  const { loaded, log } = await loadSetup(opts, env);
  const { config } = loaded;
  const github = connect(loaded, env, log);
  // Fail closed: the list is loaded (and any problem ends the run) before anything is written.
  const signatories = await signatoriesOf(loaded, github, log);
  const checks = configuredChecks(config, signatories?.list.entries ?? null, github.noReplyDomain);
  const checkRunsOf = await checkRunApp(loaded, github);
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
        publishing: { publish: config.publish, mergeQueue: config.mergeQueue },
      },
      { github: readerFor(github, checks, checkRunsOf), writer, cache, log, now: Date.now, signal },
    );
    const figures = requestFigures(github);
    // A dry run the guard refuses still shows its plan, then ends as the real run would (exit 1).
    const refusal = summary.refused ? new MassChangeError(summary.refused) : null;
    if (opts.json) {
      const json = toJson(summary, figures, opts.dryRun ?? false);
      const refused = refusal ? { exitCode: refusal.exitCode, error: { kind: refusal.kind, message: refusal.message } } : {};
      out(`${JSON.stringify({ ...json, ...refused }, null, 2)}\n`);
    } else {
      if (opts.dryRun) for (const action of summary.plan) out(`would ${describeAction(action)}\n`);
      out(`${toText(summary, figures, opts.dryRun ?? false)}\n`);
    }
    if (refusal) throw refusal;
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
