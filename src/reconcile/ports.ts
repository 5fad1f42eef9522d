// The interfaces the sweep needs from the outside world. The core owns them; the GitHub adapter
// (src/github) and the cache (src/cache) implement them; tests pass plain objects.
import type { HeadFacts } from '../checks/check.js';
import type { CommitRecord } from '../checks/model.js';
import type { GitHubError } from '../errors.js';
import type { ListedPullRequest, Published, SeenState, Write } from './model.js';
import type { ReadEvent } from './read.js';
import type { SweepSummary } from './summary.js';

/** A repository to list, with what the cache knows of it. */
export interface ListTarget {
  repo: string;
  /** Open pull requests last time, to size the first page; null when unknown. */
  expectedOpen: number | null;
  /** Cached head SHA per pull request number: what stands on them is read in the listing itself. */
  knownHeads: Map<number, string>;
  /** Read what stands on every head, new ones included, without reading commits (offboarding). */
  readAllPublished?: boolean;
  /**
   * A quick read: only the open pull requests whose `updatedAt` is at or after this (GitHub's time),
   * newest first; what stands on their heads is read only where the cache knows the head. Nothing at
   * all is listed when the newest pull requests are those of `knownUpdates` as they were.
   */
  since?: string;
  /** For a quick read: each remembered pull request's `updatedAt`. */
  knownUpdates?: Map<number, string>;
  /**
   * For a quick read: the newest `updatedAt` seen when every open pull request, and every closing,
   * was last known (`since` is this less a margin). A pull request closed no later than this was
   * forgotten then; whatever GitHub orders after a closing no later than this is as remembered, but
   * for a change GitHub listed late (README, "Quick sweeps").
   */
  watermark?: string;
}

/** A pull request GitHub answered only in part (an error at its path, a null in its place): left alone this run. */
export interface ListingFailure {
  /** Null when GitHub put null in its place, so that not even its number is known. */
  number: number | null;
  error: GitHubError;
}

export interface RepoListing {
  repo: string;
  isArchived: boolean;
  /** Which of the project's labels exist in the repository, as GitHub spells them; null: not read (nothing changed). */
  existingLabels: string[] | null;
  /** The pull requests read in full. */
  pullRequests: ListedPullRequest[];
  /** Open pull requests that could not be read; the listing is complete when this is empty. */
  failures: ListingFailure[];
  /** Set for a quick read: only the pull requests updated since then are listed. */
  since?: string;
  /** For a quick read: the newest `updatedAt` of the repository's pull requests in any state, when read (null: none). */
  newestUpdate?: string | null;
  /** Whether it has a merge queue, when asked (`mergeQueue: true`); undefined: not asked. */
  hasMergeQueue?: boolean;
  /**
   * A quick read: pull requests it found closed, merged or gone (by its probe, read by number, or
   * in its listing of every state); those remembered are forgotten.
   */
  closed?: number[];
  /**
   * A quick read whose probe saw every change since the watermark, closings included: each
   * remembered pull request it does not list is, as of this read, open and as remembered.
   */
  confirmsRemembered?: boolean;
}

export type ListingResult = { ok: true; listing: RepoListing } | { ok: false; repo: string; error: GitHubError };

export interface RepoInfo {
  repo: string;
  isArchived: boolean;
  openCount: number;
}

export interface CommitsRequest {
  repo: string;
  number: number;
  listedSha: string;
  /** Read what stands on `listedSha` together with the commits (the listing did not). */
  readPublished: boolean;
}

export interface CommitsResult {
  repo: string;
  number: number;
  /** The head SHA read together with the commits: the one the verdict is written to. */
  headSha: string;
  commits: CommitRecord[];
  total: number;
  /** What stands on `listedSha`, when asked for. */
  published?: Record<string, Published | null>;
  /** The pull request is no longer open. */
  closed: boolean;
}

/** A commit of a repository, for reads that go by SHA. */
export interface CommitRef {
  repo: string;
  sha: string;
}

