// The events `notify` sends (docs/events.md is their schema): one per change of a check's state on
// a pull request, as the sweep wrote it, with the state GitHub showed before; one per repository
// that could not be read; one when a sweep fails with nothing written. Pure: built from what the
// sweep recorded, so a lost cache (which rewrites nothing that already matches) floods nobody.
import type { Decision, Write } from '../reconcile/model.js';
import type { SweepSummary } from '../reconcile/summary.js';
import { blockedPullRequests, type MissingItem, pullRequestUrl } from '../report/blocked.js';

export const EVENT_VERSION = 1;

interface Base {
  version: typeof EVENT_VERSION;
  /** When the sweep that sent it finished (ISO 8601). */
  at: string;
}

export interface CheckChanged extends Base {
  type: 'check.changed';
  repository: string;
  pullRequest: { number: number; url: string };
  check: string;
  context: string;
  /** The head commit the state was written to. */
  sha: string;
  /** What GitHub showed on that commit before: null when nothing (a new head, or never checked). */
  before: { state: string; description: string | null } | null;
  after: { state: 'success' | 'failure' | 'error'; description: string };
  /** Who or what is missing (empty when it passes). */
  missing: MissingItem[];
}

export interface RepositoryFailed extends Base {
  type: 'repository.failed';
  repository: string;
  error: { kind: string; message: string };
}

export interface SweepFailed extends Base {
  type: 'sweep.failed';
  error: { kind: string; message: string };
}

export type SweepEvent = CheckChanged | RepositoryFailed | SweepFailed;

const key = (repo: string, number: number, context: string) => `${repo.toLowerCase()}#${number}\u0000${context}`;

/**
 * One event per status written whose state differs from what stood before. A rewrite of the
 * description alone (someone else is now missing too) is no change of state and sends nothing.
 */
export function stateChanges(written: readonly Write[], decisions: readonly Decision[], webUrl: string, at: string): CheckChanged[] {
  const byKey = new Map(decisions.map((d) => [key(d.repo, d.number, d.context), d]));
  const out: CheckChanged[] = [];
  for (const w of written) {
    // A merge group's verdict is not the pull request's own: its change is no event.
    if ((w.kind !== 'set-status' && w.kind !== 'set-check-run') || w.mergeGroup || w.previous === w.state) continue;
    const d = byKey.get(key(w.repo, w.number, w.context));
    const missing = d ? (blockedPullRequests([d], webUrl)[0]?.missing ?? []) : [];
    out.push({
      version: EVENT_VERSION,
      type: 'check.changed',
      at,
      repository: w.repo,
      pullRequest: { number: w.number, url: pullRequestUrl(webUrl, w.repo, w.number) },
      check: d?.check ?? w.context,
      context: w.context,
      sha: w.sha,
      before: d?.before && d.sha === w.sha ? { state: d.before.state, description: d.before.description } : w.previous ? { state: w.previous, description: null } : null,
      after: { state: w.state, description: w.kind === 'set-status' ? w.description : w.output.title },
      missing,
    });
  }
  return out;
}

export function repositoryFailures(summary: SweepSummary, at: string): RepositoryFailed[] {
  return summary.repositories.failed.map((f) => ({
    version: EVENT_VERSION,
    type: 'repository.failed',
    at,
    repository: f.repo,
    error: { kind: f.kind, message: f.error },
  }));
}

export function sweepFailed(error: { kind: string; message: string }, at: string): SweepFailed {
  return { version: EVENT_VERSION, type: 'sweep.failed', at, error };
}
