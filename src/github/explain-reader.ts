// Reads one pull request with every commit and every author, for `explain`.
import { parseCoAuthors } from '../checks/cla/co-authors.js';
import { parseRemediations, parseSignOffs } from '../checks/dco/trailers.js';
import { z } from 'zod';
import type { PullRequestToExplain } from '../report/explain.js';
import { Actor, errorsAt, LabelName, PageInfo, partFailure, shapeProblem, Statuses } from './answers.js';
import type { GraphqlResult, GraphqlRunner } from './graphql-runner.js';
import { explainPullRequest, type ReadShape } from './queries.js';
import { linkCoAuthors, publishedOf, splitRepo, toActor } from './shapes.js';

const ExplainAnswer = z.object({
  repository: z
    .object({
      pullRequest: z
        .object({
          number: z.number().int(),
          title: z.string(),
          state: z.string(),
          isDraft: z.boolean(),
          headRefOid: z.string(),
          url: z.string(),
          labels: z.object({ nodes: z.array(LabelName) }),
          commits: z.object({
            totalCount: z.number().int(),
            pageInfo: PageInfo,
            nodes: z.array(
              z.object({
                commit: z.object({
                  oid: z.string(),
                  messageHeadline: z.string(),
                  message: z.string(),
                  author: Actor.nullable(),
                  committer: Actor.nullable(),
                  parents: z.object({ totalCount: z.number().int() }),
                  authors: z.object({ nodes: z.array(Actor) }),
                  status: Statuses,
                }),
              }),
            ),
          }),
        })
        .nullable(),
    })
    .nullable(),
});

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
    const { data, errors }: GraphqlResult<unknown> = await runner.run<unknown>('ExplainPullRequest', query, { owner, name, number, after, ...contextVars });
    const read = ExplainAnswer.safeParse(data);
    const problems = errorsAt(errors, ['repository']);
    const pr = read.success ? read.data.repository?.pullRequest : null;
    if (!pr || problems.length > 0) {
      // GitHub's own error, kind and all (NOT_FOUND, or FORBIDDEN under SAML enforcement).
      throw partFailure(`${repo}#${number}`, problems.length > 0 ? problems : errors, read.success ? null : shapeProblem(read.error, 'repository'));
    }
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
