// The text `cla-sweeper explain` prints: every commit, each person on it, and why they are or are
// not covered.
import type { ExplainedPullRequest } from '../github/explain-reader.js';
import { displayIdentity, identitiesOfCommits, normaliseActor } from '../reconcile/identities.js';
import type { Identity } from '../reconcile/model.js';
import { coverage, type Policy } from '../reconcile/policy.js';
import { statusDescription } from '../reconcile/status-description.js';
import { decide } from '../reconcile/verdict.js';

function line(role: string, id: Identity, policy: Policy): string {
  const c = coverage(id, policy);
  const who = `${displayIdentity(id)}${id.login && id.email ? ` <${id.email}>` : ''}`;
  return c.covered ? `    ${role} ${who}: covered (${c.by}: ${c.rule})` : `    ${role} ${who}: NOT covered (${c.reason})`;
}

export function explainText(pr: ExplainedPullRequest, policy: Policy, signUrl: string | null): string {
  const out = [
    `${pr.repo}#${pr.number} "${pr.title}" (${pr.state.toLowerCase()}${pr.isDraft ? ', draft' : ''})`,
    `  head ${pr.headSha}, ${pr.commits.length} of ${pr.total} commits read, labels: ${pr.labels.join(', ') || 'none'}`,
    `  our status on the head: ${pr.headStatus ? `${pr.headStatus.state} "${pr.headStatus.description ?? ''}"` : 'none'}`,
    '',
  ];
  for (const commit of pr.commits) {
    out.push(`  ${commit.sha.slice(0, 7)} ${commit.headline}`);
    if (!commit.author) out.push('    author: unknown (GitHub could not tell who wrote this commit)');
    else out.push(line('author', normaliseActor(commit.author), policy));
    for (const co of commit.coAuthors) out.push(line('co-author', normaliseActor(co), policy));
  }
  const { identities } = identitiesOfCommits(pr.commits);
  const verdict = decide({ headSha: pr.headSha, identities, commitsRead: pr.commits.length, commitsTotal: pr.total }, policy);
  out.push('', `verdict: ${verdict.state} — "${statusDescription(verdict, signUrl)}"`);
  if (pr.state !== 'OPEN') out.push('(not open: cla-sweeper never writes to closed or merged pull requests)');
  return out.join('\n');
}
