// The dashboard issue: one issue, in the manner of Renovate's dependency dashboard, that lists the
// blocked pull requests. It is found again by a hidden marker in its body (never by its title) among
// the issues the token's own account opened, and edited only when its text would change: the text
// holds nothing that changes by itself, so a sweep with nothing new makes no write.
import type { IssueWrite } from '../reconcile/model.js';
import type { BlockedPullRequest } from './blocked.js';
import { reportMarkdown } from './report-markdown.js';

/** An HTML comment: invisible on GitHub, and how cla-sweeper tells its dashboard from any other issue. */
export const DASHBOARD_MARKER = '<!-- cla-sweeper:dashboard -->';

/** GitHub refuses an issue body over 65,536 characters; rows beyond this are counted, not listed. */
const MAX_BODY = 60_000;

export interface DashboardConfig {
  repo: string;
  title: string;
}

/** The dashboard issue as found: the token's own, with the marker in its body. */
export interface FoundIssue {
  number: number;
  title: string;
  body: string;
  state: 'OPEN' | 'CLOSED';
}

/** Finds the dashboard; implemented over GitHub's GraphQL API in src/github/dashboard-reader.ts. */
export interface DashboardIssues {
  /** The oldest issue in `repo` opened by the token's account whose body holds `marker`; null when none. */
  find(repo: string, marker: string): Promise<FoundIssue | null>;
}

export function dashboardBody(entries: readonly BlockedPullRequest[]): string {
  return [
    DASHBOARD_MARKER,
    'This issue is kept up to date by cla-sweeper: it lists the open pull requests that a CLA or DCO check blocks. ' +
      'Edits are overwritten by the next sweep; to stop it, remove `dashboard` from the configuration.',
    '',
    reportMarkdown(entries, { level: 2, maxChars: MAX_BODY }),
  ].join('\n');
}

/** GitHub may hand back CRLF line ends or trailing whitespace: those are no change of content. */
const normalise = (text: string) => text.replace(/\r\n?/g, '\n').trimEnd();

/** The write that brings the dashboard to `body`, or null when it already says that. */
export function planDashboard(found: FoundIssue | null, config: DashboardConfig, body: string): IssueWrite | null {
  if (!found) return { kind: 'create-issue', repo: config.repo, title: config.title, body, reason: 'no dashboard issue yet' };
  const changed: string[] = [];
  if (normalise(found.body) !== normalise(body)) changed.push('the blocked pull requests changed');
  if (found.title !== config.title) changed.push('the configured title changed');
  if (found.state === 'CLOSED') changed.push('it was closed');
  if (changed.length === 0) return null;
  return {
    kind: 'update-issue',
    repo: config.repo,
    issue: found.number,
    title: config.title,
    body,
    reopen: found.state === 'CLOSED',
    reason: changed.join('; '),
  };
}
