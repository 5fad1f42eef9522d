// Brings the dashboard issue up to date after a sweep (or `report --publish-dashboard`): found by
// its marker, written through the sweep's own writer (so whatever paces or budgets writes counts
// this one), and only when its text changed. A failure is recorded in the summary like any
// failed write (the run ends partial), never fatal.
import { AuthError, GitHubError } from '../errors.js';
import type { Logger } from '../log.js';
import { writeLogFields } from '../reconcile/apply.js';
import type { IssueWrite } from '../reconcile/model.js';
import type { GitHubWrites } from '../reconcile/ports.js';
import type { SweepSummary } from '../reconcile/summary.js';
import type { BlockedPullRequest } from './blocked.js';
import { DASHBOARD_MARKER, type DashboardConfig, type DashboardIssues, dashboardBody, planDashboard } from './dashboard.js';

/**
 * Why this run must leave the dashboard alone, or null when it may write it. Only a run that saw
 * every configured repository may: one that saw a part (`--repo`, `--shard`, a repository it could
 * not read, a budget that ran out) would drop the rest from the list, and the next full run would
 * put them back: the issue would flap.
 */
export function dashboardSkipReason(s: SweepSummary, opts: { dryRun: boolean; limited: string | null }): string | null {
  if (opts.dryRun) return 'a dry run never touches the dashboard';
  if (opts.limited) return `${opts.limited} sees a part of the repositories`;
  if (s.refused) return 'the mass-change guard refused the plan';
  const r = s.repositories;
  if (r.failed.length > 0 || r.notReached.length > 0 || s.pullRequests.failed.length > 0 || s.pullRequests.notReached > 0 || s.stopped) {
    return 'this run did not see every configured repository and pull request';
  }
  return null;
}

/**
 * The rolling write budget (`github.maxWritesPerHour`) as far as the dashboard needs it: the
 * engine's WriteBudget port fits it.
 */
export interface DashboardBudget {
  take(writes: number, now: number): { ok: boolean };
  save(): Promise<void>;
}

export interface PublishDeps {
  issues: DashboardIssues;
  writer: GitHubWrites;
  log: Logger;
  /** When given, the dashboard's write is taken from it like any other; none left: not written this run. */
  budget?: DashboardBudget;
  now?: () => number;
}

/** Finds, plans and writes the dashboard; the write made, or null when none was needed or it failed. */
export async function publishDashboard(
  config: DashboardConfig,
  entries: readonly BlockedPullRequest[],
  deps: PublishDeps,
  summary: SweepSummary,
): Promise<IssueWrite | null> {
  let write: IssueWrite | null = null;
  try {
    const found = await deps.issues.find(config.repo, DASHBOARD_MARKER);
    write = planDashboard(found, config, dashboardBody(entries));
    if (!write) {
      deps.log.info({ repo: config.repo, issue: found?.number }, 'dashboard issue is up to date');
      return null;
    }
    if (deps.budget && !deps.budget.take(1, (deps.now ?? Date.now)()).ok) {
      summary.writes.skipped += 1;
      deps.log.warn({ repo: config.repo, reason: write.reason }, 'dashboard issue not updated: the write budget is spent; the next run updates it');
      return null;
    }
    await deps.writer.apply(write);
    await deps.budget?.save();
    summary.writes.done[write.kind] += 1;
    deps.log.info(writeLogFields(write), 'wrote');
    return write;
  } catch (error) {
    if (!(error instanceof GitHubError || error instanceof AuthError)) throw error;
    summary.writes.failed.push({ target: config.repo, kind: write?.kind ?? 'update-issue', error: error.message });
    deps.log.error({ repo: config.repo, error: error.message }, 'could not update the dashboard issue: the next run tries again');
    return null;
  }
}
