// What a sweep did, as data: the CLI prints it (src/report/summary-text.ts), the report and the
// dashboard read its decisions.
import type { CheckName } from '../checks/check.js';
import type { GitHubErrorKind } from '../errors.js';
import type { Action, Decision, WriteKind } from './model.js';

export interface VerdictCounts {
  signed: number;
  missing: number;
  error: number;
}

export interface SweepSummary {
  repositories: {
    /** Repositories the sweep set out to cover (after `owner/*`, `exclude`, `--repo`). */
    selected: number;
    listed: number;
    archived: string[];
    /** Could not be read; `kind` says why (`not-found`: GitHub does not know it, or the token cannot see it). */
    failed: { repo: string; error: string; kind: GitHubErrorKind | 'auth' }[];
    /** Not read this run (the budget ran low or the run was interrupted); the next run picks them up. */
    notReached: string[];
  };
  pullRequests: {
    seen: number;
    /** Head unchanged since the cache last saw it: no commit read. */
    unchanged: number;
    /** Commits read this run. */
    fetched: number;
    failed: { pullRequest: string; error: string }[];
    /** Commits not read because the sweep stopped early. */
    notReached: number;
    /** Closed or merged between the read and the write: left alone. */
    closedMeanwhile: number;
  };
  /** Per configured check. */
  verdicts: Partial<Record<CheckName, VerdictCounts>>;
  /** Every verdict of this sweep, with what stood on GitHub before. */
  decisions: Decision[];
  plan: Action[];
  writes: {
    done: Record<WriteKind, number>;
    failed: { target: string; kind: WriteKind; error: string }[];
    /**
     * Repositories that refused a write for lack of a permission, once each: the first refused
     * write, the permission it needs, and GitHub's answer. No further write was sent to them.
     */
    refused: { repo: string; kind: WriteKind; permission: string; error: string }[];
    /** Not attempted: the run stopped early, or the repository refused an earlier write. */
    skipped: number;
    /** Writes the hourly budget (`github.maxWritesPerHour`) still allows, when one is kept. */
    budgetLeft: number | null;
  };
  /** Why the sweep stopped early, when it did. */
  stopped: string | null;
  /** The mass-change guard refused the plan (set on dry runs; a real run throws instead). */
  refused: string | null;
}

export function emptySummary(checks: readonly CheckName[] = ['cla']): SweepSummary {
  return {
    repositories: { selected: 0, listed: 0, archived: [], failed: [], notReached: [] },
    pullRequests: { seen: 0, unchanged: 0, fetched: 0, failed: [], notReached: 0, closedMeanwhile: 0 },
    verdicts: Object.fromEntries(checks.map((c) => [c, { signed: 0, missing: 0, error: 0 }])),
    decisions: [],
    plan: [],
    writes: { done: { 'set-status': 0, 'set-check-run': 0, 'add-label': 0, 'remove-label': 0, 'create-label': 0, 'create-issue': 0, 'update-issue': 0 }, failed: [], refused: [], skipped: 0, budgetLeft: null },
    stopped: null,
    refused: null,
  };
}

/** Exit status per PRODUCT.md: 0 all reconciled, 2 partial. (1 is raised as an error before this.) */
export function exitCodeOf(s: SweepSummary): 0 | 2 {
  const partial =
    s.stopped !== null ||
    s.repositories.failed.length > 0 ||
    s.repositories.notReached.length > 0 ||
    s.pullRequests.failed.length > 0 ||
    s.pullRequests.notReached > 0 ||
    s.writes.failed.length > 0 ||
    s.writes.refused.length > 0 ||
    s.writes.skipped > 0;
  return partial ? 2 : 0;
}

export function totalWrites(s: SweepSummary): number {
  return Object.values(s.writes.done).reduce((a, b) => a + b, 0);
}
