// What the sweep remembers of GitHub between runs, so that a quick sweep can read only what changed:
// per pull request what stood on it when last read or written, per repository the newest
// `updatedAt` seen when every open pull request was known (and every closing up to then: quick
// reads see closings, and forget those pull requests). A rescan reads everything again.
import type { ListedPullRequest, RepoObservation, SeenState } from './model.js';
import type { Action } from './model.js';
import { compactPublished } from './check-run.js';
import type { FactsCache, RepoListing, WriteResult } from './ports.js';
import type { SweepSummary } from './summary.js';

/**
 * A quick sweep lists again the pull requests updated up to this long before the watermark:
 * GitHub documents no consistency for the order by `updatedAt`, and clients report a few seconds
 * between a write and its visibility (octokit.js#900, actions/stale#842 measured 28 s); see the
 * README ("Quick sweeps") for what rests on this.
 */
export const QUICK_MARGIN_MS = 2 * 60_000;

/** Watermark of a repository with no open pull request: any update is newer. */
const EPOCH = '1970-01-01T00:00:00Z';

/** The later of two GitHub times (null: none). */
export function laterTime(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The `since` of a quick read: the watermark less the margin. */
export function sinceOf(watermark: string): string {
  return new Date(Date.parse(watermark) - QUICK_MARGIN_MS).toISOString();
}

/** Each remembered pull request's `updatedAt`, for a quick read to tell what changed. */
export function knownUpdates(cache: FactsCache, repo: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const n of cache.pullRequestNumbers(repo)) {
    const at = cache.seen(repo, n)?.updatedAt;
    if (at) out.set(n, at);
  }
  return out;
}

/**
 * A listing of only the updated pull requests, completed with what is remembered of the others.
 * A pull request GitHub answered only in part is left alone, not taken from memory; when one came
 * back as a null, so that which one is unknown, none is.
 */
export function withRemembered(listing: RepoListing, cache: FactsCache): RepoListing {
  if (listing.since === undefined) return listing;
  if (listing.failures.some((f) => f.number === null)) return { ...listing, existingLabels: listing.existingLabels ?? cache.repoMemory(listing.repo).existingLabels ?? [] };
  const listed = new Set([...listing.pullRequests.map((p) => p.number), ...listing.failures.map((f) => f.number!), ...(listing.closed ?? [])]);
  const remembered: ListedPullRequest[] = [];
  for (const number of cache.pullRequestNumbers(listing.repo)) {
    const seen = cache.seen(listing.repo, number);
    if (listed.has(number) || !seen) continue;
    const { headSha, updatedAt, isDraft, labels, published, readAt } = seen;
    remembered.push({ repo: listing.repo, number, headSha, updatedAt, isDraft, labels: [...labels], published: { ...published }, seenAt: readAt });
  }
  return {
    ...listing,
    existingLabels: listing.existingLabels ?? cache.repoMemory(listing.repo).existingLabels ?? [],
    pullRequests: [...listing.pullRequests, ...remembered],
  };
}

/**
 * After a repository is observed: what stood on each pull request read this run, the labels that
 * exist, and, when every open pull request is now known, the newest `updatedAt` (before our own
 * writes, which bump it: a person's change at the same moment is then listed again next time).
 */
export function rememberObservation(cache: FactsCache, listing: RepoListing, observation: RepoObservation, closed: number[]): void {
  const { repo } = listing;
  for (const pr of observation.pullRequests) {
    if (pr.seenAt !== undefined) continue;
    const { headSha, updatedAt, isDraft, labels, published, readAt } = pr;
    cache.rememberSeen(repo, pr.number, { headSha, updatedAt, isDraft, labels, published: compactPublished(published), readAt });
  }
  if (listing.existingLabels !== null) cache.rememberRepo(repo, { existingLabels: listing.existingLabels });
  // Pull requests GitHub answered only in part are not known: which remembered ones are closed is
  // known only without a gap, and the watermark is dropped, so that the next sweep lists the
  // repository in full (a probe would not show one that changed before newer ones it remembers).
  if (listing.failures.length > 0) {
    if (listing.failures.every((f) => f.number !== null)) {
      const open = [...observation.pullRequests.map((p) => p.number), ...listing.failures.map((f) => f.number!)];
      cache.retainOpen(repo, open.filter((n) => !closed.includes(n)));
    }
    cache.rememberRepo(repo, { watermark: null });
    return;
  }
  const open = observation.pullRequests.map((p) => p.number);
  cache.retainOpen(repo, open.filter((n) => !closed.includes(n)));
  // After a probe that saw every change, the probe's newest: one read by number since may have been
  // updated after it, when another, neither probed nor read, may have been too.
  const read = listing.confirmsRemembered ? [] : observation.pullRequests.filter((p) => p.seenAt === undefined).map((p) => p.updatedAt);
  const newest = [listing.newestUpdate ?? null, ...read].reduce(laterTime, cache.repoMemory(repo).watermark ?? EPOCH);
  cache.rememberRepo(repo, { watermark: newest });
}

