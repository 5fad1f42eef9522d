// The GitHub reads a sweep needs, over GraphQL: repositories of owners, open pull requests with
// their labels and our status, and the commits (authors and co-authors) of new heads.
import type { GitHubError } from '../errors.js';
import type { CommitRecord, CommitStatus, PullRequestSnapshot } from '../reconcile/model.js';
import type { GraphqlRunner } from './graphql-runner.js';
import { fetchCommits } from './read-commits.js';
import { listOpenPullRequests } from './read-pull-requests.js';
import { describeRepositories, listOwnerRepositories, pullRequestStates } from './read-repositories.js';

/** A repository to list, with what the cache knows of it. */
export interface RepoTarget {
  repo: string;
  /** Open pull requests last time, to size the first page; null when unknown. */
  expectedOpen: number | null;
  /** Cached head SHA per pull request number: their statuses are read in the listing itself. */
  knownHeads: Map<number, string>;
}

export interface RepoListing {
  repo: string;
  isArchived: boolean;
  /** Which of the project's labels exist in the repository, as GitHub spells them. */
  existingLabels: string[];
  pullRequests: PullRequestSnapshot[];
  /** Numbers of pull requests whose status on `headSha` was not read yet (their head is new). */
  statusUnknown: Set<number>;
}

export type RepoReadResult = { ok: true; listing: RepoListing } | { ok: false; repo: string; error: GitHubError };

export interface RepoInfo {
  repo: string;
  isArchived: boolean;
  openCount: number;
}

export interface CommitsRequest {
  repo: string;
  number: number;
  listedSha: string;
  /** Read our status on `listedSha` together with the commits. */
  readStatus: boolean;
}

export interface CommitsResult {
  repo: string;
  number: number;
  /** The head SHA read together with the commits: the one the verdict is written to. */
  headSha: string;
  commits: CommitRecord[];
  total: number;
  /** Our status on `listedSha`, when asked for (null: none). */
  status?: CommitStatus | null;
  /** The pull request is no longer open. */
  closed: boolean;
}

export interface ReaderSettings {
  context: string;
  labels: { signed: string; missing: string };
}

/** The narrow interface the sweep reads through. */
export class GitHubReader {
  constructor(
    private readonly runner: GraphqlRunner,
    private readonly settings: ReaderSettings,
  ) {}

  listOwnerRepositories(owner: string): Promise<RepoInfo[]> {
    return listOwnerRepositories(this.runner, owner);
  }

  describeRepositories(repos: string[]): Promise<Map<string, RepoInfo | GitHubError>> {
    return describeRepositories(this.runner, repos);
  }

  listOpenPullRequests(targets: RepoTarget[]): AsyncGenerator<RepoReadResult> {
    return listOpenPullRequests(this.runner, this.settings, targets);
  }

  fetchCommits(
    requests: CommitsRequest[],
    onResult: (r: CommitsResult) => void,
    onFailure: (req: CommitsRequest, error: GitHubError) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    return fetchCommits(this.runner, this.settings, requests, onResult, onFailure, signal);
  }

  pullRequestStates(prs: string[]): Promise<Map<string, boolean>> {
    return pullRequestStates(this.runner, prs);
  }
}
