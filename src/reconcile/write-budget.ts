// A rolling hour of writes: how many were made in each minute of the last hour. Pure: the clock
// is passed in, and the minutes are handed to whatever keeps them between runs.
import type { WriteBudget, WriteGrant } from './ports.js';

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;

/** Writes made per minute since the epoch, as kept between runs. */
export type WriteLedger = [minute: number, writes: number][];

export class RollingWriteBudget implements Omit<WriteBudget, 'save'> {
  private readonly spent = new Map<number, number>();

  constructor(
    readonly limit: number,
    ledger: WriteLedger = [],
  ) {
    for (const [minute, writes] of ledger) this.spent.set(minute, (this.spent.get(minute) ?? 0) + writes);
  }

  /** Writes made in the hour before `now`. */
  used(now: number): number {
    const from = Math.floor(now / MINUTE_MS) - HOUR_MINUTES + 1;
    let used = 0;
    for (const [minute, writes] of this.spent) if (minute >= from) used += writes;
    return used;
  }

  remaining(now: number): number {
    return Math.max(0, this.limit - this.used(now));
  }

  take(writes: number, now: number): WriteGrant {
    if (writes <= this.remaining(now)) {
      const minute = Math.floor(now / MINUTE_MS);
      this.spent.set(minute, (this.spent.get(minute) ?? 0) + writes);
      return { ok: true };
    }
    return { ok: false, limit: this.limit, freesAt: this.freesAt(Math.min(writes, this.limit), now) };
  }

  /** The earliest time from which `writes` more fit: each write frees up an hour after the minute it was made in. */
  private freesAt(writes: number, now: number): number {
    const minutes = [...this.spent].filter(([m]) => m >= Math.floor(now / MINUTE_MS) - HOUR_MINUTES + 1).sort((a, b) => a[0] - b[0]);
    let free = this.remaining(now);
    for (const [minute, n] of minutes) {
      free += n;
      if (free >= writes) return (minute + HOUR_MINUTES) * MINUTE_MS;
    }
    return now;
  }

  /** The minutes of the last hour, to keep: older ones no longer count. */
  ledger(now: number): WriteLedger {
    const from = Math.floor(now / MINUTE_MS) - HOUR_MINUTES + 1;
    return [...this.spent].filter(([m, n]) => m >= from && n > 0).sort((a, b) => a[0] - b[0]);
  }
}
