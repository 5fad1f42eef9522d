// One sweep: read (GitHub, cache) → plan (pure) → guard → apply. Repositories stream through the
// read and plan phases; only the plans are held until the guard has seen them all.
import type { Check } from '../checks/check.js';
import { MassChangeError } from '../errors.js';
import type { Logger } from '../log.js';
import { apply, type Pace } from './apply.js';
import { checkMassChange, type MassChangeGuard } from './guard.js';
import { completesRescan, rememberWrite, rescanDue } from './memory.js';
import { planMergeQueues, type Publishing } from './merge-queue.js';
import type { RepoPlan } from './model.js';
import { planOffboard, planRepository } from './plan.js';
import type { FactsCache, GitHubReads, GitHubWrites, MergeQueueReads, SweepObserver, WriteBudget } from './ports.js';
import { read } from './read.js';
import { recordPlans, recordRead } from './record.js';
import { emptySummary, exitCodeOf, type SweepSummary } from './summary.js';
import { listTargets, type Selection } from './targets.js';

export interface SweepOptions {
  selection: Selection;
  checks: readonly Check[];
  /** `--full`: read every head's commits again. */
  full: boolean;
  /** `--rescan`: read every open pull request this run, not only those updated since the last sweep. */
  rescan: boolean;
  /** `sweep.rescanMinutes`: 0, every sweep is a rescan; else quick sweeps, with a rescan at least this often. */
  rescanMinutes: number;
  dryRun: boolean;
  allowMassChange: boolean;
  /** `--offboard`: remove the project's labels and failing statuses from this repository instead. */
  offboard: string | null;
  guard: MassChangeGuard;
  pace: Pace;
  publishing?: Publishing;
}

export interface SweepDeps {
  github: GitHubReads & Partial<MergeQueueReads>;
  writer: GitHubWrites;
  cache: FactsCache;
  log: Logger;
  /** The clock, in milliseconds. */
  now: () => number;
  /** Aborted on SIGTERM/SIGINT: no new work starts; in-flight writes finish. */
  signal?: AbortSignal;
  /** The hourly write budget kept across runs (`github.maxWritesPerHour`). */
  budget?: WriteBudget;
  observer?: SweepObserver;
}

export async function sweep(opts: SweepOptions, deps: SweepDeps): Promise<SweepSummary> {
  const { cache, log } = deps;
  const summary = emptySummary(opts.checks.map((c) => c.name));
  const startedAt = deps.now();
  const rescan = opts.rescan || opts.offboard !== null || rescanDue(cache.lastRescan(), startedAt, opts.rescanMinutes);
  const targets = await listTargets(opts, rescan, deps, (event) => recordRead(summary, event, log), summary);
  const plans: RepoPlan[] = [];
  const reached = new Set<string>();
  for await (const event of read(targets, deps, { checks: opts.checks, full: opts.full, offboard: opts.offboard !== null, rescan })) {
    recordRead(summary, event, log);
    deps.observer?.read?.(event, summary);
    if (event.kind === 'observed') {
      const { observation } = event;
      plans.push(opts.offboard ? planOffboard(observation, opts.checks) : planRepository(observation, opts.checks, opts.publishing));
    }
    if (event.kind !== 'stopped') reached.add(event.kind === 'observed' ? event.observation.repo : event.repo);
  }
  summary.repositories.notReached = targets.filter((t) => !reached.has(t.repo)).map((t) => t.repo);
  await planMergeQueues(plans, deps, opts, summary);
  recordPlans(summary, plans);

  const guard = opts.offboard ? null : checkMassChange(plans, opts.guard);
  if (guard && !guard.ok && !opts.allowMassChange) {
    // A dry run still shows the plan the guard refused: that is when a maintainer wants to read it.
    await cache.save();
    if (!opts.dryRun) throw new MassChangeError(guard.message);
    summary.refused = guard.message;
    return summary;
  }
  if (!opts.dryRun) {
    const openStates = (prs: string[]) => deps.github.pullRequestStates(prs);
    await apply(plans, { ...deps, openStates, onWritten: (a, r) => rememberWrite(cache, a, r) }, summary, opts.pace);
  }
  const subset = opts.offboard !== null || opts.selection.only.length > 0;
  if (rescan && completesRescan(summary, { subset })) cache.rememberRescan(startedAt);
  // An offboarded repository is no longer ours: once it is cleaned up, so is its cache entry.
  if (opts.offboard && !opts.dryRun && exitCodeOf(summary) === 0) cache.forget(opts.offboard);
  await cache.save();
  if (summary.stopped) log.warn({ reason: summary.stopped }, 'sweep stopped early: the next run continues');
  return summary;
}