export interface GitHubReads {
  /** Every repository of a user or organisation. */
  listOwnerRepositories(owner: string): Promise<RepoInfo[]>;
  /** Named repositories; a GitHubError for one that cannot be read. */
  describeRepositories(repos: string[]): Promise<Map<string, RepoInfo | GitHubError>>;
  /** Yields each repository as soon as all its open pull requests are listed. */
  listOpenPullRequests(targets: ListTarget[]): AsyncGenerator<ListingResult>;
  /**
   * Every commit of each requested pull request; `onResult` per pull request as soon as it is
   * complete, `onFailure` when it cannot be read. When `signal` is aborted no further request starts.
   */
  fetchCommits(
    requests: CommitsRequest[],
    onResult: (r: CommitsResult) => void,
    onFailure: (req: CommitsRequest, error: GitHubError) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /** The number of parents of each commit, keyed by SHA; a commit left out could not be read. */
  parentCounts(commits: CommitRef[]): Promise<Map<string, number>>;
  /** Whether pull requests ("owner/name#N") are open; one left out could not be read. */
  pullRequestStates(prs: string[]): Promise<Map<string, boolean>>;
  /**
   * The accounts GitHub now links to addresses it did not link before, asked of one commit each
   * appears on: lower-cased email → login. An address still unlinked, or whose commit could not be
   * read, is left out.
   */
  linkedLogins(addresses: AddressOnCommit[]): Promise<Map<string, string>>;
}

/** An address, and a commit of a repository it appears on as author or co-author. */
export interface AddressOnCommit {
  repo: string;
  sha: string;
  /** Lower-cased. */
  email: string;
}

/** One entry of a merge queue as read: its pull request, and the head commit of its group. */
export interface QueueEntry {
  /** 1 is next to merge; the group of an entry holds it and every entry ahead of it. */
  position: number;
  /** The entry's pull request (null: GitHub did not say). */
  number: number | null;
  /** The pull request's head commit as queued (null: not known). */
  headSha: string | null;
  /** The group's head commit, which the queue waits on (null: not built yet). */
  groupSha: string | null;
  /** What stands on the group's head per check context, as `ListedPullRequest.published`. */
  published: Record<string, Published | null>;
}

export interface MergeQueueListing {
  repo: string;
  entries: QueueEntry[];
}

export interface MergeQueueReads {
  /** The queue of each repository's default branch: null where it has none, a GitHubError where it could not be read. */
  readMergeQueues(repos: string[]): Promise<Map<string, MergeQueueListing | null | GitHubError>>;
}

/**
 * What GitHub answered to a write, where the sweep uses it: when a status it created was created;
 * the id of a check run it created (a quick sweep then updates that run rather than create another).
 */
export interface WriteResult {
  /** When a status it created was created. */
  createdAt?: string | null;
  checkRunId?: number;
  /** A label to create exists already, spelt so (GitHub compares label names ignoring case). */
  existingLabel?: string;
}

export interface GitHubWrites {
  // biome-ignore lint/suspicious/noConfusingVoidType: a writer (or a wrapper) with nothing to tell returns nothing.
  apply(write: Write): Promise<WriteResult | void>;
}

/** What a repository's open pull requests looked like when every one of them was last known. */
export interface RepoMemory {
  /** The newest `updatedAt` among them (GitHub's time); null: never fully known. */
  watermark: string | null;
  /** Which of the project's labels exist in the repository; null: not known. */
  existingLabels: string[] | null;
}

/** What each pull request's head was made of and what stood on it, remembered between sweeps. */
export interface FactsCache {
  head(repo: string, number: number): HeadFacts | undefined;
  remember(repo: string, number: number, head: HeadFacts): void;
  seen(repo: string, number: number): SeenState | undefined;
  rememberSeen(repo: string, number: number, seen: SeenState): void;
  /** The pull requests remembered for a repository. */
  pullRequestNumbers(repo: string): number[];
  repoMemory(repo: string): RepoMemory;
  rememberRepo(repo: string, memory: Partial<RepoMemory>): void;
  /** When the last complete rescan started (ms), or null. */
  lastRescan(): number | null;
  rememberRescan(startedAt: number): void;
  /** After a complete listing: remember the count and forget pull requests that are no longer open. */
  retainOpen(repo: string, openNumbers: number[]): void;
  openCount(repo: string): number | null;
  knownHeads(repo: string): Map<number, string>;
  /** Lower-cased names of the repositories the cache knows. */
  knownRepositories(): string[];
  /**
   * Labels found to exist in a repository although the listing did not show them (its label
   * lookup may match names exactly, while GitHub compares them ignoring case), as GitHub spells them.
   */
  knownLabels(repo: string): string[];
  rememberLabel(repo: string, name: string): void;
  forget(repo: string): void;
  save(): Promise<void>;
}

/** Whether writes may be made now, and if not, from when. */
export type WriteGrant = { ok: true } | { ok: false; limit: number; freesAt: number };

/**
 * The rolling hourly budget of writes (`github.maxWritesPerHour`), kept across runs: GitHub limits
 * content-creating requests per token, whatever process sends them.
 */
export interface WriteBudget {
  /** Takes `writes` at `now` (ms) when the last hour leaves room for all of them; takes none otherwise. */
  take(writes: number, now: number): WriteGrant;
  /** Writes still allowed at `now`. */
  remaining(now: number): number;
  /** Remembers what was taken (atomically), for the next run. */
  save(): Promise<void>;
}

/**
 * Told what a sweep does as it goes, for a progress line or outgoing events; it never changes what
 * the sweep does, and a sweep without one runs the same.
 */
export interface SweepObserver {
  /** After each repository read (or found archived, or failed); `summary` holds the counts so far. */
  read?(event: ReadEvent, summary: SweepSummary): void;
  /** After each write GitHub accepted; `summary.plan` holds every planned write. */
  wrote?(write: Write, summary: SweepSummary, result?: WriteResult): void;
}
