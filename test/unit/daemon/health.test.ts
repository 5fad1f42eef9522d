// /healthz's rules: three fatal sweeps in a row, or no completed sweep for three schedule periods
// beyond the last one's duration, make the daemon unhealthy; a partial sweep is a completed one.
import { describe, expect, it } from 'vitest';
import { HealthState, schedulePeriodMs } from '../../../src/daemon/health.js';

const MIN = 60_000;
const PERIOD = 15 * MIN;

function after(outcomes: [exitCode: number, startedAt: number, finishedAt: number][]): HealthState {
  const h = new HealthState(0);
  for (const [exitCode, startedAt, finishedAt] of outcomes) h.record({ exitCode, startedAt, finishedAt });
  return h;
}

describe('HealthState', () => {
  it.each<[string, [number, number, number][], number, boolean]>([
    ['just started, no sweep yet', [], 10 * MIN, true],
    ['no sweep for three periods since the start', [], 3 * PERIOD + 1, false],
    ['a complete sweep', [[0, 0, 2 * MIN]], 20 * MIN, true],
    ['a partial sweep is healthy', [[2, 0, 2 * MIN]], 20 * MIN, true],
    ['two fatal sweeps in a row', [[0, 0, MIN], [1, PERIOD, PERIOD + 1], [1, 2 * PERIOD, 2 * PERIOD + 1]], 2 * PERIOD + 2, true],
    ['three fatal sweeps in a row', [[0, 0, MIN], [1, PERIOD, PERIOD + 1], [1, 2 * PERIOD, 2 * PERIOD + 1], [1, 3 * PERIOD, 3 * PERIOD + 1]], 3 * PERIOD + 2, false],
    ['three fatal sweeps, then a partial one', [[1, 0, 1], [1, PERIOD, PERIOD + 1], [1, 2 * PERIOD, 2 * PERIOD + 1], [2, 3 * PERIOD, 3 * PERIOD + MIN]], 3 * PERIOD + MIN, true],
    ['a long sweep: its duration is allowed on top', [[0, 0, 40 * MIN]], 40 * MIN + 3 * PERIOD + 39 * MIN, true],
    ['stalled past three periods and the last duration', [[0, 0, 10 * MIN]], 10 * MIN + 3 * PERIOD + 10 * MIN + 1, false],
  ])('%s', (_, outcomes, now, healthy) => {
    const status = after(outcomes).status(now, PERIOD);
    expect(status.healthy).toBe(healthy);
    expect(status.reason === null).toBe(healthy);
  });
});

describe('schedulePeriodMs', () => {
  it.each([
    ['*/15 * * * *', 15 * MIN],
    ['* * * * * *', 1000],
    // Weekdays at nine: the weekend is the longest gap.
    ['0 9 * * 1-5', 72 * 60 * MIN],
  ])('%s', (schedule, period) => {
    expect(schedulePeriodMs(schedule)).toBe(period);
  });
});
