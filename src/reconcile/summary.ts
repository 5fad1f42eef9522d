// What a sweep did, for the person reading the end of the log and for `--json`.
import type { Action, ActionKind } from './model.js';

export interface SweepSummary {
  repositories: {
    selected: number;
    listed: number;
    archived: string[];
    failed: { repo: string; error: string }[];
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
  verdicts: { signed: number; missing: number; error: number };
  plan: Action[];
  writes: {
    done: Record<ActionKind, number>;
    failed: { target: string; kind: ActionKind; error: string }[];
    skipped: number;
  };
  /** Why the sweep stopped early, when it did. */
  stopped: string | null;
  /** The mass-change guard refused the plan (set on dry runs; a real run throws instead). */
  refused: string | null;
}

export function emptySummary(): SweepSummary {
  return {
    repositories: { selected: 0, listed: 0, archived: [], failed: [], notReached: [] },
    pullRequests: { seen: 0, unchanged: 0, fetched: 0, failed: [], notReached: 0, closedMeanwhile: 0 },
    verdicts: { signed: 0, missing: 0, error: 0 },
    plan: [],
    writes: { done: { 'set-status': 0, 'add-label': 0, 'remove-label': 0, 'create-label': 0 }, failed: [], skipped: 0 },
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
    s.writes.skipped > 0;
  return partial ? 2 : 0;
}

export interface RequestFigures {
  graphql: { requests: Record<string, number>; costPoints: number; remaining: number | null; resetAt: string | null };
  rest: { reads: number; writes: number };
}

export function toJson(s: SweepSummary, figures: RequestFigures, dryRun: boolean) {
  const writes = Object.values(s.writes.done).reduce((a, b) => a + b, 0);
  return {
    exitCode: exitCodeOf(s),
    dryRun,
    stopped: s.stopped,
    repositories: s.repositories,
    pullRequests: {
      seen: s.pullRequests.seen,
      skippedUnchanged: s.pullRequests.unchanged,
      decided: s.verdicts.signed + s.verdicts.missing + s.verdicts.error,
      commitsFetched: s.pullRequests.fetched,
      signed: s.verdicts.signed,
      missing: s.verdicts.missing,
      error: s.verdicts.error,
      failed: s.pullRequests.failed,
      notReached: s.pullRequests.notReached,
      closedMeanwhile: s.pullRequests.closedMeanwhile,
    },
    writes: { total: writes, byKind: s.writes.done, failed: s.writes.failed, skipped: s.writes.skipped },
    // The plan is the point of a dry run; after a real run the writes say what happened.
    ...(dryRun ? { planned: s.plan.map(describeAction) } : {}),
    graphql: figures.graphql,
    rest: figures.rest,
  };
}

export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'set-status':
      return `set-status ${a.repo}#${a.number} ${a.sha.slice(0, 7)} ${a.context}=${a.state} "${a.description}" (${a.reason})`;
    case 'add-label':
      return `add-label ${a.repo}#${a.number} "${a.label}" (${a.reason})`;
    case 'remove-label':
      return `remove-label ${a.repo}#${a.number} "${a.label}" (${a.reason})`;
    case 'create-label':
      return `create-label ${a.repo} "${a.name}" (${a.reason})`;
  }
}

/** "1 repository", "2 repositories". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A few lines a person can read at a glance. */
export function toText(s: SweepSummary, figures: RequestFigures, dryRun: boolean): string {
  const v = s.verdicts;
  const d = s.writes.done;
  const writes = Object.values(d).reduce((a, b) => a + b, 0);
  const gqlRequests = Object.values(figures.graphql.requests).reduce((a, b) => a + b, 0);
  const lines = [
    `${dryRun ? 'Dry run' : 'Sweep'} ${exitCodeOf(s) === 0 ? 'complete' : 'PARTIAL'}: ${count(s.repositories.listed, 'repository', 'repositories')}, ${count(s.pullRequests.seen, 'open pull request')} (${s.pullRequests.unchanged} unchanged, ${s.pullRequests.fetched} read)`,
    `  verdicts: ${v.signed} signed, ${v.missing} missing, ${v.error} error`,
    dryRun
      ? `  planned writes: ${s.plan.length} (none made)`
      : `  writes: ${writes} (${d['set-status']} statuses, ${d['add-label']} labels added, ${d['remove-label']} removed, ${d['create-label']} created)${s.writes.failed.length ? `, ${s.writes.failed.length} FAILED` : ''}`,
    `  GitHub: ${gqlRequests} GraphQL requests, ${figures.graphql.costPoints} points${figures.graphql.remaining !== null ? ` (${figures.graphql.remaining} left)` : ''}, ${figures.rest.reads + figures.rest.writes} REST requests`,
  ];
  if (s.repositories.archived.length) lines.push(`  archived, skipped: ${s.repositories.archived.join(', ')}`);
  for (const f of s.repositories.failed) lines.push(`  could not read ${f.repo}: ${f.error}`);
  for (const f of s.pullRequests.failed) lines.push(`  could not read ${f.pullRequest}: ${f.error}`);
  for (const f of s.writes.failed) lines.push(`  write failed: ${f.kind} on ${f.target}: ${f.error}`);
  if (s.repositories.notReached.length) lines.push(`  not reached this run (next run continues): ${count(s.repositories.notReached.length, 'repository', 'repositories')}`);
  if (s.stopped) lines.push(`  stopped early: ${s.stopped}`);
  return lines.join('\n');
}
