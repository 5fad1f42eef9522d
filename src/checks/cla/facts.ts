// What the CLA check keeps of a head: every author and co-author, once.
import { z } from 'zod';
import type { UnlinkedAddress } from '../check.js';
import { identitiesOfCommits, isUnknown, normaliseActor, samePerson } from '../identities.js';
import type { CommitRecord } from '../model.js';
import { coverage, type Policy } from '../policy.js';

export const ClaIdentity = z.object({
  login: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  /** Named only in `Co-authored-by` trailers, never as a commit's author. */
  coAuthorOnly: z.literal(true).optional(),
  /** For an address GitHub did not link to an account: a commit it appears on, to ask again later. */
  seenIn: z.string().optional(),
});
export type ClaIdentity = z.infer<typeof ClaIdentity>;

export const ClaFacts = z.object({ identities: z.array(ClaIdentity) });
export type ClaFacts = z.infer<typeof ClaFacts>;

export function claFacts(commits: CommitRecord[], noReplyDomain: string): ClaFacts {
  const { identities } = identitiesOfCommits(commits, noReplyDomain);
  const authors = commits.map((c) => (c.author ? normaliseActor(c.author, noReplyDomain) : null));
  return {
    identities: identities.map((id) => {
      const out: ClaIdentity = { login: id.login, email: id.email, name: id.name };
      if (!isUnknown(id) && !authors.some((a) => a !== null && samePerson(a, id))) out.coAuthorOnly = true;
      if (id.login === null && id.email !== null) {
        const commit = commits.find(
          (c, i) =>
            authors[i]?.email === id.email ||
            c.coAuthors.some((co) => co.email !== null && co.email.trim().toLowerCase() === id.email),
        );
        if (commit) out.seenIn = commit.sha;
      }
      return out;
    }),
  };
}

/** The unlinked addresses that keep a pull request from passing: not covered by the list or the allowlist. */
export function unlinkedAddresses(facts: ClaFacts, policy: Policy): UnlinkedAddress[] {
  return facts.identities
    .filter((id) => id.login === null && id.email !== null && id.seenIn !== undefined && !coverage(id, policy).covered)
    .map((id) => ({ email: id.email!, sha: id.seenIn! }));
}

/** The facts once GitHub links some of their addresses to accounts (lower-cased email → login). */
export function relinkFacts(facts: ClaFacts, logins: ReadonlyMap<string, string>): ClaFacts {
  let changed = false;
  const identities = facts.identities.map((id) => {
    const login = id.login === null && id.email !== null ? logins.get(id.email) : undefined;
    if (login === undefined) return id;
    changed = true;
    const { seenIn: _seenIn, ...rest } = id;
    return { ...rest, login: login.toLowerCase() };
  });
  return changed ? { identities } : facts;
}
