// Reads one pull request with every commit and every author, for `explain`.
import { parseCoAuthors } from '../reconcile/co-authors.js';
import type { CommitRecord, CommitStatus } from '../reconcile/model.js';
import { GitHubError } from '../errors.js';
import type { GraphqlResult, GraphqlRunner } from './graphql-runner.js';
import { EXPLAIN_PULL_REQUEST } from './queries.js';
import { type GqlActor, linkCoAuthors, splitRepo, toActor, toStatus } from './shapes.js';

export interface ExplainedPullRequest {
  repo: string;
  number: number;
  title: string;
  state: string;
  isDraft: boolean;
  headSha: string;
  url: string;
  labels: string[];
  commits: CommitRecord[];
  total: number;
  headStatus: CommitStatus | null;
}


export async function readPullRequestForExplain(
  runner: GraphqlRunner,
  repo: string,
  number: number,
  context: string,
): Promise<ExplainedPullRequest> {
  const [owner, name] = splitRepo(repo);
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
                authors: { nodes: GqlActor[] };
                status: { context: { state: string; description: string | null; targetUrl: string | null } | null } | null;
              };
            }[];
          };
        } | null;
      } | null;
    };
    const { data, errors }: GraphqlResult<Data> = await runner.run<Data>('ExplainPullRequest', EXPLAIN_PULL_REQUEST, { owner, name, number, after, context });
    const pr: NonNullable<Data['repository']>['pullRequest'] | undefined = data.repository?.pullRequest;
    if (!pr) throw new GitHubError(errors[0]?.message ?? `${repo}#${number} not found`, 404, 'NOT_FOUND');
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
      headStatus: null,
    };
    for (const { commit } of pr.commits.nodes) {
      out.commits.push({
        sha: commit.oid,
        headline: commit.messageHeadline,
        author: toActor(commit.author),
        // The same co-authors the sweep checks (the message's trailers), with GitHub's links to logins.
        coAuthors: linkCoAuthors(parseCoAuthors(commit.message), commit.authors.nodes),
      });
      if (commit.oid === out.headSha) {
        const s = commit.status?.context;
        out.headStatus = toStatus(s ?? null);
      }
    }
    if (!pr.commits.pageInfo.hasNextPage) return out;
    after = pr.commits.pageInfo.endCursor;
  }
}
