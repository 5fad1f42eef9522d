// A run's figures in Prometheus text format, with prom-client: what `--metrics-file` writes
// (node-exporter's textfile collector reads it) and what the daemon's /metrics serves. Every
// figure is of the last run (gauges); the run's outcome and the last completed sweep's time let
// an alert tell a failing or stalled installation from a quiet one.
import type { Gauge, Registry } from 'prom-client';
import type { CheckName } from '../checks/check.js';
import { type SweepSummary, totalWrites } from '../reconcile/summary.js';
import type { RequestFigures } from './summary-text.js';

export interface RunRecord {
  command: 'sweep' | 'report';
  dryRun: boolean;
  /** 0 complete, 2 partial, 1 failed (nothing written). */
  exitCode: number;
  /** Null when the run failed before it had read anything. */
  summary: SweepSummary | null;
  figures: RequestFigures | null;
  /** REST requests left in the hour (`GET /rate_limit`), when known. */
  restRemaining: number | null;
  /**
   * Writes left in `github.maxWritesPerHour`'s rolling hour; null when no budget was opened (a dry
   * run, a failed one): the gauge is then left out rather than made up.
   */
  writeBudgetLeft: number | null;
  startedAt: number;
  finishedAt: number;
  /** When a real (not dry) sweep last ran to its end, partial included: this one or an earlier one. */
  lastCompletedAt: number | null;
  /** Why it failed (an error kind), when it did. */
  failure: string | null;
}

export const METRIC_PREFIX = 'cla_sweeper_';
export const LAST_COMPLETED = `${METRIC_PREFIX}last_completed_sweep_timestamp_seconds`;

/** Whether this run counts as a completed sweep (for `last_completed_sweep`). */
export const isCompletedSweep = (r: Pick<RunRecord, 'command' | 'dryRun' | 'exitCode'>) => r.command === 'sweep' && !r.dryRun && r.exitCode !== 1;

/** prom-client, loaded when figures are asked for: a run without metrics never pays for it. */
type PromClient = typeof import('prom-client');
const promClient = (): Promise<PromClient> => import('prom-client');

