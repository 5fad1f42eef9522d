// Whether a daemon is healthy, from what its sweeps came to: unhealthy after three fatal sweeps in
// a row (exit 1: nothing written), or when no sweep has completed for three schedule periods
// beyond the last one's duration. A partial sweep (exit 2: a budget spent, a backfill under way)
// completed: it is healthy. Pure: the clock and the period are passed in.
import cron from 'node-cron';

export const FATAL_IN_A_ROW = 3;
export const PERIODS = 3;

export interface SweepOutcome {
  exitCode: number;
  startedAt: number;
  finishedAt: number;
}

export interface HealthStatus {
  healthy: boolean;
  /** Why not, in words; null when healthy. */
  reason: string | null;
  fatalInARow: number;
  lastCompletedAt: string | null;
  lastExitCode: number | null;
}

export class HealthState {
  private fatalInARow = 0;
  private lastCompleted: SweepOutcome | null = null;
  private lastExitCode: number | null = null;

  /** `since`: when the daemon started, the baseline before any sweep completes. */
  constructor(private readonly since: number) {}

  record(outcome: SweepOutcome): void {
    this.lastExitCode = outcome.exitCode;
    if (outcome.exitCode === 1) {
      this.fatalInARow += 1;
      return;
    }
    this.fatalInARow = 0;
    this.lastCompleted = outcome;
  }

  status(now: number, periodMs: number): HealthStatus {
    const base = {
      fatalInARow: this.fatalInARow,
      lastCompletedAt: this.lastCompleted ? new Date(this.lastCompleted.finishedAt).toISOString() : null,
      lastExitCode: this.lastExitCode,
    };
    if (this.fatalInARow >= FATAL_IN_A_ROW) {
      return { ...base, healthy: false, reason: `the last ${this.fatalInARow} sweeps failed with nothing written` };
    }
    const from = this.lastCompleted?.finishedAt ?? this.since;
    const lastDuration = this.lastCompleted ? this.lastCompleted.finishedAt - this.lastCompleted.startedAt : 0;
    const allowed = PERIODS * periodMs + lastDuration;
    if (now - from > allowed) {
      const what = this.lastCompleted ? 'no sweep has completed' : 'no sweep has completed since the daemon started';
      return { ...base, healthy: false, reason: `${what} for ${Math.round((now - from) / 1000)} s, more than ${PERIODS} schedule periods and the last sweep's duration (${Math.round(allowed / 1000)} s)` };
    }
    return { ...base, healthy: true, reason: null };
  }
}

/** The longest gap between the next runs of a cron schedule: its period, for an irregular one the worst case. */
export function schedulePeriodMs(schedule: string, runs = 24): number {
  const task = cron.createTask(schedule, () => undefined);
  try {
    const next = task.getNextRuns(runs).map((d) => d.getTime());
    let longest = 0;
    for (let i = 1; i < next.length; i++) longest = Math.max(longest, next[i]! - next[i - 1]!);
    return longest;
  } finally {
    void task.destroy();
  }
}
