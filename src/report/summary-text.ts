// A sweep's summary for the person reading the end of the log, and for `--json`.
import { GRANT_HINT } from '../github/permissions.js';
import { type Action, describeTarget } from '../reconcile/model.js';
import { exitCodeOf, type SweepSummary, totalWrites } from '../reconcile/summary.js';

export interface RequestFigures {
  graphql: { requests: Record<string, number>; costPoints: number; remaining: number | null; resetAt: string | null };
  rest: { reads: number; writes: number };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** A planned write as data (`--json`): what, where, and why. */
export function plannedWrite(a: Action): Record<string, unknown> {
  const { kind, repo, reason } = a;
  switch (a.kind) {
    case 'set-status':
      return { kind, repo, number: a.number, sha: a.sha, context: a.context, state: a.state, description: a.description, targetUrl: a.targetUrl, previous: a.previous, reason, ...(a.mergeGroup ? { mergeGroup: true } : {}) };
    case 'set-check-run':
      return {
        kind, repo, number: a.number, sha: a.sha, context: a.context, state: a.state, conclusion: a.conclusion, title: a.output.title,
        detailsUrl: a.detailsUrl, runId: a.runId, previous: a.previous, reason, ...(a.mergeGroup ? { mergeGroup: true } : {}),
      };
    case 'add-label':
    case 'remove-label':
      return { kind, repo, number: a.number, label: a.label, reason };
    case 'create-label':
      return { kind, repo, label: a.name, color: a.color, reason };
  }
}

export function toJson(s: SweepSummary, figures: RequestFigures, dryRun: boolean) {
  const decided = Object.values(s.verdicts).reduce((n, v) => n + v.signed + v.missing + v.error, 0);
  return {
    exitCode: s.refused ? 1 : exitCodeOf(s),
    dryRun,
    stopped: s.stopped,
    refused: s.refused,
    repositories: s.repositories,
    pullRequests: {
      seen: s.pullRequests.seen,
      skippedUnchanged: s.pullRequests.unchanged,
      commitsFetched: s.pullRequests.fetched,
      failed: s.pullRequests.failed,
      notReached: s.pullRequests.notReached,
      closedMeanwhile: s.pullRequests.closedMeanwhile,
    },
    /** Verdicts per check (cla, dco). */
    checks: Object.fromEntries(Object.entries(s.verdicts).map(([name, v]) => [name, { ...v, decided: v.signed + v.missing + v.error }])),
    decided,
    writes: {
      total: totalWrites(s),
      byKind: s.writes.done,
      failed: s.writes.failed,
      refused: s.writes.refused,
      skipped: s.writes.skipped,
      budgetLeft: s.writes.budgetLeft,
    },
    // The plan is the point of a dry run; after a real run the writes say what happened.
    ...(dryRun ? { planned: s.plan.map(plannedWrite) } : {}),
    graphql: figures.graphql,
    rest: figures.rest,
  };
}

export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'set-status':
      return `set-status ${describeTarget(a)} ${a.sha.slice(0, 7)} ${a.context}=${a.state} "${a.description}" (${a.reason})`;
    case 'set-check-run':
      return `${a.runId === null ? 'create' : 'update'} check run ${describeTarget(a)} ${a.sha.slice(0, 7)} ${a.context}=${a.conclusion} "${a.output.title}" (${a.reason})`;
    case 'add-label':
      return `add-label ${a.repo}#${a.number} "${a.label}" (${a.reason})`;
    case 'remove-label':
      return `remove-label ${a.repo}#${a.number} "${a.label}" (${a.reason})`;
    case 'create-label':
      return `create-label ${a.repo} "${a.name}" (${a.reason})`;
  }
}

/** A few lines a person can read at a glance. */
export function toText(s: SweepSummary, figures: RequestFigures, dryRun: boolean): string {
  const d = s.writes.done;
  const r = s.repositories;
  const gqlRequests = Object.values(figures.graphql.requests).reduce((a, b) => a + b, 0);
  const notFound = r.failed.filter((f) => f.kind === 'not-found');
  const otherFailed = r.failed.filter((f) => f.kind !== 'not-found');
  const repoNotes = [
    notFound.length ? `${notFound.length} not found` : '',
    otherFailed.length ? `${otherFailed.length} could not be read` : '',
    r.archived.length ? `${r.archived.length} archived` : '',
    r.notReached.length ? `${r.notReached.length} not reached` : '',
  ].filter(Boolean);
  const lines = [
    `${dryRun ? 'Dry run' : 'Sweep'} ${exitCodeOf(s) === 0 && !s.refused ? 'complete' : s.refused ? 'REFUSED' : 'PARTIAL'}: ` +
      `${r.listed === r.selected ? plural(r.listed, 'repository', 'repositories') : `${r.listed.toLocaleString('en-US')} of ${plural(r.selected, 'repository', 'repositories')}`}${repoNotes.length ? ` (${repoNotes.join(', ')})` : ''}, ` +
      `${plural(s.pullRequests.seen, 'open pull request')} (${s.pullRequests.unchanged.toLocaleString('en-US')} unchanged, ${s.pullRequests.fetched.toLocaleString('en-US')} read)`,
    ...Object.entries(s.verdicts).map(([name, v]) => `  ${name}: ${v.signed} signed, ${v.missing} missing, ${v.error} error`),
    dryRun
      ? `  planned writes: ${s.plan.length} (none made)`
      : `  writes: ${totalWrites(s)} (${plural(d['set-status'], 'status', 'statuses')}, ${d['set-check-run'] ? `${plural(d['set-check-run'], 'check run')}, ` : ''}${d['add-label']} labels added, ${d['remove-label']} removed, ${d['create-label']} created${d['create-issue'] + d['update-issue'] > 0 ? ', dashboard issue written' : ''})${s.writes.failed.length ? `, ${s.writes.failed.length} FAILED` : ''}${s.writes.skipped ? `, ${s.writes.skipped} left for the next run` : ''}${s.writes.budgetLeft !== null ? `; ${s.writes.budgetLeft} more allowed this hour (github.maxWritesPerHour)` : ''}`,
    `  GitHub: ${plural(gqlRequests, 'GraphQL request')}, ${plural(figures.graphql.costPoints, 'point')}${figures.graphql.remaining !== null ? ` (${figures.graphql.remaining} left)` : ''}, ${plural(figures.rest.reads + figures.rest.writes, 'REST request')}`,
  ];
  if (r.archived.length) lines.push(`  archived, skipped: ${r.archived.join(', ')}`);
  for (const f of notFound) lines.push(`  not found: ${f.repo}: GitHub does not know this repository, or the token cannot see it; check the name in "repositories" and the token's access`);
  for (const f of otherFailed) lines.push(`  could not read ${f.repo}: ${f.error}`);
  for (const f of s.pullRequests.failed) lines.push(`  could not read ${f.pullRequest}: ${f.error}`);
  for (const f of s.writes.failed) lines.push(`  write failed: ${f.kind} on ${f.target}: ${f.error}`);
  for (const f of s.writes.refused) {
    lines.push(`  may not write to ${f.repo}: the token lacks "${f.permission}" (${f.error}); no further write was sent to it this run; ${GRANT_HINT}`);
  }
  if (r.notReached.length) lines.push(`  not reached this run (next run continues): ${plural(r.notReached.length, 'repository', 'repositories')}`);
  if (s.stopped) lines.push(`  stopped early: ${s.stopped}`);
  if (s.refused) lines.push(`  refused: ${s.refused}`);
  return lines.join('\n');
}
