// What a run leaves beside its summary: the progress line while it runs, the dashboard issue after
// a sweep that saw everything, the events sent to `notify`, and the metrics file at the very end,
// failed runs included. The commands call it at a few points; it decides nothing about the sweep.
import type { LoadedConfig } from '../config/load.js';
import { ConfigError, SweeperError } from '../errors.js';
import { GitHubDashboardIssues } from '../github/dashboard-reader.js';
import { webUrlOf } from '../env.js';
import { budgetsLeft } from '../github/rate-limits.js';
import type { Logger } from '../log.js';
import type { Write } from '../reconcile/model.js';
import type { GitHubWrites, SweepObserver } from '../reconcile/ports.js';
import type { SweepSummary } from '../reconcile/summary.js';
import { repositoryFailures, type SweepEvent, stateChanges, sweepFailed } from '../notify/events.js';
import { blockedPullRequests, standingAfter, type WrittenStatus } from '../report/blocked.js';
import { type DashboardBudget, dashboardSkipReason, publishDashboard } from '../report/dashboard-publish.js';
import { isCompletedSweep, metricsText, type RunRecord } from '../report/metrics.js';
import { previousLastCompleted, writeMetricsFile } from '../report/metrics-file.js';
import type { GitHubContext } from './connect.js';
import { type Io, USER_AGENT } from './context.js';
import { type Progress, terminalProgress } from './progress.js';
import { requestFigures } from './sweep-command.js';

export interface RunOptions {
  command: 'sweep' | 'report';
  dryRun: boolean;
  metricsFile?: string;
  /** Where the progress line goes; the process's stderr by default (tests pass none). */
  progressStream?: NodeJS.WriteStream | null;
  /** Handed the run's figures at its end (the daemon's /metrics); `lastCompletedAt` is this run's or null. */
  onRecord?: (record: RunRecord) => void;
}

/** A failure's kind, as the metrics and the `sweep.failed` event name it: the one `--json` reports. */
export function failureKind(error: unknown): string {
  return error instanceof SweeperError ? error.kind : 'unexpected';
}

export class RunOutputs {
  private readonly startedAt = Date.now();
  private loaded: LoadedConfig | null = null;
  private log: Logger | null = null;
  private github: GitHubContext | null = null;
  private summary: SweepSummary | null = null;
  private readonly written: Write[] = [];
  private readonly statuses: WrittenStatus[] = [];
  private progress: Progress | null = null;
  private exitCode = 1;
  private failure: { kind: string; message: string } | null = null;

  constructor(
    private readonly opts: RunOptions,
    private readonly io: Io,
  ) {}

  /** The configuration is loaded; a `notify` without its secret ends the run here, before any read. */
  setup(loaded: LoadedConfig, log: Logger): void {
    this.loaded = loaded;
    this.log = log;
    if (loaded.config.notify && !this.io.env.notifySecret) {
      throw new ConfigError(
        'environment',
        'CLA_SWEEPER_NOTIFY_SECRET',
        `is not set, and ${loaded.file} configures notify: set it to the secret the receiver verifies X-Hub-Signature-256 with`,
      );
    }
  }

  connected(github: GitHubContext): void {
    this.github = github;
  }

  /** Told of every read and write: feeds the progress line and remembers the writes for `notify`. */
  observer(): SweepObserver {
    const stream = this.opts.progressStream === undefined ? process.stderr : this.opts.progressStream;
    this.progress = stream ? terminalProgress(stream, () => this.github?.runner.stats.rateLimit?.remaining ?? null) : null;
    return {
      read: (event, summary) => this.progress?.read?.(event, summary),
      wrote: (write, summary, result) => {
        // Kept only for what uses them: a backfill makes tens of thousands of writes.
        const config = this.loaded?.config;
        if (config?.notify) this.written.push(write);
        if (config?.dashboard && write.kind === 'set-status' && !write.mergeGroup) this.statuses.push({ ...write, createdAt: result?.createdAt ?? null });
        // A check run stands as check-runs.ts reads it back: its title as the description.
        if (config?.dashboard && write.kind === 'set-check-run' && !write.mergeGroup) {
          const { repo, number, context, sha, state } = write;
          this.statuses.push({ repo, number, context, sha, state, description: write.output.title, targetUrl: write.detailsUrl, createdAt: result?.createdAt ?? null });
        }
        this.progress?.wrote?.(write, summary);
      },
    };
  }

