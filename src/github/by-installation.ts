// One GitHub App installed on several owners: each installation's token reaches only its own
// repositories, so every read and write goes through the client of the installation that holds
// the repository, and a batch that spans owners is split per installation. The sweep still sees
// one reader and one writer, so its plan and its mass-change guard cover every repository at once.
import type { GitHubError } from '../errors.js';
import type { Write } from '../reconcile/model.js';
import type {
  AddressOnCommit,
  CommitRef,
  CommitsRequest,
  CommitsResult,
  GitHubReads,
  GitHubWrites,
  ListingResult,
  ListTarget,
  MergeQueueListing,
  MergeQueueReads,
  RepoInfo,
  WriteResult,
} from '../reconcile/ports.js';

/** Whatever is reached per installation: its reader and writer. */
export interface InstallationPart {
  reader: GitHubReads & MergeQueueReads;
  writer: () => GitHubWrites;
}

const ownerOf = (repoOrOwner: string) => (repoOrOwner.split('/')[0] ?? '').toLowerCase();

/** Picks the part for an owner, a repository or "owner/name#N". */
export class InstallationRoutes<P> {
  constructor(
    private readonly byOwner: Map<string, P>,
    /** Used for an owner without a known installation (GitHub then answers as for a stranger). */
    private readonly fallback: P,
  ) {}

  of(repoOrOwner: string): P {
    return this.byOwner.get(ownerOf(repoOrOwner)) ?? this.fallback;
  }

  /** Items grouped by part, in the order each part first appears. */
  group<T>(items: T[], repoOf: (item: T) => string): [P, T[]][] {
    const groups = new Map<P, T[]>();
    for (const item of items) {
      const part = this.of(repoOf(item));
      const list = groups.get(part) ?? [];
      list.push(item);
      groups.set(part, list);
    }
    return [...groups];
  }
}

/** The sweep's reader over several installations. */
export class RoutingReader implements GitHubReads, MergeQueueReads {
  constructor(private readonly routes: InstallationRoutes<InstallationPart>) {}

  listOwnerRepositories(owner: string): Promise<RepoInfo[]> {
    return this.routes.of(owner).reader.listOwnerRepositories(owner);
  }

  async describeRepositories(repos: string[]): Promise<Map<string, RepoInfo | GitHubError>> {
    const out = new Map<string, RepoInfo | GitHubError>();
    for (const [part, some] of this.routes.group(repos, (r) => r)) {
      for (const [k, v] of await part.reader.describeRepositories(some)) out.set(k, v);
    }
    return out;
  }

  async *listOpenPullRequests(targets: ListTarget[]): AsyncGenerator<ListingResult> {
    for (const [part, some] of this.routes.group(targets, (t) => t.repo)) yield* part.reader.listOpenPullRequests(some);
  }

  async fetchCommits(
    requests: CommitsRequest[],
    onResult: (r: CommitsResult) => void,
    onFailure: (req: CommitsRequest, error: GitHubError) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    for (const [part, some] of this.routes.group(requests, (r) => r.repo)) {
      await part.reader.fetchCommits(some, onResult, onFailure, signal);
    }
  }

  async parentCounts(commits: CommitRef[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const [part, some] of this.routes.group(commits, (c) => c.repo)) {
      for (const [k, v] of await part.reader.parentCounts(some)) out.set(k, v);
    }
    return out;
  }

  async pullRequestStates(prs: string[]): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    for (const [part, some] of this.routes.group(prs, (p) => p)) {
      for (const [k, v] of await part.reader.pullRequestStates(some)) out.set(k, v);
    }
    return out;
  }

  async linkedLogins(addresses: AddressOnCommit[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [part, some] of this.routes.group(addresses, (a) => a.repo)) {
      for (const [k, v] of await part.reader.linkedLogins(some)) out.set(k, v);
    }
    return out;
  }

  async readMergeQueues(repos: string[]): Promise<Map<string, MergeQueueListing | null | GitHubError>> {
    const out = new Map<string, MergeQueueListing | null | GitHubError>();
    for (const [part, some] of this.routes.group(repos, (r) => r)) {
      for (const [k, v] of await part.reader.readMergeQueues(some)) out.set(k, v);
    }
    return out;
  }
}

/** The sweep's writer over several installations: each write goes through its repository's. */
export class RoutingWriter implements GitHubWrites {
  private readonly writers = new Map<InstallationPart, GitHubWrites>();

  constructor(private readonly routes: InstallationRoutes<InstallationPart>) {}

  // biome-ignore lint/suspicious/noConfusingVoidType: as GitHubWrites.apply.
  apply(action: Write): Promise<WriteResult | void> {
    const part = this.routes.of(action.repo);
    let writer = this.writers.get(part);
    if (!writer) {
      writer = part.writer();
      this.writers.set(part, writer);
    }
    return writer.apply(action);
  }
}
