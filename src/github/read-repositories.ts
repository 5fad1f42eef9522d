// Reads about repositories: an owner's repositories, open pull request counts, and whether pull
// requests are still open just before writing to them.
import { z } from 'zod';
import { GitHubError } from '../errors.js';
import { errorsAt, PageInfo, partFailure, shapeProblem } from './answers.js';
import { type GraphqlResult, type GraphqlRunner, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';
import { asGitHubError, movedAway } from './read-errors.js';
import type { CommitRef, RepoInfo } from '../reconcile/ports.js';
import { splitRepo } from './shapes.js';

const StateAnswer = z.object({ pullRequest: z.object({ state: z.enum(['OPEN', 'CLOSED', 'MERGED']) }).nullable() }).nullable();
const ParentsAnswer = z.object({ object: z.object({ oid: z.string(), parents: z.object({ totalCount: z.number().int() }) }).nullable() }).nullable();

/** Repositories (or pull requests) per request: no connection beyond `first: 1`, so 1 point. */
const COUNT_PER_REQUEST = 100;

const RepoSummary = z.object({ nameWithOwner: z.string(), isArchived: z.boolean(), pullRequests: z.object({ totalCount: z.number().int() }) });
const OwnerRepositories = z.object({
  repositoryOwner: z.object({ repositories: z.object({ pageInfo: PageInfo, nodes: z.array(z.unknown()) }) }).nullable(),
});

/**
 * Every repository of a user or organisation, with its open pull request count. A repository
 * GitHub answered null for (SAML enforcement on a fork's parent, say) cannot even be named: the
 * owner's listing then counts as failed, so that the sweep ends partial rather than quietly
 * leaving it out.
 */
export async function listOwnerRepositories(runner: GraphqlRunner, owner: string): Promise<RepoInfo[]> {
  const repos: RepoInfo[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: GraphqlResult<unknown> = await runner.run<unknown>('ListOwnerRepositories', q.LIST_OWNER_REPOSITORIES, { login: owner, after });
    const read = OwnerRepositories.safeParse(data);
    if (!read.success) throw partFailure(`the repositories of ${owner}`, errors, shapeProblem(read.error, 'repositoryOwner'));
    if (!read.data.repositoryOwner) {
      throw new GitHubError(`no GitHub user or organisation named "${owner}" is visible to this token`, 'not-found', { status: 404, type: 'NOT_FOUND' });
    }
    const conn = read.data.repositoryOwner.repositories;
    for (const [i, node] of conn.nodes.entries()) {
      const repo = RepoSummary.safeParse(node);
      const problems = errorsAt(errors, ['repositoryOwner', 'repositories', 'nodes', i]);
      if (!repo.success || problems.length > 0) {
        throw partFailure(`a repository of ${owner}`, problems, repo.success ? null : shapeProblem(repo.error, `repositoryOwner.repositories.nodes.${i}`));
      }
      repos.push({ repo: repo.data.nameWithOwner, isArchived: repo.data.isArchived, openCount: repo.data.pullRequests.totalCount });
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
      const { data, errors } = await runner.run<Record<string, unknown>>('PullRequestStates', q.pullRequestStates(batch.length), vars, 1, {
        splittable: batch.length > 1,
        useReserve: true,
      });
      batch.forEach((key, i) => {
        const read = StateAnswer.safeParse(data[`p${i}`]);
        const state = read.success ? read.data?.pullRequest?.state : undefined;
        if (state && errorsAt(errors, [`p${i}`]).length === 0) states.set(key, state === 'OPEN');
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
      const { data, errors } = await runner.run<Record<string, unknown>>(
        'CountOpenPullRequests',
        q.countOpenPullRequests(batch.length),
        vars,
        1,
        { splittable: batch.length > 1 },
      );
      batch.forEach((r, i) => {
        const read = RepoSummary.safeParse(data[`r${i}`]);
        const problems = errorsAt(errors, [`r${i}`]);
        if (read.success && problems.length === 0) {
          out.set(r, movedAway(r, read.data.nameWithOwner) ?? { repo: r, isArchived: read.data.isArchived, openCount: read.data.pullRequests.totalCount });
        }
        else out.set(r, partFailure(r, problems, read.success || data[`r${i}`] == null ? null : shapeProblem(read.error, `r${i}`)));
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
      const { data, errors } = await runner.run<Record<string, unknown>>('ReadParentCounts', q.readParentCounts(batch.length), vars, Math.max(1, Math.round(batch.length / 100)), {
        splittable: batch.length > 1,
      });
      batch.forEach((c, i) => {
        const read = ParentsAnswer.safeParse(data[`c${i}`]);
        const object = read.success ? read.data?.object : null;
        if (object && errorsAt(errors, [`c${i}`]).length === 0) counts.set(c.sha, object.parents.totalCount);
      });
    },
    () => undefined,
  );
  return counts;
}