export function metricsRegistry(r: RunRecord, { Gauge, Registry }: PromClient): Registry {
  const registers = [new Registry()];
  const [registry] = registers as [Registry];
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name: `${METRIC_PREFIX}${name}`, help, labelNames, registers });

  gauge('run_info', 'The last run: its command and whether it was a dry run (always 1).', ['command', 'dry_run']).set({ command: r.command, dry_run: String(r.dryRun) }, 1);
  gauge('run_exit_code', 'Exit status of the last run: 0 complete, 2 partial, 1 failed with nothing written.').set(r.exitCode);
  gauge('run_failed', '1 when the last run failed with nothing written (exit 1), else 0.', ['kind']).set({ kind: r.failure ?? 'none' }, r.exitCode === 1 ? 1 : 0);
  gauge('run_duration_seconds', 'How long the last run took.').set((r.finishedAt - r.startedAt) / 1000);
  gauge('run_timestamp_seconds', 'When the last run ended (Unix time).').set(r.finishedAt / 1000);
  if (r.lastCompletedAt !== null) {
    new Gauge({ name: LAST_COMPLETED, help: 'When a sweep (not a dry run) last ran to its end, partial included (Unix time).', registers }).set(r.lastCompletedAt / 1000);
  }

  const s = r.summary;
  if (s) {
    const prs = gauge('pull_requests', 'Open pull requests decided in the last run, by check and verdict.', ['check', 'verdict']);
    for (const [check, counts] of Object.entries(s.verdicts) as [CheckName, { signed: number; missing: number; error: number }][]) {
      for (const verdict of ['signed', 'missing', 'error'] as const) prs.set({ check, verdict }, counts[verdict]);
    }
    gauge('pull_requests_seen', 'Open pull requests listed in the last run.').set(s.pullRequests.seen);
    setAll(gauge('repositories', 'Repositories in the last run, by what became of them.', ['outcome']), 'outcome', {
      selected: s.repositories.selected,
      read: s.repositories.listed,
      failed: s.repositories.failed.length,
      archived: s.repositories.archived.length,
      not_reached: s.repositories.notReached.length,
    });
    const writes = gauge('writes', 'Writes GitHub accepted in the last run, by kind.', ['kind']);
    for (const [kind, n] of Object.entries(s.writes.done)) writes.set({ kind }, n);
    gauge('writes_total_last_run', 'Writes GitHub accepted in the last run, all kinds.').set(totalWrites(s));
    gauge('planned_writes', 'Writes the last run planned (a dry run plans without writing).').set(s.plan.length);
    setAll(gauge('failures', 'What the last run could not do, by what failed.', ['what']), 'what', {
      repository: s.repositories.failed.length,
      pull_request: s.pullRequests.failed.length,
      write: s.writes.failed.length,
      skipped_write: s.writes.skipped,
    });
    gauge('stopped_early', '1 when the last run stopped early (a budget ran out, or it was interrupted).').set(s.stopped === null ? 0 : 1);
  }
  const f = r.figures;
  if (f) {
    gauge('graphql_requests', 'GraphQL requests the last run sent.').set(Object.values(f.graphql.requests).reduce((a, b) => a + b, 0));
    gauge('graphql_points_spent', 'GraphQL points the last run spent.').set(f.graphql.costPoints);
    if (f.graphql.remaining !== null) gauge('graphql_points_left', 'GraphQL points left in the hour after the last run.').set(f.graphql.remaining);
    setAll(gauge('rest_requests', 'REST requests the last run sent, by method.', ['method']), 'method', { read: f.rest.reads, write: f.rest.writes });
  }
  if (r.restRemaining !== null) gauge('rest_budget_left', 'REST requests left in the hour after the last run.').set(r.restRemaining);
  if (r.writeBudgetLeft !== null) gauge('write_budget_left', 'Writes left in github.maxWritesPerHour’s rolling hour.').set(r.writeBudgetLeft);
  return registry;
}

function setAll(g: Gauge, label: string, values: Record<string, number>): void {
  for (const [value, n] of Object.entries(values)) g.set({ [label]: value }, n);
}

export async function metricsText(r: RunRecord): Promise<string> {
  return metricsRegistry(r, await promClient()).metrics();
}

/** What the daemon's /metrics serves: the last run's figures (none before the first), and its health. */
export async function daemonMetricsText(
  last: RunRecord | null,
  daemon: { startedAt: number; lastCompletedAt: number | null; healthy: boolean; fatalInARow: number },
): Promise<string> {
  const prom = await promClient();
  const { Gauge, Registry } = prom;
  const registry = last ? metricsRegistry({ ...last, lastCompletedAt: daemon.lastCompletedAt }, prom) : new Registry();
  const registers = [registry];
  new Gauge({ name: `${METRIC_PREFIX}daemon_start_timestamp_seconds`, help: 'When the daemon started (Unix time).', registers }).set(daemon.startedAt / 1000);
  new Gauge({ name: `${METRIC_PREFIX}healthy`, help: '1 while /healthz answers healthy, else 0.', registers }).set(daemon.healthy ? 1 : 0);
  new Gauge({ name: `${METRIC_PREFIX}fatal_sweeps_in_a_row`, help: 'Sweeps in a row that failed with nothing written.', registers }).set(daemon.fatalInARow);
  if (!last && daemon.lastCompletedAt !== null) {
    new Gauge({ name: LAST_COMPLETED, help: 'When a sweep (not a dry run) last ran to its end, partial included (Unix time).', registers }).set(daemon.lastCompletedAt / 1000);
  }
  return registry.metrics();
}

/** The last completed sweep's time in an earlier metrics file, so a failed or dry run keeps it. */
export function lastCompletedIn(text: string | null): number | null {
  const line = text?.split('\n').find((l) => l.startsWith(`${LAST_COMPLETED} `));
  const value = line ? Number(line.slice(LAST_COMPLETED.length + 1)) : Number.NaN;
  return Number.isFinite(value) ? value * 1000 : null;
}
