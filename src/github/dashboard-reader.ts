// Finds the dashboard issue: among the issues the token's own account opened in the repository,
// the oldest whose body holds the marker. An issue anyone else opened is never taken, even with the
// marker pasted into it: the author is checked here as well as filtered by GitHub.
import { z } from 'zod';
import type { DashboardIssues, FoundIssue } from '../report/dashboard.js';
import { errorsAt, PageInfo, partFailure, shapeProblem } from './answers.js';
import type { GraphqlResult, GraphqlRunner } from './graphql-runner.js';
import * as q from './queries.js';
import { splitRepo } from './shapes.js';

/**
 * GraphQL names an App's bot `SLUG[bot]` as the viewer but may name it `SLUG` as an author; logins
 * are case-insensitive. Both sides are compared without the suffix.
 */
export const sameAccount = (a: string, b: string) => a.replace(/\[bot\]$/i, '').toLowerCase() === b.replace(/\[bot\]$/i, '').toLowerCase();

const Viewer = z.object({ viewer: z.object({ login: z.string() }) });
const IssueNode = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  state: z.enum(['OPEN', 'CLOSED']),
  author: z.object({ login: z.string() }).nullable(),
});
const OwnIssues = z.object({ repository: z.object({ issues: z.object({ pageInfo: PageInfo, nodes: z.array(IssueNode.nullable()) }) }).nullable() });

export class GitHubDashboardIssues implements DashboardIssues {
  private viewer: string | null = null;

  constructor(private readonly runner: GraphqlRunner) {}

  private async login(): Promise<string> {
    if (this.viewer === null) {
      const { data, errors } = await this.runner.run<unknown>('ViewerLogin', q.VIEWER_LOGIN, {});
      const read = Viewer.safeParse(data);
      if (!read.success) throw partFailure('the token\'s account (viewer)', errors, shapeProblem(read.error, 'viewer'));
      this.viewer = read.data.viewer.login;
    }
    return this.viewer;
  }

  async find(repo: string, marker: string): Promise<FoundIssue | null> {
    const login = await this.login();
    const [owner, name] = splitRepo(repo);
    let after: string | null = null;
    for (;;) {
      const result: GraphqlResult<unknown> = await this.runner.run<unknown>('FindOwnIssues', q.FIND_OWN_ISSUES, { owner, name, login, after });
      // An issue GitHub did not answer in full might be the dashboard: rather than open a second one, the dashboard waits.
      const read = OwnIssues.safeParse(result.data);
      const problems = errorsAt(result.errors, ['repository']);
      if (!read.success || problems.length > 0) {
        throw partFailure(`the issues of ${repo}`, problems, read.success ? null : shapeProblem(read.error, 'repository'));
      }
      const issues = read.data.repository?.issues;
      if (!issues) return null;
      for (const n of issues.nodes) {
        if (n?.author && sameAccount(n.author.login, login) && n.body.includes(marker)) {
          return { number: n.number, title: n.title, body: n.body, state: n.state };
        }
      }
      if (!issues.pageInfo.hasNextPage) return null;
      after = issues.pageInfo.endCursor;
    }
  }
}
