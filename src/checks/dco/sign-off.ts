// Whether one commit carries a valid sign-off of its own, and which commits individual remediation
// commits cover: the DCO app's rules (dcoapp/app lib/dco.js at 83946bb; /work notes dco-rules.md).
import { validate as isEmail } from 'email-validator';
import type { CommitRecord, RawActor } from '../model.js';

export type OwnSignOff = { ok: true } | { ok: false; detail: string };

interface Person {
  name: string;
  email: string;
}

// GraphQL may give null where REST gives a string; the app's REST data reads "" then.
const person = (a: RawActor | null | undefined): Person => ({ name: a?.name ?? '', email: a?.email ?? '' });
// The app compares with toLowerCase() only: no trimming, no Unicode normalisation.
const same = (a: Person, b: Person) => a.name.toLowerCase() === b.name.toLowerCase() && a.email.toLowerCase() === b.email.toLowerCase();
const shown = (p: Person) => `${p.name} <${p.email}>`;

/**
 * A commit's own `Signed-off-by` lines: one must name its author or its committer (name and email
 * of the same person, as PRODUCT.md words it; the app also accepts one's name with the other's
 * email). As in the app, a signed-off commit whose author email is not an address fails too.
 */
export function ownSignOff(commit: CommitRecord): OwnSignOff {
  const signOffs = commit.signOffs ?? [];
  if (signOffs.length === 0) return { ok: false, detail: 'no Signed-off-by line' };
  const author = person(commit.author);
  const committer = person(commit.committer);
  const email = author.email || committer.email;
  if (!isEmail(email)) return { ok: false, detail: `${email || 'the empty author email'} is not a valid email address` };
  if (signOffs.some((s) => same(s, author) || same(s, committer))) return { ok: true };
  if (signOffs.length === 1) return { ok: false, detail: `Signed-off-by "${shown(signOffs[0]!)}" is neither the author "${shown(author)}" nor the committer` };
  return { ok: false, detail: `none of ${signOffs.length} Signed-off-by lines is the author "${shown(author)}" or the committer` };
}

/**
 * SHAs covered by an individual remediation line anywhere in the pull request: its declarant and
 * the remediation commit's author are both the covered commit's author (dcoapp/app lib/dco.js:150-160).
 */
export function remediatedShas(commits: CommitRecord[]): Set<string> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const covered = new Set<string>();
  for (const r of commits) {
    for (const line of r.remediations ?? []) {
      const target = bySha.get(line.sha);
      if (!target) continue;
      const author = person(target.author);
      if (same(line, author) && same(person(r.author), author)) covered.add(target.sha);
    }
  }
  return covered;
}
