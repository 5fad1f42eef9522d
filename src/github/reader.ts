// The GitHub reads a sweep needs, over GraphQL: repositories of owners, open pull requests with
// their labels and our statuses (or check runs), the commits of new heads, the merge queues.
// Implements the core's GitHubReads and MergeQueueReads ports.
import type { GitHubError } from '../errors.js';
import type {
  AddressOnCommit,
  CommitRef,
  CommitsRequest,
  CommitsResult,
  GitHubReads,
  ListingResult,
  ListTarget,
  MergeQueueListing,
  MergeQueueReads,
  RepoInfo,
} from '../reconcile/ports.js';
import type { GraphqlRunner } from './graphql-runner.js';
import { type CommitReadSettings, fetchCommits } from './read-commits.js';
import { linkedLogins } from './read-links.js';
import { readMergeQueues } from './read-merge-queues.js';
import { listOpenPullRequests } from './read-pull-requests.js';
import { describeRepositories, listOwnerRepositories, parentCounts, pullRequestStates } from './read-repositories.js';

export type ReaderSettings = CommitReadSettings;

export class GitHubReader implements GitHubReads, MergeQueueReads {
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

  listOpenPullRequests(targets: ListTarget[]): AsyncGenerator<ListingResult> {
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

  parentCounts(commits: CommitRef[]): Promise<Map<string, number>> {
    return parentCounts(this.runner, commits);
  }

  pullRequestStates(prs: string[]): Promise<Map<string, boolean>> {
    return pullRequestStates(this.runner, prs);
  }

  linkedLogins(addresses: AddressOnCommit[]): Promise<Map<string, string>> {
    return linkedLogins(this.runner, addresses);
  }

  readMergeQueues(repos: string[]): Promise<Map<string, MergeQueueListing | null | GitHubError>> {
    return readMergeQueues(this.runner, this.settings, repos);
  }
}
