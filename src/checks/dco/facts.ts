// What the DCO check keeps of a head: only the commits without a valid sign-off of their own, with
// what may still excuse them (a merge, a bot or allowlisted author, a remediation commit), so that
// a change of the allowlist or of `remediationCommits` is decided again without a read.
import { z } from 'zod';
import { normaliseActor } from '../identities.js';
import type { CommitRecord } from '../model.js';
import { ownSignOff, remediatedShas } from './sign-off.js';

export const DcoCommit = z.object({
  sha: z.string(),
  author: z.object({ login: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable() }),
  /** More than one parent. */
  isMerge: z.boolean(),
  /** Covered by an individual remediation commit. */
  remediated: z.boolean(),
  /** What is wrong with its own sign-off. */
  detail: z.string(),
  /** The committer's name, for the check run output (absent in caches written before it was kept). */
  committer: z.string().nullable().optional(),
});
export type DcoCommit = z.infer<typeof DcoCommit>;

export const DcoFacts = z.object({ unsigned: z.array(DcoCommit) });
export type DcoFacts = z.infer<typeof DcoFacts>;

/** Commits whose parent count the verdict needs: those without a valid sign-off of their own. */
export function unsignedShas(commits: CommitRecord[]): string[] {
  return commits.filter((c) => !ownSignOff(c).ok).map((c) => c.sha);
}

export function dcoFacts(commits: CommitRecord[], noReplyDomain: string): DcoFacts {
  const remediated = remediatedShas(commits);
  const unsigned: DcoCommit[] = [];
  for (const c of commits) {
    const own = ownSignOff(c);
    if (own.ok) continue;
    unsigned.push({
      sha: c.sha,
      author: normaliseActor(c.author ?? { name: null, email: null, login: null }, noReplyDomain),
      // Asked of every such commit; unknown counts as no merge, so that it is never passed on a guess.
      isMerge: (c.parentCount ?? 1) > 1,
      remediated: remediated.has(c.sha),
      detail: own.detail,
      committer: c.committer?.name?.trim() || null,
    });
  }
  return { unsigned };
}
