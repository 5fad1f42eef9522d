// apply(): performs the plan in order per pull request and records every outcome.
import { describe, expect, it } from 'vitest';
import { AuthError, GitHubError } from '../../../src/errors.js';
import type { Writer } from '../../../src/github/writer.js';
import { silentLogger } from '../../../src/log.js';
import type { Action } from '../../../src/reconcile/model.js';
import { emptySummary } from '../../../src/reconcile/summary.js';
import { apply, confirmChunk } from '../../../src/reconcile/sweep.js';

const label = (number: number, l = 'cla: signed'): Action => ({ kind: 'add-label', repo: 'a/b', number, label: l, reason: 'test' });

/** A writer that answers each write with the next outcome; `undefined` is success. */
function scripted(outcomes: (Error | undefined)[]): Writer & { seen: Action[] } {
  const seen: Action[] = [];
  return {
    seen,
    async apply(action) {
      seen.push(action);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
    },
  };
}

describe('apply', () => {
  it('records a failed write and goes on with the others', async () => {
    const writer = scripted([undefined, new GitHubError('boom', 500), undefined]);
    const summary = emptySummary();
    await apply([label(1), label(2), label(3)], { writer, log: silentLogger() }, summary);
    expect(writer.seen).toHaveLength(3);
    expect(summary.writes.done['add-label']).toBe(2);
    expect(summary.writes.failed.map((f) => f.target)).toEqual(['a/b#2']);
  });

  it('creates labels first and keeps each pull request in plan order', async () => {
    const writer = scripted([]);
    const create: Action = { kind: 'create-label', repo: 'a/b', name: 'cla: signed', color: '0e8a16', description: 'd', reason: 'r' };
    await apply([label(1), label(1, 'x'), create, label(2)], { writer, log: silentLogger() }, emptySummary(), { concurrency: 4, writeIntervalMs: 0 });
    expect(writer.seen[0]).toBe(create);
    const pr1 = writer.seen.filter((a) => a.kind === 'add-label' && a.number === 1).map((a) => (a as { label: string }).label);
    expect(pr1).toEqual(['cla: signed', 'x']);
  });

  it('is fatal when the credentials are refused before anything was written', async () => {
    const writer = scripted([new AuthError('token refused')]);
    await expect(apply([label(1), label(2)], { writer, log: silentLogger() }, emptySummary())).rejects.toBeInstanceOf(AuthError);
  });

  it('stops as a partial run when the credentials are refused after some writes (a token that expired)', async () => {
    const writer = scripted([undefined, new AuthError('token refused')]);
    const summary = emptySummary();
    await apply([label(1), label(2), label(3)], { writer, log: silentLogger() }, summary);
    expect(writer.seen).toHaveLength(2);
    expect(summary.writes.skipped).toBe(1);
    expect(summary.stopped).toBe('token refused');
  });

  it('leaves alone a pull request closed between the read and the write, and one whose state cannot be read', async () => {
    const writer = scripted([]);
    const summary = emptySummary();
    const asked: string[][] = [];
    const pullRequestStates = async (prs: string[]) => {
      asked.push(prs);
      // #2 was merged meanwhile; #3's state could not be read.
      return new Map(prs.filter((p) => p !== 'a/b#3').map((p): [string, boolean] => [p, p !== 'a/b#2']));
    };
    await apply([label(1), label(2), label(3), label(4)], { writer, log: silentLogger(), pullRequestStates }, summary);
    expect(asked).toEqual([['a/b#1', 'a/b#2', 'a/b#3', 'a/b#4']]);
    expect(writer.seen.map((a) => (a as { number: number }).number)).toEqual([1, 4]);
    expect(summary.pullRequests.closedMeanwhile).toBe(1);
    expect(summary.writes.skipped).toBe(1);
    expect(summary.stopped).toMatch(/still open/);
  });

  it('is partial, not fatal, when the credentials expire while checking open states after some writes', async () => {
    const writer = scripted([]);
    const summary = emptySummary();
    let calls = 0;
    const pullRequestStates = async (prs: string[]) => {
      calls += 1;
      if (calls > 1) throw new AuthError('token refused');
      return new Map(prs.map((p): [string, boolean] => [p, true]));
    };
    const many = Array.from({ length: 30 }, (_, i) => label(i + 1));
    // One write a second: 20 pull requests a check, so that each is written within a minute of it.
    await apply(many, { writer, log: silentLogger(), pullRequestStates }, summary, { concurrency: 1, writeIntervalMs: 1000 });
    expect(writer.seen).toHaveLength(20);
    expect(summary.writes.skipped).toBe(10);
    expect(summary.stopped).toBe('token refused');
  });

  it.each([
    [0, 100],
    [1000, 20],
    [30_000, 1],
  ])('checks open states in chunks written within a minute (write interval %i ms: %i)', (interval, chunk) => {
    expect(confirmChunk(interval)).toBe(chunk);
  });

  it('makes no write once the run is interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const writer = scripted([]);
    const summary = emptySummary();
    await apply([label(1)], { writer, log: silentLogger(), signal: controller.signal }, summary);
    expect(writer.seen).toHaveLength(0);
    expect(summary.writes.skipped).toBe(1);
  });
});
