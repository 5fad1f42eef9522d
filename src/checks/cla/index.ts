// The CLA check: every author and co-author of every commit is on the signatories list.
import type { Check, LabelPair } from '../check.js';
import type { Policy } from '../policy.js';
import { decideCla } from './decide.js';
import { claDescription, claMentions } from './describe.js';
import { explainClaCommit } from './explain.js';
import { claFacts, relinkFacts, unlinkedAddresses } from './facts.js';
import { webUrlOf } from '../output.js';
import { claOutput, claOutputMentions } from './output.js';

export interface ClaSettings {
  context: string;
  targetUrl: string | null;
  labels: LabelPair;
  policy: Policy;
  /** `users.noreply.github.com`, or the Enterprise Server's `users.noreply.HOST`. */
  noReplyDomain: string;
}

export function claCheck(s: ClaSettings): Check {
  const output = { signUrl: s.targetUrl, webUrl: webUrlOf(s.noReplyDomain) };
  return {
    name: 'cla',
    context: s.context,
    targetUrl: s.targetUrl,
    labels: s.labels,
    labelDescriptions: {
      signed: 'Every commit author has signed the CLA (managed by cla-sweeper)',
      missing: 'A commit author has not signed the CLA, or the check failed (managed by cla-sweeper)',
    },
    needs: { coAuthorLogins: true, committer: false },
    parentsNeeded: () => [],
    extract: (commits) => ({ cla: claFacts(commits, s.noReplyDomain) }),
    hasFacts: (facts) => facts.cla !== undefined,
    decide: (head) => decideCla(head, s.policy),
    describe: (verdict) => claDescription(verdict, s.targetUrl),
    mentions: claMentions,
    output: (verdict, _head, target) => claOutput(verdict, claDescription(verdict, s.targetUrl), target, output),
    outputMentions: (verdict) => claOutputMentions(verdict, output),
    explainCommit: (commit) => explainClaCommit(commit, s.policy, s.noReplyDomain),
    unlinked: (facts) => (facts.cla ? unlinkedAddresses(facts.cla, s.policy) : []),
    relink: (facts, logins) => {
      if (!facts.cla) return facts;
      const cla = relinkFacts(facts.cla, logins);
      return cla === facts.cla ? facts : { ...facts, cla };
    },
  };
}
