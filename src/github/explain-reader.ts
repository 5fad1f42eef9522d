// Reads one pull request with every commit and every author, for `explain`.
import { parseCoAuthors } from '../checks/cla/co-authors.js';
import { parseRemediations, parseSignOffs } from '../checks/dco/trailers.js';
import { GitHubError } from '../errors.js';
import type { GraphqlResult, GraphqlRunner } from './graphql-runner.js';
import type { PullRequestToExplain } from '../report/explain.js';
import { explainPullRequest, type ReadShape } from './queries.js';
import { type GqlActor, type GqlStatuses, linkCoAuthors, publishedOf, splitRepo, toActor } from './shapes.js';

/** What `explain` reads of one pull request: every commit, with every fact any check may need. */
export interface ExplainedPullRequest extends PullRequestToExplain {
  url: string;
}

export async function readPullRequestForExplain(
  runner: GraphqlRunner,
  repo: string,
  number: number,
  contexts: string[],
): Promise<ExplainedPullRequest> {
  const [owner, name] = splitRepo(repo);
  const shape: ReadShape = { contexts, labels: [], committer: true };
  const query = explainPullRequest(shape);
  const contextVars = Object.fromEntries(contexts.map((c, i) => [`c${i}`, c]));
  let after: string | null = null;
  let out: ExplainedPullRequest | null = null;
  for (;;) {
    type Data = {
      repository: {
        pullRequest: {
          number: number;
          title: string;
          state: string;
          isDraft: boolean;
          headRefOid: string;
          url: string;
          labels: { nodes: { name: string }[] };
          commits: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            nodes: {
              commit: {
                oid: string;
                messageHeadline: string;
                message: string;
                author: GqlActor | null;
                committer: GqlActor | null;
                parents: { totalCount: number };
                authors: { nodes: GqlActor[] };
                status: GqlStatuses;
              };
            }[];
          };
        } | null;
      } | null;
    };
    const { data, errors }: GraphqlResult<Data> = await runner.run<Data>('ExplainPullRequest', query, { owner, name, number, after, ...contextVars });
    const pr: NonNullable<Data['repository']>['pullRequest'] | undefined = data.repository?.pullRequest;
    if (!pr) throw new GitHubError(errors[0]?.message ?? `${repo}#${number} not found`, 'not-found', { status: 404, type: 'NOT_FOUND' });
    out ??= {
      repo,
      number: pr.number,
      title: pr.title,
      state: pr.state,
      isDraft: pr.isDraft,
      headSha: pr.headRefOid,
      url: pr.url,
      labels: pr.labels.nodes.map((l) => l.name),
      commits: [],
      total: pr.commits.totalCount,
      published: publishedOf(null, contexts),
    };
    for (const { commit } of pr.commits.nodes) {
      out.commits.push({
        sha: commit.oid,
        headline: commit.messageHeadline,
        author: toActor(commit.author),
        // The same co-authors the sweep checks (the message's trailers), with GitHub's links to logins.
        coAuthors: linkCoAuthors(parseCoAuthors(commit.message), commit.authors.nodes),
        committer: toActor(commit.committer),
        signOffs: parseSignOffs(commit.message),
        remediations: parseRemediations(commit.message),
        parentCount: commit.parents.totalCount,
      });
      if (commit.oid === out.headSha) out.published = publishedOf(commit.status, contexts);
    }
    if (!pr.commits.pageInfo.hasNextPage) return out;
    after = pr.commits.pageInfo.endCursor;
  }
}
