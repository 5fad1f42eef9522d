// The DCO check: every commit that is not a merge carries a Signed-off-by of its author or committer.
import type { Check, LabelPair } from '../check.js';
import type { Policy } from '../policy.js';
import { decideDco } from './decide.js';
import { dcoDescription, dcoMentions } from './describe.js';
import { explainDcoCommit } from './explain.js';
import { dcoFacts, unsignedShas } from './facts.js';
import { webUrlOf } from '../output.js';
import { dcoOutput, dcoOutputMentions } from './output.js';

export interface DcoSettings {
  context: string;
  targetUrl: string | null;
  /** Optional: no labels when the configuration gives none. */
  labels: LabelPair | null;
  /** Only its allowlist is used: the DCO does not care who signed the CLA. */
  policy: Policy;
  remediationCommits: boolean;
  noReplyDomain: string;
}

export function dcoCheck(s: DcoSettings): Check {
  const policy = { allowlist: s.policy, remediationCommits: s.remediationCommits };
  const output = { remediationCommits: s.remediationCommits, webUrl: webUrlOf(s.noReplyDomain) };
  return {
    name: 'dco',
    context: s.context,
    targetUrl: s.targetUrl,
    labels: s.labels,
    labelDescriptions: {
      signed: 'Every commit is signed off (DCO; managed by cla-sweeper)',
      missing: 'A commit lacks a DCO sign-off, or the check failed (managed by cla-sweeper)',
    },
    needs: { coAuthorLogins: false, committer: true },
    parentsNeeded: unsignedShas,
    extract: (commits) => ({ dco: dcoFacts(commits, s.noReplyDomain) }),
    hasFacts: (facts) => facts.dco !== undefined,
    decide: (head) => decideDco(head, policy),
    describe: (verdict, head) => dcoDescription(verdict, head.commitsTotal),
    mentions: dcoMentions,
    output: (verdict, head, target) => dcoOutput(verdict, head, target, output),
    outputMentions: (verdict, head) => dcoOutputMentions(verdict, head, output),
    explainCommit: (commit, commits) => explainDcoCommit(commit, commits, policy, s.noReplyDomain),
  };
}