/**
 * What stands on a pull request after one of our writes succeeded, with what GitHub answered: the
 * creation time of a status it created (the report's "since when"), the id of a check run.
 */
export function seenAfter(seen: SeenState, action: Action, result?: WriteResult): SeenState {
  switch (action.kind) {
    case 'set-check-run': {
      const id = action.runId ?? result?.checkRunId;
      // A run created without its id told (the REST writer always tells it): what stands is not known.
      const written = { state: action.state, description: action.output.title, targetUrl: action.detailsUrl, createdAt: null };
      const published = id === undefined ? null : compactPublished({ [action.context]: { ...written, checkRun: { id, output: action.output } } });
      const others = action.sha !== seen.headSha ? {} : Object.fromEntries(Object.entries(seen.published).filter(([c]) => c !== action.context));
      return { ...seen, headSha: action.sha, published: { ...others, ...(published ?? {}) } };
    }
    case 'set-status': {
      const published = { state: action.state, description: action.description, targetUrl: action.targetUrl, createdAt: result?.createdAt ?? null };
      // Written to a head newer than the one listed: what stands on it otherwise is not known.
      if (action.sha !== seen.headSha) return { ...seen, headSha: action.sha, published: { [action.context]: published } };
      return { ...seen, published: { ...seen.published, [action.context]: published } };
    }
    case 'add-label':
      return seen.labels.some((l) => l.toLowerCase() === action.label.toLowerCase()) ? seen : { ...seen, labels: [...seen.labels, action.label] };
    case 'remove-label':
      return { ...seen, labels: seen.labels.filter((l) => l.toLowerCase() !== action.label.toLowerCase()) };
    case 'create-label':
      return seen;
  }
}

/** Remembers a write that succeeded, and what GitHub answered (when a status was created, a check run's id, a label's spelling). */
export function rememberWrite(cache: FactsCache, action: Action, result?: WriteResult): void {
  // A merge group's head is not the pull request's: the queue is read afresh every sweep.
  if ((action.kind === 'set-status' || action.kind === 'set-check-run') && action.mergeGroup) return;
  if (action.kind === 'create-label') {
    // Refused as already existing under another case: that spelling is kept apart as well, since
    // the listing's lookup (which may match names exactly) would drop it from `existingLabels`.
    const name = result?.existingLabel ?? action.name;
    if (result?.existingLabel) cache.rememberLabel(action.repo, name);
    const labels = cache.repoMemory(action.repo).existingLabels ?? [];
    cache.rememberRepo(action.repo, { existingLabels: [...labels, name] });
    return;
  }
  const seen = cache.seen(action.repo, action.number);
  if (seen) cache.rememberSeen(action.repo, action.number, seenAfter(seen, action, result));
}

/** Whether this sweep reads everything: asked for, quick sweeps off (0), never done, or due. */
export function rescanDue(lastRescan: number | null, now: number, rescanMinutes: number): boolean {
  return rescanMinutes <= 0 || lastRescan === null || now - lastRescan >= rescanMinutes * 60_000;
}

/**
 * A rescan that read every pull request of every configured repository (not `--repo`, `--shard`
 * or an offboarding, not one stopped early) starts the time to the next one.
 */
export function completesRescan(summary: SweepSummary, scope: { subset: boolean }): boolean {
  return !scope.subset && summary.repositories.notReached.length === 0 && summary.pullRequests.notReached === 0 && summary.stopped === null;
}
