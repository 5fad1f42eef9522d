// The apply phase: makes the planned writes and records each outcome; a failure is recorded and the
// rest goes on. Its safety rules: a pull request read a while ago is confirmed still open just
// before it is written to, since a merged pull request must be left alone; the write budget is
// asked before each pull request's writes; a repository that refuses a write gets no more.
import pLimit from 'p-limit';
import { AuthError, GitHubError, isBudgetStop, isRateLimited } from '../errors.js';
import type { Logger } from '../log.js';
import { type Action, describeTarget, type PlannedPullRequest, type RepoPlan, type Write } from './model.js';
import type { GitHubWrites, SweepObserver, WriteBudget, WriteResult } from './ports.js';
import { INTERRUPTED } from './read.js';
import { LabelCreations } from './label-creations.js';
import { RepositoryRefusals } from './refusals.js';
import type { SweepSummary } from './summary.js';

export interface ApplyDeps {
  writer: GitHubWrites;
  /** Whether pull requests ("owner/name#N") are still open; one left out could not be read. */
  openStates: (prs: string[]) => Promise<Map<string, boolean>>;
  log: Logger;
  /** The clock, in milliseconds. */
  now: () => number;
  /** Aborted on SIGTERM/SIGINT: no new write starts; writes in flight finish. */
  signal?: AbortSignal;
  /** `github.maxWritesPerHour`, kept across runs; none: unlimited. */
  budget?: WriteBudget;
  /** Told of each write that succeeded and what GitHub answered (the sweep remembers what now stands on GitHub). */
  onWritten?: (action: Action, result?: WriteResult) => void;
  observer?: SweepObserver;
}

export interface Pace {
  /** Pull requests written to at once (the client's throttle still paces writes). */
  concurrency: number;
  /** `github.writeIntervalMs`, to size the chunks confirmed open at once. */
  writeIntervalMs: number;
}

/**
 * A pull request read longer ago than this is confirmed open just before its writes. A quick sweep
 * writes seconds after reading and spends nothing on it; a long backfill, paced at one write a
 * second, may write an hour after reading.
 */
export const CONFIRM_AFTER_MS = 60_000;
/** At most this many pull requests' open state is read at once, in one 1-point request. */
const CONFIRM_CHUNK = 100;
/** Writes a pull request usually gets (a status and a label swap), to size chunks in time. */
const WRITES_PER_PULL_REQUEST = 3;

/** Pull requests checked together: few enough that the last is written within CONFIRM_AFTER_MS of its check. */
export function confirmChunk(writeIntervalMs: number): number {
  if (writeIntervalMs <= 0) return CONFIRM_CHUNK;
  return Math.max(1, Math.min(CONFIRM_CHUNK, Math.floor(CONFIRM_AFTER_MS / (writeIntervalMs * WRITES_PER_PULL_REQUEST))));
}

/** What a write log line says: the repository, the pull request, what was written and why. */
export function writeLogFields(action: Write): Record<string, unknown> {
  const { repo, kind, reason } = action;
  switch (action.kind) {
    case 'set-status':
      return { repo, pullRequest: action.number, kind, context: action.context, state: action.state, previous: action.previous, sha: action.sha, reason, ...(action.mergeGroup ? { mergeGroup: true } : {}) };
    case 'set-check-run':
      return {
        repo,
        pullRequest: action.number,
        kind,
        context: action.context,
        state: action.state,
        conclusion: action.conclusion,
        previous: action.previous,
        sha: action.sha,
        reason,
        ...(action.runId === null ? {} : { checkRun: action.runId }),
        ...(action.mergeGroup ? { mergeGroup: true } : {}),
      };
    case 'add-label':
    case 'remove-label':
      return { repo, pullRequest: action.number, kind, label: action.label, reason };
    case 'create-label':
      return { repo, kind, label: action.name, reason };
    case 'create-issue':
      return { repo, kind, title: action.title, reason };
    case 'update-issue':
      return { repo, issue: action.issue, kind, title: action.title, reason };
  }
}

/** Most recently updated first, so that when a budget ends the run active contributors were served. */
export function writeOrder(prs: PlannedPullRequest[]): PlannedPullRequest[] {
  return [...prs].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
}

