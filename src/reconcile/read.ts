// The read phase: lists the open pull requests of each repository, and for every head not seen
// before reads its commits (and, for commits a check asks about, their parents), boiling them down
// to the facts of the configured checks and remembering those in the cache. Yields what it observed
// per repository; commits are read for many repositories at once, so requests stay full.
import type { Check, CheckFacts, HeadFacts } from '../checks/check.js';
import { type GitHubError, isBudgetStop } from '../errors.js';
import { rememberObservation, withRemembered } from './memory.js';
import type { ListedPullRequest, RepoObservation } from './model.js';
import type { CommitRef, CommitsRequest, CommitsResult, FactsCache, GitHubReads, ListTarget, RepoListing } from './ports.js';
import { relinkCached } from './relink.js';

export type ReadEvent =
  | { kind: 'observed'; observation: RepoObservation }
  | { kind: 'archived'; repo: string }
  | { kind: 'failed'; repo: string; error: GitHubError }
  /** The read stopped early (budget, rate limit, interruption); what it yielded before stands. */
  | { kind: 'stopped'; reason: string };

export interface ReadDeps {
  github: GitHubReads;
  cache: FactsCache;
  /** The clock, in milliseconds. */
  now: () => number;
  /** Aborted on SIGTERM/SIGINT: no new request starts. */
  signal?: AbortSignal;
}

export interface ReadOptions {
  checks: readonly Check[];
  /** `--full`: read every head's commits again, whatever the cache holds. */
  full: boolean;
  /** Offboarding: list and read what stands on each head, but no commits. */
  offboard: boolean;
  /** A rescan: the addresses GitHub linked to nobody are asked about again (a quick sweep does not). */
  rescan?: boolean;
}

/**
 * Pull requests whose commits are read together; the cache is saved after each such chunk, so a
 * killed run loses at most one chunk's reading.
 */
export const FETCH_CHUNK = 500;

export const INTERRUPTED = 'interrupted: stopping before new work';

/**
 * While reading, the cache is saved at most this often (and always at the end of the sweep): a
 * killed run loses at most this much reading, and a large cache is not serialised again for every
 * chunk (each save makes a string the size of the file, which a sweep of 20,000 pull requests
 * would otherwise make forty times).
 */
export const SAVE_EVERY_MS = 15_000;

interface Listed {
  listing: RepoListing;
  readAt: number;
  requests: CommitsRequest[];
}

const keyOf = (pr: { repo: string; number: number }) => `${pr.repo}#${pr.number}`;

