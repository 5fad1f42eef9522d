// What the CLA check keeps of a head: every author and co-author, once.
import { z } from 'zod';
import { identitiesOfCommits, isUnknown, normaliseActor, samePerson } from '../identities.js';
import type { CommitRecord } from '../model.js';

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
