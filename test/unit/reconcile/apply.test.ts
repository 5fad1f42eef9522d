// apply(): performs the plan in order per pull request and records every outcome.
import { describe, expect, it } from 'vitest';
import { AuthError, GitHubError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { apply, type ApplyDeps, CONFIRM_AFTER_MS, confirmChunk } from '../../../src/reconcile/apply.js';
import type { Action, PlannedPullRequest, RepoPlan } from '../../../src/reconcile/model.js';
import type { GitHubWrites } from '../../../src/reconcile/ports.js';
import { emptySummary } from '../../../src/reconcile/summary.js';

const label = (number: number, l = 'cla: signed', repo = 'a/b'): Action => ({ kind: 'add-label', repo, number, label: l, reason: 'test' });

/** One repository's plan: label creations first, then each pull request's actions in order. */
function plansOf(actions: Action[], over: (pr: PlannedPullRequest) => Partial<PlannedPullRequest> = () => ({})): RepoPlan[] {
  const byRepo = new Map<string, RepoPlan>();
  for (const a of actions) {
    const plan = byRepo.get(a.repo) ?? { repo: a.repo, labelCreations: [], pullRequests: [] };
    byRepo.set(a.repo, plan);
    if (a.kind === 'create-label') {
      plan.labelCreations.push(a);
      continue;
    }
    let pr = plan.pullRequests.find((p) => p.number === a.number);
    if (!pr) {
      pr = { repo: a.repo, number: a.number, updatedAt: null, readAt: 0, decisions: [], actions: [] };
      Object.assign(pr, over(pr));
      plan.pullRequests.push(pr);
    }
    pr.actions.push(a);
  }
  return [...byRepo.values()];
}

/** A writer that answers each write with the next outcome; `undefined` is success. */
function scripted(outcomes: (Error | undefined)[]): GitHubWrites & { seen: Action[] } {
  const seen: Action[] = [];
  return {
    seen,
    async apply(action) {
      seen.push(action as Action);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
    },
  };
}

const everyOpen = async (prs: string[]) => new Map(prs.map((p): [string, boolean] => [p, true]));
const deps = (writer: GitHubWrites, over: Partial<ApplyDeps> = {}): ApplyDeps => ({
  writer,
  log: silentLogger(),
  openStates: everyOpen,
  now: () => 0,
  ...over,
});
const PACE = { concurrency: 1, writeIntervalMs: 0 };

describe('apply', () => {
  it('records a failed write and goes on with the others', async () => {
    const writer = scripted([undefined, new GitHubError('boom', 'server', { status: 500 }), undefined]);
    const summary = emptySummary();
    await apply(plansOf([label(1), label(2), label(3)]), deps(writer), summary, PACE);
    expect(writer.seen).toHaveLength(3);
    expect(summary.writes.done['add-label']).toBe(2);
    expect(summary.writes.failed.map((f) => f.target)).toEqual(['a/b#2']);
  });

  it('creates labels first and keeps each pull request in plan order', async () => {
    const writer = scripted([]);
    const create: Action = { kind: 'create-label', repo: 'a/b', name: 'cla: signed', color: '0e8a16', description: 'd', reason: 'r' };
    await apply(plansOf([label(1), label(1, 'x'), create, label(2)]), deps(writer), emptySummary(), { concurrency: 4, writeIntervalMs: 0 });
    expect(writer.seen[0]).toBe(create);
    const pr1 = writer.seen.filter((a) => a.kind === 'add-label' && a.number === 1).map((a) => (a as { label: string }).label);
    expect(pr1).toEqual(['cla: signed', 'x']);
  });

  it('writes the most recently updated pull requests first', async () => {
    const writer = scripted([]);
    const updated: Record<number, string> = { 1: '2026-01-01T00:00:00Z', 2: '2026-03-01T00:00:00Z', 3: '2026-02-01T00:00:00Z' };
    await apply(plansOf([label(1), label(2), label(3)], (pr) => ({ updatedAt: updated[pr.number] ?? null })), deps(writer), emptySummary(), PACE);
    expect(writer.seen.map((a) => (a as { number: number }).number)).toEqual([2, 3, 1]);
  });

  it('is fatal when the credentials are refused before anything was written', async () => {
    const writer = scripted([new AuthError('token refused')]);
    await expect(apply(plansOf([label(1), label(2)]), deps(writer), emptySummary(), PACE)).rejects.toBeInstanceOf(AuthError);
  });

  it('stops as a partial run when the credentials are refused after some writes (a token that expired)', async () => {
    const writer = scripted([undefined, new AuthError('token refused')]);
    const summary = emptySummary();
    await apply(plansOf([label(1), label(2), label(3)]), deps(writer), summary, PACE);
    expect(writer.seen).toHaveLength(2);
    expect(summary.writes.skipped).toBe(1);
    expect(summary.stopped).toBe('token refused');
  });

  it('stops writing once GitHub says the rate limit is spent', async () => {
    const writer = scripted([undefined, new GitHubError('spent', 'rate-limited', { status: 403 })]);
    const summary = emptySummary();
    await apply(plansOf([label(1), label(2), label(3), label(4)]), deps(writer), summary, PACE);
    expect(writer.seen).toHaveLength(2);
    expect(summary.writes.skipped).toBe(2);
    expect(summary.stopped).toBe('spent');
  });

  it('confirms reads older than a minute and leaves alone a pull request closed meanwhile, and one whose state cannot be read', async () => {
    const writer = scripted([]);
    const summary = emptySummary();
    const asked: string[][] = [];
    const openStates = async (prs: string[]) => {
      asked.push(prs);
      // #2 was merged meanwhile; #3's state could not be read.
      return new Map(prs.filter((p) => p !== 'a/b#3').map((p): [string, boolean] => [p, p !== 'a/b#2']));
    };
    // #5 was read just now: no need to ask.
    const plans = plansOf([label(1), label(2), label(3), label(4), label(5)], (pr) => ({ readAt: pr.number === 5 ? CONFIRM_AFTER_MS : 0 }));
    await apply(plans, deps(writer, { openStates, now: () => CONFIRM_AFTER_MS + 1 }), summary, PACE);
    expect(asked).toEqual([['a/b#1', 'a/b#2', 'a/b#3', 'a/b#4']]);
    expect(writer.seen.map((a) => (a as { number: number }).number)).toEqual([1, 4, 5]);
    expect(summary.pullRequests.closedMeanwhile).toBe(1);
    expect(summary.writes.skipped).toBe(1);
    expect(summary.stopped).toMatch(/still open/);
  });

  it('spends no request on confirming fresh reads', async () => {
    const writer = scripted([]);
    let asked = 0;
    const openStates = async (prs: string[]) => {
      asked += 1;
      return everyOpen(prs);
    };
    await apply(plansOf([label(1), label(2)]), deps(writer, { openStates, now: () => CONFIRM_AFTER_MS }), emptySummary(), PACE);
    expect(asked).toBe(0);
    expect(writer.seen).toHaveLength(2);
  });

  it('is partial, not fatal, when the credentials expire while checking open states after some writes', async () => {
    const writer = scripted([]);
    const summary = emptySummary();
    let calls = 0;
    const openStates = async (prs: string[]) => {
      calls += 1;
      if (calls > 1) throw new AuthError('token refused');
      return everyOpen(prs);
    };
    const many = Array.from({ length: 30 }, (_, i) => label(i + 1));
    // One write a second: 20 pull requests a check, so that each is written within a minute of it.
    await apply(plansOf(many), deps(writer, { openStates, now: () => CONFIRM_AFTER_MS + 1 }), summary, { concurrency: 1, writeIntervalMs: 1000 });
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
    await apply(plansOf([label(1)]), deps(writer, { signal: controller.signal }), summary, PACE);
    expect(writer.seen).toHaveLength(0);
    expect(summary.writes.skipped).toBe(1);
  });
});
