// The text `cla-sweeper explain` prints: every commit, what each check makes of it, and each
// check's verdict, decided exactly as a sweep decides it.
import type { Check, HeadFacts } from '../checks/check.js';
import type { CommitRecord } from '../checks/model.js';
import type { Published } from '../reconcile/model.js';

export interface PullRequestToExplain {
  repo: string;
  number: number;
  title: string;
  state: string;
  isDraft: boolean;
  headSha: string;
  labels: string[];
  commits: CommitRecord[];
  total: number;
  published: Record<string, Published | null>;
}

export function explainText(pr: PullRequestToExplain, checks: readonly Check[]): string {
  const out = [
    `${pr.repo}#${pr.number} "${pr.title}" (${pr.state.toLowerCase()}${pr.isDraft ? ', draft' : ''})`,
    `  head ${pr.headSha}, ${pr.commits.length} of ${pr.total} commits read, labels: ${pr.labels.join(', ') || 'none'}`,
  ];
  for (const check of checks) {
    const p = pr.published[check.context];
    out.push(`  ${check.context} on the head: ${p ? `${p.state} "${p.description ?? ''}"` : 'none'}`);
  }
  out.push('');
  for (const commit of pr.commits) {
    out.push(`  ${commit.sha.slice(0, 7)} ${commit.headline}`);
    for (const check of checks) for (const line of check.explainCommit(commit, pr.commits)) out.push(`    ${line}`);
  }
  out.push('');
  for (const check of checks) {
    const head: HeadFacts = { headSha: pr.headSha, commitsRead: pr.commits.length, commitsTotal: pr.total, facts: check.extract(pr.commits) };
    const verdict = check.decide(head);
    out.push(`${check.name} (${check.context}): ${verdict.state} — "${check.describe(verdict, head)}"`);
  }
  if (pr.state !== 'OPEN') out.push('(not open: cla-sweeper never writes to closed or merged pull requests)');
  return out.join('\n');
}
