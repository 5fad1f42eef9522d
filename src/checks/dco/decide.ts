// From the commits without a valid sign-off to signed, missing or error.
import { incompleteRead, type HeadFacts } from '../check.js';
import type { Identity, Missing, Verdict } from '../model.js';
import { allowlisted, type Policy } from '../policy.js';
import type { DcoCommit } from './facts.js';

export interface DcoPolicy {
  allowlist: Policy;
  /** Accept the DCO app's individual remediation commits. */
  remediationCommits: boolean;
}

/** A GitHub App's bot commits as `slug[bot]` (its no-reply address maps to that login). */
const isBot = (id: Identity) => id.login?.endsWith('[bot]') ?? false;

/** Why a commit without a sign-off of its own still passes, or null. */
export function excuse(c: DcoCommit, policy: DcoPolicy): string | null {
  if (c.isMerge) return 'a merge commit';
  if (isBot(c.author)) return `authored by the bot @${c.author.login}`;
  const rule = allowlisted(c.author, policy.allowlist);
  if (rule) return `authored by an allowlisted identity (${rule})`;
  if (c.remediated && policy.remediationCommits) return 'signed off by a remediation commit';
  return null;
}

export function decideDco(head: HeadFacts, policy: DcoPolicy): Verdict {
  const incomplete = incompleteRead(head);
  if (incomplete) return incomplete;
  if (head.commitsTotal === 0) return { state: 'error', reason: 'GitHub returned no commits' };
  const missing = (head.facts.dco?.unsigned ?? [])
    .filter((c) => excuse(c, policy) === null)
    .map((c): Missing => ({ kind: 'commit', sha: c.sha, author: c.author, reason: 'missing-sign-off', detail: c.detail }));
  return missing.length === 0 ? { state: 'signed' } : { state: 'missing', missing };
}
