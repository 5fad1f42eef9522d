// What the resolvers pass between each other: world objects wrapped with the GraphQL type they
// stand for and, for commits, the repository they were reached through (statuses are per repository).
import type { Identity } from '../auth/identity.js';
import type { SimulatorState } from '../types.js';
import type {
  SimApp,
  SimCheckRun,
  SimCheckSuite,
  SimComment,
  SimMergeQueue,
  SimMergeQueueEntry,
  SimCommit,
  SimIssue,
  SimLabel,
  SimPullRequest,
  SimRepository,
  SimStatus,
  SimUser,
  World,
} from '../world.js';
import type { Args } from './connection.js';

export const WEB_URL = 'https://github.com';

export interface Ctx {
  world: World;
  state: SimulatorState;
  viewer: string;
  /** Who the token is and what it may do. */
  identity: Identity;
  /** What `rateLimit` answers for the current query. */
  rateLimit: { cost: number; nodeCount: number };
  /** "owner/name#number" of every pull request a mutation wrote to. */
  writes: Set<string>;
  /** The query is over `resourceLimitAboveNodes`: its connections answer RESOURCE_LIMITS_EXCEEDED. */
  resourceLimited: boolean;
  /** Root fields (and root list items) whose first connection has failed already. */
  limitFailed: Set<string>;
}

export type TypeResolvers<S> = Record<string, (source: S, args: Args, ctx: Ctx) => unknown>;

export interface RepoSrc {
  __typename: 'Repository';
  repo: SimRepository;
}
export interface PullSrc {
  __typename: 'PullRequest';
  repo: SimRepository;
  pr: SimPullRequest;
}
export interface IssueSrc {
  __typename: 'Issue';
  repo: SimRepository;
  issue: SimIssue;
}
export interface CommitSrc {
  __typename: 'Commit';
  /** The repository the commit was reached through. */
  repo: SimRepository;
  commit: SimCommit;
}
export interface PullCommitSrc {
  __typename: 'PullRequestCommit';
  repo: SimRepository;
  pr: SimPullRequest;
  commit: SimCommit;
}
export interface LabelSrc {
  __typename: 'Label';
  repo: SimRepository;
  label: SimLabel;
}
export interface ActorSrc {
  __typename: SimUser['type'];
  user: SimUser;
}
export interface RefSrc {
  __typename: 'Ref';
  repo: SimRepository;
  name: string;
  /** Head commit of the branch, or null when the world has no commit for it. */
  commit: SimCommit | null;
}
export interface BlobSrc {
  __typename: 'Blob';
  repo: SimRepository;
  path: string;
  text: string;
}
export interface StatusSrc {
  __typename: 'Status';
  repo: SimRepository;
  commit: SimCommit;
  /** Latest status per context, newest first. */
  latest: SimStatus[];
}
export interface StatusContextSrc {
  __typename: 'StatusContext';
  repo: SimRepository;
  commit: SimCommit;
  status: SimStatus;
}
export interface CommentSrc {
  __typename: 'IssueComment';
  repo: SimRepository;
  pr: SimPullRequest;
  comment: SimComment;
}
export interface CheckSuiteSrc {
  __typename: 'CheckSuite';
  repo: SimRepository;
  suite: SimCheckSuite;
}
export interface CheckRunSrc {
  __typename: 'CheckRun';
  repo: SimRepository;
  run: SimCheckRun;
}
export interface AppSrc {
  __typename: 'App';
  app: SimApp;
}
export interface MergeQueueSrc {
  __typename: 'MergeQueue';
  repo: SimRepository;
  queue: SimMergeQueue;
}
export interface MergeQueueEntrySrc {
  __typename: 'MergeQueueEntry';
  repo: SimRepository;
  queue: SimMergeQueue;
  entry: SimMergeQueueEntry;
}
export interface GitActorSrc {
  name: string;
  email: string;
  date: string;
  user: ActorSrc | null;
}

export const fullName = (repo: SimRepository): string => `${repo.owner}/${repo.name}`;
export const repoUrl = (repo: SimRepository): string => `${WEB_URL}/${fullName(repo)}`;

export const repoSrc = (repo: SimRepository): RepoSrc => ({ __typename: 'Repository', repo });
export const pullSrc = (repo: SimRepository, pr: SimPullRequest): PullSrc => ({ __typename: 'PullRequest', repo, pr });
export const issueSrc = (repo: SimRepository, issue: SimIssue): IssueSrc => ({ __typename: 'Issue', repo, issue });
export const commitSrc = (repo: SimRepository, commit: SimCommit): CommitSrc => ({ __typename: 'Commit', repo, commit });
export const labelSrc = (repo: SimRepository, label: SimLabel): LabelSrc => ({ __typename: 'Label', repo, label });
export const actorSrc = (user: SimUser): ActorSrc => ({ __typename: user.type, user });

export function actorByLogin(world: World, login: string): ActorSrc | null {
  const user = world.user(login);
  return user ? actorSrc(user) : null;
}

/** Node ids the world does not mint (commits): the same `0:Kind...` base64 shape. */
export function commitNodeId(repo: SimRepository, sha: string): string {
  return Buffer.from(`0:Commit${repo.id}:${sha}`).toString('base64').replace(/=+$/, '');
}

export function mustCommit(world: World, sha: string): SimCommit {
  const commit = world.commits.get(sha);
  if (!commit) throw new Error(`simulator: commit ${sha} is not in the world`);
  return commit;
}

/** A pull request's head repository (the fork, for a cross-repository pull request). */
export function headRepoOf(world: World, repo: SimRepository, pr: SimPullRequest): SimRepository {
  return world.repo(pr.headRepo) ?? repo;
}
