// apply(): performs the plan in order per pull request and records every outcome.
import { describe, expect, it } from 'vitest';
import { AuthError, GitHubError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { apply, type ApplyDeps, CONFIRM_AFTER_MS, confirmChunk } from '../../../src/reconcile/apply.js';
import { type Action, describeTarget, type PlannedPullRequest, type RepoPlan } from '../../../src/reconcile/model.js';
import type { GitHubWrites } from '../../../src/reconcile/ports.js';
import { emptySummary } from '../../../src/reconcile/summary.js';
import { RollingWriteBudget } from '../../../src/reconcile/write-budget.js';

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
      return undefined;
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

  it('asks the write budget for each pull request\'s writes at once, lets granted ones finish, and stops as partial when it is spent', async () => {
    const writer = scripted([]);
    const summary = emptySummary();
    const budget = Object.assign(new RollingWriteBudget(5), { save: async () => undefined });
    const two = (n: number) => [label(n), label(n, 'x')];
    const plans = plansOf([...two(1), ...two(2), ...two(3)], (pr) => ({ updatedAt: `2026-01-0${4 - pr.number}T00:00:00Z` }));
    await apply(plans, deps(writer, { budget }), summary, { concurrency: 3, writeIntervalMs: 0 });
    // #1 and #2 (the most recent) fit; #3 would need 2 of the 1 left: none of its writes is made.
    expect(writer.seen.map((a) => (a as { number: number }).number)).toEqual([1, 2, 1, 2]);
    expect(summary.writes.skipped).toBe(2);
    expect(summary.stopped).toMatch(/^write budget spent: 5 writes an hour .* frees up from .*the next run continues$/);
    expect(summary.writes.budgetLeft).toBe(1);
  });

  it('creates a label with the first pull request that needs it, counting it in that pull request\'s budget', async () => {
    const writer = scripted([]);
    const summary = emptySummary();
    const budget = Object.assign(new RollingWriteBudget(3), { save: async () => undefined });
    const create = (repo: string): Action => ({ kind: 'create-label', repo, name: 'cla: signed', color: '0e8a16', description: 'd', reason: 'r' });
    const plans = plansOf([create('a/b'), label(1), create('c/d'), label(1, 'cla: signed', 'c/d')], (pr) => ({ updatedAt: pr.repo === 'a/b' ? '2026-02-01' : '2026-01-01' }));
    await apply(plans, deps(writer, { budget }), summary, PACE);
    // a/b#1 and its label (2 writes); c/d#1 would need its label too (2 more, 1 left): neither is made.
    expect(writer.seen.map((a) => `${a.kind} ${a.repo}`)).toEqual(['create-label a/b', 'add-label a/b']);
    expect(summary.writes.skipped).toBe(2);
  });

  it('stops writing to a repository that refuses a write for lack of a permission, records it once, and goes on elsewhere', async () => {
    const refused = () => new GitHubError('set-status on a/b#1 failed: 403 Resource not accessible by personal access token', 'forbidden', { status: 403, permission: 'Commit statuses: write' });
    const writer = scripted([refused(), undefined]);
    const summary = emptySummary();
    const plans = plansOf([label(1), label(1, 'x'), label(2), label(1, 'y', 'c/d')], (pr) => ({ updatedAt: pr.repo === 'a/b' ? '2026-02-01' : '2026-01-01' }));
    await apply(plans, deps(writer), summary, PACE);
    expect(writer.seen.map(describeTarget)).toEqual(['a/b#1', 'c/d#1']);
    expect(summary.writes.refused).toEqual([{ repo: 'a/b', kind: 'add-label', permission: 'Commit statuses: write', error: expect.stringContaining('403') }]);
    expect(summary.writes.failed).toEqual([]);
    expect(summary.writes.skipped).toBe(2);
    expect(summary.writes.done['add-label']).toBe(1);
  });

  it('takes a 404 on a write to a repository this run has read for a refusal too (GitHub hides what a token may not write)', async () => {
    const writer = scripted([new GitHubError('set-status on a/b#1 failed: 404 Not Found', 'not-found', { status: 404, permission: 'Commit statuses: write' })]);
    const summary = emptySummary();
    await apply(plansOf([label(1), label(2)]), deps(writer), summary, PACE);
    expect(writer.seen).toHaveLength(1);
    expect(summary.writes.refused.map((r) => [r.repo, r.permission])).toEqual([['a/b', 'Commit statuses: write']]);
    expect(summary.writes.skipped).toBe(1);
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
