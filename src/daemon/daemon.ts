// `cla-sweeper daemon`: sweeps on a cron schedule (node-cron), never two at once, until stopped.
// What a sweep is, and what it loads, is the caller's: this module only keeps time, refuses
// overlaps, and reports each tick as an event, so that a health or metrics server can listen.
import { EventEmitter } from 'node:events';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

/** What one tick came to. */
export type TickOutcome =
  /** The sweep ran to its end: its exit status as `sweep` would give it (0 or 2, or 1 when it failed). */
  | { kind: 'swept'; exitCode: number; startedAt: Date; finishedAt: Date; error: string | null }
  /** The previous sweep was still running when this tick came: nothing was started. */
  | { kind: 'skipped'; at: Date };

export interface DaemonEvents {
  tick: [TickOutcome];
  /** The schedule in use changed (a reloaded configuration named another one). */
  rescheduled: [string];
}

export interface DaemonOptions {
  schedule: string;
  /**
   * One sweep. `signal` aborts when the daemon is stopped: the sweep stops at its next safe
   * point and saves its cache. Resolves to the exit status; throws what made it fail.
   */
  sweep: (signal: AbortSignal) => Promise<number>;
  /** The schedule to use from now on, asked after each sweep (the configuration may have changed). */
  nextSchedule?: () => Promise<string | null>;
  /** Words a failed sweep is described with in the log (the message of what it threw). */
  describeError: (error: unknown) => string;
  log: Logger;
  /** node-cron's time zone; default the process's (TZ). */
  timezone?: string;
}

export class Daemon extends EventEmitter<DaemonEvents> {
  private task: ScheduledTask | null = null;
  private schedule: string;
  private running: Promise<void> | null = null;
  private readonly stopping = new AbortController();

  constructor(private readonly opts: DaemonOptions) {
    super();
    this.schedule = opts.schedule;
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  start(): void {
    this.task = this.createTask(this.schedule);
    this.opts.log.info({ schedule: this.schedule, next: this.task.getNextRun()?.toISOString() ?? null }, 'daemon started');
  }

  /**
   * Stops the schedule; a sweep in progress is aborted (it stops at its next safe point and saves
   * its cache) and awaited.
   */
  async stop(): Promise<void> {
    if (!this.stopping.signal.aborted) this.stopping.abort();
    await this.task?.destroy();
    this.task = null;
    await this.running;
  }

  private createTask(schedule: string): ScheduledTask {
    const task = cron.createTask(schedule, () => this.tick(), {
      name: 'cla-sweeper',
      timezone: this.opts.timezone,
      // node-cron itself refuses to start a tick while the previous one runs; it reports the tick
      // as an overlap, which is logged below.
      noOverlap: true,
      logger: {
        info: (m) => this.opts.log.debug({ cron: m }, 'node-cron'),
        warn: (m) => this.opts.log.debug({ cron: m }, 'node-cron'),
        error: (m) => this.opts.log.debug({ cron: String(m) }, 'node-cron'),
        debug: (m) => this.opts.log.debug({ cron: String(m) }, 'node-cron'),
      },
    });
    task.on('execution:overlap', (ctx) => {
      this.opts.log.warn({ at: ctx.date.toISOString() }, 'the previous sweep is still running: this tick is skipped');
      this.emit('tick', { kind: 'skipped', at: ctx.date });
    });
    task.on('execution:missed', (ctx) => {
      this.opts.log.warn({ at: ctx.date.toISOString() }, 'a scheduled tick was missed (the process was busy or asleep)');
    });
    void task.start();
    return task;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const done = this.sweepOnce();
    this.running = done;
    await done;
    this.running = null;
    if (!this.stopped) await this.followSchedule();
  }

  private async sweepOnce(): Promise<void> {
    const { log } = this.opts;
    const startedAt = new Date();
    log.info({ startedAt: startedAt.toISOString() }, 'sweep started');
    let exitCode: number;
    let error: string | null = null;
    try {
      exitCode = await this.opts.sweep(this.stopping.signal);
    } catch (e) {
      exitCode = 1;
      error = this.opts.describeError(e);
    }
    const finishedAt = new Date();
    const fields = { exitCode, durationMs: finishedAt.getTime() - startedAt.getTime(), next: this.task?.getNextRun()?.toISOString() ?? null };
    if (error) log.error({ ...fields, error }, 'sweep failed: nothing was written; the next tick tries again');
    else log.info(fields, exitCode === 0 ? 'sweep finished' : 'sweep finished partial: the next tick continues');
    this.emit('tick', { kind: 'swept', exitCode, startedAt, finishedAt, error });
  }

  /** A configuration whose `schedule` changed takes effect from the next tick. */
  private async followSchedule(): Promise<void> {
    let next: string | null = null;
    try {
      next = (await this.opts.nextSchedule?.()) ?? null;
    } catch {
      return; // the sweep that just ran has already logged why the configuration cannot be read
    }
    if (!next || next === this.schedule || this.stopped) return;
    this.opts.log.info({ from: this.schedule, to: next }, 'the configuration names a new schedule: using it from now on');
    const old = this.task;
    this.schedule = next;
    this.task = this.createTask(next);
    // Destroying the task we are called from is safe: node-cron only stops arming its timer.
    await old?.destroy();
    this.emit('rescheduled', next);
  }
}
