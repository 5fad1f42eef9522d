// What the DCO check makes of one commit, for `explain`: its sign-off, or what excuses it.
import type { CommitRecord } from '../model.js';
import { type DcoPolicy, excuse } from './decide.js';
import { dcoFacts } from './facts.js';

export function explainDcoCommit(commit: CommitRecord, commits: CommitRecord[], policy: DcoPolicy, noReplyDomain: string): string[] {
  const unsigned = dcoFacts(commits, noReplyDomain).unsigned.find((c) => c.sha === commit.sha);
  if (!unsigned) return ['sign-off: signed off'];
  const why = excuse(unsigned, policy);
  if (why) return [`sign-off: none valid (${unsigned.detail}), but passes: ${why}`];
  const remedy = unsigned.remediated && !policy.remediationCommits ? '; a remediation commit covers it, but dco.remediationCommits is off' : '';
  return [`sign-off: MISSING (${unsigned.detail}${remedy})`];
}