  /**
   * After the sweep's own writes: the dashboard issue, when configured, not a dry run, and the sweep
   * saw every configured repository (`limited` names what restricted it otherwise).
   */
  async afterSweep(summary: SweepSummary, writer: GitHubWrites, limited: string | null, budget?: DashboardBudget): Promise<void> {
    this.progress?.stop();
    this.summary = summary;
    const config = this.loaded?.config;
    // A report publishes only when asked to (its "dry run" is every report that is not).
    if (!config?.dashboard || !this.github || !this.log || (this.opts.command === 'report' && this.opts.dryRun)) return;
    const skip = dashboardSkipReason(summary, { dryRun: this.opts.dryRun, limited });
    if (skip) {
      this.log.info({ repo: config.dashboard.repo, reason: skip }, 'dashboard issue left as it is');
      return;
    }
    const entries = blockedPullRequests(standingAfter(summary.decisions, this.statuses), webUrlOf(this.io.env));
    // Through the installation of the dashboard repository's owner, when an App has several.
    const issues = new GitHubDashboardIssues(this.github.forRepo(config.dashboard.repo).runner);
    const write = await publishDashboard(config.dashboard, entries, { issues, writer, log: this.log, budget }, summary);
    if (write) this.written.push(write);
  }

  done(code: number): void {
    this.exitCode = code;
  }

  failed(error: unknown): void {
    this.exitCode = 1;
    this.failure = { kind: failureKind(error), message: error instanceof Error ? error.message : String(error) };
  }

  /** Events, then the metrics file; neither ever changes the run's exit status. */
  async finish(): Promise<void> {
    this.progress?.stop();
    const finishedAt = Date.now();
    await this.notify(new Date(finishedAt).toISOString());
    if (!this.opts.metricsFile && !this.opts.onRecord) return;
    const record = await this.record(finishedAt);
    this.opts.onRecord?.(record);
    if (this.opts.metricsFile) await this.writeMetrics(this.opts.metricsFile, record);
  }

  private async notify(at: string): Promise<void> {
    const notify = this.loaded?.config.notify;
    const secret = this.io.env.notifySecret;
    if (!notify || !secret || !this.log || this.opts.dryRun || this.opts.command !== 'sweep') return;
    const events: SweepEvent[] = [];
    if (this.summary) {
      events.push(...stateChanges(this.written, this.summary.decisions, webUrlOf(this.io.env), at), ...repositoryFailures(this.summary, at));
    }
    if (this.failure) events.push(sweepFailed(this.failure, at));
    if (events.length === 0) return;
    // Loaded only when events go out: a sweep without `notify` never pays for the signing and retry code.
    const { deliverEvents } = await import('../notify/deliver.js');
    await deliverEvents(events, { url: notify.url, secret, userAgent: USER_AGENT, retryBaseMs: this.io.env.retryBaseMs }, this.log);
  }

  private async record(finishedAt: number): Promise<RunRecord> {
    const budgets = this.github ? await budgetsLeft(this.github.client) : { rest: null, graphql: null };
    const figures = this.github ? requestFigures(this.github) : null;
    if (figures && figures.graphql.remaining === null) figures.graphql.remaining = budgets.graphql;
    const exitCode = this.failure ? 1 : this.exitCode;
    const base = { command: this.opts.command, dryRun: this.opts.dryRun, exitCode };
    return {
      ...base,
      summary: this.summary,
      figures,
      restRemaining: budgets.rest,
      // What the write budget (github.maxWritesPerHour) left.
      writeBudgetLeft: this.summary?.writes.budgetLeft ?? null,
      startedAt: this.startedAt,
      finishedAt,
      lastCompletedAt: isCompletedSweep(base) ? finishedAt : null,
      failure: this.failure?.kind ?? null,
    };
  }

  private async writeMetrics(file: string, record: RunRecord): Promise<void> {
    // A failed or dry run keeps the time of the last sweep that completed, from the file it replaces.
    const lastCompletedAt = record.lastCompletedAt ?? (await previousLastCompleted(file));
    try {
      await writeMetricsFile(file, await metricsText({ ...record, lastCompletedAt }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.log) this.log.error({ file, error: message }, 'could not write the metrics file');
      else process.stderr.write(`cla-sweeper: could not write the metrics file ${file}: ${message}\n`);
    }
  }
}