export async function apply(plans: readonly RepoPlan[], deps: ApplyDeps, summary: SweepSummary, pace: Pace): Promise<void> {
  // `halted`: why nothing more can be written this run (refused credentials, a rate limit, a
  // signal); `spent`: why no further pull request is started (the write budget), while those that
  // were granted theirs finish. An object, so that the closures' assignments are seen after their awaits.
  const run: { halted: string | null; spent: string | null; refused: AuthError | null } = { halted: null, spent: null, refused: null };
  const refusals = new RepositoryRefusals(summary, deps.log);
  const labels = new LabelCreations(plans);
  const halt = (why: string) => {
    run.halted ??= why;
    summary.stopped ??= run.halted;
  };

  const one = async (action: Action) => {
    if (deps.signal?.aborted) run.halted ??= INTERRUPTED;
    if (run.halted !== null || refusals.has(action.repo)) {
      if (run.halted !== null) summary.stopped ??= run.halted;
      summary.writes.skipped += 1;
      return;
    }
    const target = describeTarget(action);
    try {
      const result = await deps.writer.apply(action);
      summary.writes.done[action.kind] += 1;
      deps.onWritten?.(action, result ?? undefined);
      deps.log.info(writeLogFields(action), 'wrote');
      deps.observer?.wrote?.(action, summary, result ?? undefined);
    } catch (error) {
      if (error instanceof AuthError) {
        // Credentials refused (an installation token expiring mid-run): nothing more can be written.
        run.refused ??= error;
        run.halted ??= error.message;
        return;
      }
      // This run has just read the repository: a write GitHub refuses (403), or answers 404 as it
      // does to a token that may read but not write statuses, lacks a permission. No further
      // write is sent to that repository this run.
      if (error instanceof GitHubError && (error.kind === 'forbidden' || error.kind === 'not-found')) {
        if (!refusals.record(action, error)) summary.writes.skipped += 1;
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      summary.writes.failed.push({ target, kind: action.kind, error: message });
      deps.log.error({ target, kind: action.kind, error: message }, 'write failed');
      if (isRateLimited(error)) halt(message);
    }
  };

  /** Spends the write budget on `writes` at once (a pull request's writes are made together or not at all). */
  const spend = (writes: number): boolean => {
    if (!deps.budget || writes === 0) return true;
    const grant = deps.budget.take(writes, deps.now());
    if (grant.ok) return true;
    run.spent ??= `write budget spent: ${grant.limit} writes an hour (github.maxWritesPerHour), counted across runs; it frees up from ${new Date(grant.freesAt).toISOString()}; the next run continues`;
    summary.stopped ??= run.spent;
    return false;
  };

  const writePullRequest = async (pr: PlannedPullRequest) => {
    if (deps.signal?.aborted) run.halted ??= INTERRUPTED;
    const creations = labels.neededBy(pr).filter((c) => !refusals.has(c.action.repo));
    const unstarted = creations.filter((c) => c.done === null);
    if (run.halted !== null || run.spent !== null || refusals.has(pr.repo) || !spend(pr.actions.length + unstarted.length)) {
      summary.stopped ??= run.halted ?? run.spent;
      summary.writes.skipped += pr.actions.length;
      return;
    }
    // A repository's labels are created just before the first pull request that needs them, so
    // that a budget never goes on labels for pull requests it cannot reach.
    for (const c of unstarted) c.done = one(c.action);
    await Promise.all(creations.map((c) => c.done));
    for (const action of pr.actions) await one(action);
  };

  const readStates = async (prs: PlannedPullRequest[]): Promise<Map<string, boolean>> => {
    const keys = prs.map((p) => `${p.repo}#${p.number}`);
    const now = deps.now();
    const stale = prs.filter((p) => now - p.readAt > CONFIRM_AFTER_MS && !refusals.has(p.repo)).map((p) => `${p.repo}#${p.number}`);
    const states = new Map(keys.map((k): [string, boolean] => [k, true]));
    if (stale.length === 0 || run.halted !== null || deps.signal?.aborted) return states; // each write is skipped anyway
    for (const k of stale) states.delete(k);
    try {
      for (const [k, open] of await deps.openStates(stale)) states.set(k, open);
    } catch (error) {
      if (error instanceof AuthError) {
        run.refused ??= error;
        run.halted ??= error.message;
        return new Map(keys.map((k): [string, boolean] => [k, true]));
      }
      if (!isBudgetStop(error)) throw error;
      deps.log.warn({ error: error.message }, 'could not confirm pull requests are still open');
    }
    return states;
  };

  // A merge queue waits on its group heads: they go first, a group's writes together, from the
  // budget like any. A group commit the queue has dropped since takes the write harmlessly, so
  // nothing is confirmed first.
  for (const plan of plans) {
    for (const group of plan.mergeGroups ?? []) {
      if (run.halted !== null || run.spent !== null || refusals.has(plan.repo) || !spend(group.actions.length)) {
        summary.writes.skipped += group.actions.length;
        continue;
      }
      for (const action of group.actions) await one(action);
    }
  }
  const limit = pLimit(Math.max(1, pace.concurrency));
  const chunkSize = confirmChunk(pace.writeIntervalMs);
  const queue = writeOrder(plans.flatMap((p) => p.pullRequests).filter((p) => p.actions.length > 0));
  for (let i = 0; i < queue.length; i += chunkSize) {
    const chunk = queue.slice(i, i + chunkSize);
    // Writing takes time (a second a write on github.com): a pull request merged since it was
    // read is left alone, and one whose state cannot be read now is left for the next run.
    const states = await readStates(chunk);
    const writable = chunk.filter((pr) => {
      const state = states.get(`${pr.repo}#${pr.number}`);
      if (state === false) {
        summary.pullRequests.closedMeanwhile += 1;
        deps.log.info({ pullRequest: `${pr.repo}#${pr.number}` }, 'closed since it was read: not written');
      } else if (state === undefined) {
        summary.writes.skipped += pr.actions.length;
        summary.stopped ??= 'could not confirm that pull requests read a while ago are still open: left for the next run';
      }
      return state === true;
    });
    await Promise.all(writable.map((pr) => limit(() => writePullRequest(pr))));
    await deps.budget?.save();
  }
  // Creations no pull request asked for (none, as plans are made): still made, budget allowing.
  for (const c of labels.unstarted()) {
    if (run.halted === null && run.spent === null && !refusals.has(c.action.repo) && spend(1)) await one(c.action);
    else summary.writes.skipped += 1;
  }
  await deps.budget?.save();
  if (deps.budget) summary.writes.budgetLeft = deps.budget.remaining(deps.now());
  if (run.refused) {
    // Nothing written: a fatal authentication problem (exit 1). Some written: a partial run (exit 2).
    if (Object.values(summary.writes.done).every((n) => n === 0)) throw run.refused;
    summary.stopped ??= run.refused.message;
  }
}
