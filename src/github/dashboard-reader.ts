// Finds the dashboard issue: among the issues the token's own account opened in the repository,
// the oldest whose body holds the marker. An issue anyone else opened is never taken, even with the
// marker pasted into it: the author is checked here as well as filtered by GitHub.
import type { DashboardIssues, FoundIssue } from '../report/dashboard.js';
import type { GraphqlRunner } from './graphql-runner.js';
import * as q from './queries.js';
import { splitRepo } from './shapes.js';

/**
 * GraphQL names an App's bot `SLUG[bot]` as the viewer but may name it `SLUG` as an author; logins
 * are case-insensitive. Both sides are compared without the suffix.
 */
export const sameAccount = (a: string, b: string) => a.replace(/\[bot\]$/i, '').toLowerCase() === b.replace(/\[bot\]$/i, '').toLowerCase();

export class GitHubDashboardIssues implements DashboardIssues {
  private viewer: string | null = null;

  constructor(private readonly runner: GraphqlRunner) {}

  private async login(): Promise<string> {
    if (this.viewer === null) {
      const { data } = await this.runner.run<{ viewer: { login: string } }>('ViewerLogin', q.VIEWER_LOGIN, {});
      this.viewer = data.viewer.login;
    }
    return this.viewer;
  }

  async find(repo: string, marker: string): Promise<FoundIssue | null> {
    const login = await this.login();
    const [owner, name] = splitRepo(repo);
    type Node = { number: number; title: string; body: string; state: 'OPEN' | 'CLOSED'; author: { login: string } | null } | null;
    type Issues = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] };
    type Data = { repository: { issues: Issues } | null };
    let after: string | null = null;
    for (;;) {
      const result: { data: Data } = await this.runner.run<Data>('FindOwnIssues', q.FIND_OWN_ISSUES, { owner, name, login, after });
      const issues: Issues | undefined = result.data.repository?.issues;
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
