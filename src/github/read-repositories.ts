// Reads about repositories: an owner's repositories, open pull request counts, and whether pull
// requests are still open just before writing to them.
import { GitHubError } from '../errors.js';
import { type GraphqlResult, type GraphqlRunner, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';
import { asGitHubError, notFound, repoError } from './read-errors.js';
import type { CommitRef, RepoInfo } from '../reconcile/ports.js';
import { splitRepo } from './shapes.js';

/** Repositories (or pull requests) per request: no connection beyond `first: 1`, so 1 point. */
const COUNT_PER_REQUEST = 100;

/** Every repository of a user or organisation, with its open pull request count. */
export async function listOwnerRepositories(runner: GraphqlRunner, owner: string): Promise<RepoInfo[]> {
  const repos: RepoInfo[] = [];
  let after: string | null = null;
  for (;;) {
    type Data = {
      repositoryOwner: {
        repositories: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          nodes: { nameWithOwner: string; isArchived: boolean; pullRequests: { totalCount: number } }[];
        };
      } | null;
    };
    const { data }: GraphqlResult<Data> = await runner.run<Data>('ListOwnerRepositories', q.LIST_OWNER_REPOSITORIES, { login: owner, after });
    if (!data.repositoryOwner) {
      throw new GitHubError(`no GitHub user or organisation named "${owner}" is visible to this token`, 'not-found', { status: 404, type: 'NOT_FOUND' });
    }
    const conn: NonNullable<Data['repositoryOwner']>['repositories'] = data.repositoryOwner.repositories;
    for (const n of conn.nodes) {
      repos.push({ repo: n.nameWithOwner, isArchived: n.isArchived, openCount: n.pullRequests.totalCount });
    }
    if (!conn.pageInfo.hasNextPage) return repos;
    after = conn.pageInfo.endCursor;
  }
}

/**
 * The state of each of `prs` ("owner/name#N"): true open, false closed or merged. A pull request
 * whose state could not be read is left out: the caller must not write to it.
 */
export async function pullRequestStates(runner: GraphqlRunner, prs: string[]): Promise<Map<string, boolean>> {
  const states = new Map<string, boolean>();
  await runInBatches(
    prs,
    COUNT_PER_REQUEST,
    async (batch) => {
      const vars: Record<string, unknown> = {};
      batch.forEach((key, i) => {
        const hash = key.lastIndexOf('#');
        [vars[`o${i}`], vars[`n${i}`]] = splitRepo(key.slice(0, hash));
        vars[`p${i}`] = Number(key.slice(hash + 1));
      });
      type Node = { pullRequest: { state: string } | null } | null;
      const { data } = await runner.run<Record<string, Node>>('PullRequestStates', q.pullRequestStates(batch.length), vars, 1, {
        splittable: batch.length > 1,
        useReserve: true,
      });
      batch.forEach((key, i) => {
        const state = data[`p${i}`]?.pullRequest?.state;
        if (state) states.set(key, state === 'OPEN');
      });
    },
    () => undefined,
  );
  return states;
}

/** Open pull request counts and archived flags of named repositories (null: not found). */
export async function describeRepositories(runner: GraphqlRunner, repos: string[]): Promise<Map<string, RepoInfo | GitHubError>> {
  const out = new Map<string, RepoInfo | GitHubError>();
  await runInBatches(
    repos,
    COUNT_PER_REQUEST,
    async (batch) => {
      const vars: Record<string, unknown> = {};
      batch.forEach((r, i) => {
        [vars[`o${i}`], vars[`n${i}`]] = splitRepo(r);
      });
      type Node = { nameWithOwner: string; isArchived: boolean; pullRequests: { totalCount: number } } | null;
      const { data, errors } = await runner.run<Record<string, Node>>(
        'CountOpenPullRequests',
        q.countOpenPullRequests(batch.length),
        vars,
        1,
        { splittable: batch.length > 1 },
      );
      batch.forEach((r, i) => {
        const node = data[`r${i}`];
        if (node) out.set(r, { repo: r, isArchived: node.isArchived, openCount: node.pullRequests.totalCount });
        else out.set(r, repoError(r, notFound(errors, `r${i}`)?.message));
      });
    },
    (r, error) => out.set(r, asGitHubError(error, r)),
  );
  return out;
}

/** How many parents each commit has, by SHA; a commit whose answer did not come is left out. */
export async function parentCounts(runner: GraphqlRunner, commits: CommitRef[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await runInBatches(
    commits,
    COUNT_PER_REQUEST,
    async (batch) => {
      const vars: Record<string, unknown> = {};
      batch.forEach((c, i) => {
        [vars[`o${i}`], vars[`n${i}`]] = splitRepo(c.repo);
        vars[`c${i}`] = c.sha;
      });
      type Node = { object: { oid: string; parents: { totalCount: number } } | null } | null;
      const { data } = await runner.run<Record<string, Node>>('ReadParentCounts', q.readParentCounts(batch.length), vars, Math.max(1, Math.round(batch.length / 100)), {
        splittable: batch.length > 1,
      });
      batch.forEach((c, i) => {
        const object = data[`c${i}`]?.object;
        if (object) counts.set(c.sha, object.parents.totalCount);
      });
    },
    () => undefined,
  );
  return counts;
}
