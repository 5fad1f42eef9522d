// The rolling hour of writes: pure, with the clock passed in.
import { describe, expect, it } from 'vitest';
import { RollingWriteBudget } from '../../../src/reconcile/write-budget.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('RollingWriteBudget', () => {
  it('grants writes up to the limit within an hour, all of a request or none', () => {
    const b = new RollingWriteBudget(10);
    expect(b.take(4, T0)).toEqual({ ok: true });
    expect(b.take(4, T0 + 5 * MIN)).toEqual({ ok: true });
    expect(b.take(3, T0 + 10 * MIN)).toEqual({ ok: false, limit: 10, freesAt: T0 + 60 * MIN });
    expect(b.remaining(T0 + 10 * MIN)).toBe(2);
    expect(b.take(2, T0 + 10 * MIN)).toEqual({ ok: true });
    expect(b.remaining(T0 + 10 * MIN)).toBe(0);
  });

  it('frees each write an hour after the minute it was made in', () => {
    const b = new RollingWriteBudget(10);
    b.take(6, T0 + 30_000);
    b.take(4, T0 + 20 * MIN);
    expect(b.remaining(T0 + 59 * MIN + 59_000)).toBe(0);
    expect(b.remaining(T0 + 60 * MIN)).toBe(6);
    // Seven writes need the second minute's four to expire as well.
    expect(b.take(7, T0 + 60 * MIN)).toEqual({ ok: false, limit: 10, freesAt: T0 + 80 * MIN });
    expect(b.remaining(T0 + 80 * MIN)).toBe(10);
  });

  it('carries the last hour across runs through its ledger, dropping older minutes', () => {
    const first = new RollingWriteBudget(10);
    first.take(3, T0 - 70 * MIN);
    first.take(8, T0 - 10 * MIN);
    const ledger = first.ledger(T0);
    expect(ledger).toEqual([[Math.floor((T0 - 10 * MIN) / MIN), 8]]);
    const second = new RollingWriteBudget(10, ledger);
    expect(second.remaining(T0)).toBe(2);
    // A larger budget in the next run counts the same writes.
    expect(new RollingWriteBudget(100, ledger).remaining(T0)).toBe(92);
  });

  it('says when a request larger than the whole budget could pass: never more than the limit is waited for', () => {
    const b = new RollingWriteBudget(2);
    b.take(2, T0);
    expect(b.take(5, T0)).toEqual({ ok: false, limit: 2, freesAt: T0 + 60 * MIN });
  });
});
