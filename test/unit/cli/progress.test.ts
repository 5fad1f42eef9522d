// The progress line: drawn on a terminal only, with repositories done of the total, pull requests
// decided, writes and points left.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProgressCounter, progressPayload, terminalProgress } from '../../../src/cli/progress.js';
import type { RepoObservation } from '../../../src/reconcile/model.js';
import { emptySummary } from '../../../src/reconcile/summary.js';

function stream(tty: boolean): NodeJS.WriteStream & { text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & { text: () => string };
  let text = '';
  (s as unknown as PassThrough).on('data', (c: Buffer) => {
    text += c.toString('utf8');
  });
  Object.assign(s, { isTTY: tty, columns: 200, rows: 40, text: () => text });
  return s;
}

const observation = (decided: number, unread: number): RepoObservation => ({
  repo: 'o/r',
  existingLabels: [],
  failures: [],
  notReached: 0,
  pullRequests: [
    ...Array.from({ length: decided }, () => ({ head: {} }) as never),
    ...Array.from({ length: unread }, () => ({ head: null }) as never),
  ],
});

describe('the progress line', () => {
  it('counts repositories done of the total and pull requests decided, then writes of the planned ones', () => {
    const counter = new ProgressCounter();
    const summary = emptySummary();
    summary.repositories.selected = 3;
    summary.repositories.listed = 1;
    counter.read({ kind: 'observed', observation: observation(5, 2) }, summary);
    summary.repositories.failed.push({ repo: 'o/x', error: 'x', kind: 'server' });
    counter.read({ kind: 'failed', repo: 'o/x', error: null as never }, summary);
    expect(progressPayload({ ...counter.figures, pointsLeft: 4321 })).toEqual({
      phase: 'reading',
      repos: '2/3 repositories',
      decided: '5 pull requests decided',
      writes: '0 writes',
      points: '4321 points left',
    });
    summary.plan.push({} as never, {} as never, {} as never);
    summary.writes.done['set-status'] = 1;
    counter.wrote(summary);
    expect(progressPayload(counter.figures).writes).toBe('1/3 writes');
  });

  it('draws nothing when the stream is not a terminal', () => {
    const s = stream(false);
    const p = terminalProgress(s, () => 100);
    const summary = emptySummary();
    summary.repositories.selected = 2;
    p.read?.({ kind: 'observed', observation: observation(1, 0) }, summary);
    p.stop();
    expect(s.text()).toBe('');
  });

  it("draws nothing on a terminal during a sweep's first seconds", () => {
    const s = stream(true);
    let now = 0;
    const p = terminalProgress(s, () => 1, { afterMs: 5000, now: () => now });
    const summary = emptySummary();
    summary.repositories.selected = 2;
    p.read?.({ kind: 'observed', observation: observation(1, 0) }, summary);
    expect(s.text()).toBe('');
    now = 5000;
    p.read?.({ kind: 'observed', observation: observation(1, 0) }, summary);
    p.stop();
    expect(s.text()).toContain('2 pull requests decided');
  });

  it('clears the line before anything else is written to the terminal, and lets go of the stream when stopped', () => {
    const s = stream(true);
    const write = s.write;
    const p = terminalProgress(s, () => 1, { afterMs: 0 });
    const summary = emptySummary();
    summary.repositories.selected = 2;
    p.read?.({ kind: 'observed', observation: observation(1, 0) }, summary);
    s.write('a log line\n');
    expect(s.text()).toContain('\r\x1b[2Ka log line\n');
    p.stop();
    expect(s.write).toBe(write);
  });

  it('draws the line on a terminal', () => {
    const s = stream(true);
    const p = terminalProgress(s, () => 4999, { afterMs: 0 });
    const summary = emptySummary();
    summary.repositories.selected = 2;
    summary.repositories.listed = 1;
    p.read?.({ kind: 'observed', observation: observation(3, 0) }, summary);
    p.stop();
    expect(s.text()).toContain('1/2 repositories');
    expect(s.text()).toContain('3 pull requests decided');
    expect(s.text()).toContain('4999 points left');
  });
});