export async function* read(targets: ListTarget[], deps: ReadDeps, opts: ReadOptions): AsyncGenerator<ReadEvent> {
  const { github, cache, signal } = deps;
  const contexts = opts.checks.map((c) => c.context);
  let stopped: string | null = null;
  let savedAt = deps.now();
  let waiting: Listed[] = [];
  let waitingCount = 0;

  const needsCommits = (pr: ListedPullRequest): boolean => {
    if (opts.full) return true;
    const cached = cache.head(pr.repo, pr.number);
    if (!cached || cached.headSha !== pr.headSha || opts.checks.some((c) => !c.hasFacts(cached.facts))) return true;
    // Remembered without a context of ours (configured since): read it with the commits.
    return pr.seenAt !== undefined && contexts.some((c) => !(c in pr.published));
  };

  async function* flush(): AsyncGenerator<ReadEvent> {
    const batch = waiting;
    waiting = [];
    waitingCount = 0;
    const requests = batch.flatMap((w) => w.requests);
    const results = new Map<string, CommitsResult>();
    const failed = new Map<string, string>();
    if (requests.length > 0 && signal?.aborted) stopped ??= INTERRUPTED;
    if (requests.length > 0 && stopped === null) {
      try {
        await github.fetchCommits(requests, (r) => results.set(keyOf(r), r), (req, e) => failed.set(keyOf(req), e.message), signal);
        await readParents(results, failed);
      } catch (error) {
        if (!isBudgetStop(error)) throw error;
        stopped ??= error.message;
      }
      if (signal?.aborted && requests.some((r) => !results.has(keyOf(r)) && !failed.has(keyOf(r)))) stopped ??= INTERRUPTED;
    }
    // On a rescan the addresses GitHub did not link are asked about again (after the new heads,
    // which come first when the budget is short).
    const cached = opts.offboard || !opts.rescan ? [] : batch.flatMap((w) => w.listing.pullRequests.filter((pr) => !needsCommits(pr)));
    if (cached.length > 0 && stopped === null && !signal?.aborted) {
      try {
        await relinkCached(cached, opts.checks, deps);
      } catch (error) {
        if (!isBudgetStop(error)) throw error;
        stopped ??= error.message;
      }
    }
    for (const w of batch) yield { kind: 'observed', observation: observe(w, results, failed) };
    if (deps.now() - savedAt >= SAVE_EVERY_MS) {
      await cache.save();
      savedAt = deps.now();
    }
  }

  /** Parent counts of the commits some check asks about; a pull request whose count cannot be read fails. */
  async function readParents(results: Map<string, CommitsResult>, failed: Map<string, string>): Promise<void> {
    const wanted = new Map<string, string[]>();
    const refs: CommitRef[] = [];
    for (const [k, r] of results) {
      const shas = [...new Set(opts.checks.flatMap((c) => c.parentsNeeded(r.commits)))];
      if (shas.length === 0) continue;
      wanted.set(k, shas);
      refs.push(...shas.map((sha) => ({ repo: r.repo, sha })));
    }
    if (refs.length === 0) return;
    let counts: Map<string, number>;
    try {
      counts = await github.parentCounts(refs);
    } catch (error) {
      // Not read for the budget: those pull requests are read again next run.
      for (const k of wanted.keys()) results.delete(k);
      throw error;
    }
    for (const [k, shas] of wanted) {
      const r = results.get(k)!;
      const unread = shas.find((sha) => !counts.has(sha));
      if (unread) {
        results.delete(k);
        failed.set(k, `could not tell whether commit ${unread.slice(0, 7)} is a merge commit`);
        continue;
      }
      for (const c of r.commits) if (counts.has(c.sha)) c.parentCount = counts.get(c.sha);
    }
  }

  function observe(w: Listed, results: Map<string, CommitsResult>, failed: Map<string, string>): RepoObservation {
    const { listing } = w;
    const observation: RepoObservation = {
      repo: listing.repo,
      existingLabels: existingLabels(listing, cache),
      pullRequests: [],
      failures: [],
      notReached: 0,
      ...(listing.hasMergeQueue === undefined ? {} : { hasMergeQueue: listing.hasMergeQueue }),
    };
    // Answered only in part: left alone, and kept in the cache for when GitHub answers again.
    for (const f of listing.failures) {
      observation.failures.push({ pullRequest: f.number === null ? `${listing.repo} (a pull request GitHub answered null for)` : `${listing.repo}#${f.number}`, error: f.error.message });
    }
    const closed: number[] = [];
    for (const pr of listing.pullRequests) {
      const k = keyOf(pr);
      const got = results.get(k);
      // Closed or merged since it was listed: left alone, and out of the cache.
      if (got?.closed) {
        closed.push(pr.number);
        continue;
      }
      let head: HeadFacts | null = null;
      let cached = false;
      let published = pr.published;
      if (got) {
        const facts: CheckFacts = Object.assign({}, ...opts.checks.map((c) => c.extract(got.commits)));
        head = { headSha: got.headSha, commitsRead: got.commits.length, commitsTotal: got.total, facts };
        // An incomplete read gives `error` now and is read again next time, not remembered.
        if (head.commitsRead >= head.commitsTotal) cache.remember(pr.repo, pr.number, head);
        if (got.published) published = { ...published, ...got.published };
      } else if (failed.has(k)) {
        observation.failures.push({ pullRequest: k, error: failed.get(k)! });
      } else if (!opts.offboard && !needsCommits(pr)) {
        head = cache.head(pr.repo, pr.number) ?? null;
        cached = true;
      } else if (!opts.offboard) {
        observation.notReached += 1;
      }
      // Remembered, not read: as of when it was last read or, when the probe saw it unchanged and
      // open, of when the listing started (the probe comes first: no later than that).
      const readAt = pr.seenAt === undefined ? w.readAt : listing.confirmsRemembered ? Math.max(pr.seenAt, listingStartedAt) : pr.seenAt;
      observation.pullRequests.push({ ...pr, published, head, cached, readAt });
    }
    if (!opts.offboard) rememberObservation(cache, listing, observation, closed);
    return observation;
  }

  const listingStartedAt = deps.now();
  try {
    for await (const result of github.listOpenPullRequests(targets)) {
      if (!result.ok) {
        yield { kind: 'failed', repo: result.repo, error: result.error };
        continue;
      }
      // A quick read lists only what changed: the rest is as remembered.
      const listing = withRemembered(result.listing, cache);
      if (listing.isArchived) {
        yield { kind: 'archived', repo: listing.repo };
        continue;
      }
      const requests = opts.offboard
        ? []
        : listing.pullRequests.filter(needsCommits).map((pr) => ({
            repo: pr.repo,
            number: pr.number,
            listedSha: pr.headSha,
            readPublished: contexts.some((c) => !(c in pr.published)),
          }));
      waiting.push({ listing, readAt: deps.now(), requests });
      waitingCount += requests.length;
      if (waitingCount >= FETCH_CHUNK || opts.offboard) yield* flush();
      // A spent budget or a rate limit: GitHub asks not to go on sending.
      if (stopped !== null) break;
      if (signal?.aborted) {
        stopped ??= INTERRUPTED;
        break;
      }
    }
  } catch (error) {
    if (!isBudgetStop(error)) throw error;
    stopped ??= error.message;
  }
  if (waiting.length > 0) yield* flush();
  if (stopped !== null) yield { kind: 'stopped', reason: stopped };
}

/**
 * The labels known to exist in a repository: those the listing found, those its pull requests carry
 * and those a refused creation revealed earlier (a label lookup may match names exactly while GitHub
 * compares them ignoring case), each once, the listing's spelling first.
 */
function existingLabels(listing: RepoListing, cache: FactsCache): string[] {
  const names = new Map<string, string>();
  for (const name of [...(listing.existingLabels ?? []), ...listing.pullRequests.flatMap((p) => p.labels), ...cache.knownLabels(listing.repo)]) {
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
}
