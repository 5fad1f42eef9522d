// GraphQL answer shapes shared by the readers, and their translation into the core model.
import type { CommitStatus, RawActor, StatusState } from '../reconcile/model.js';

export type GqlActor = { name: string | null; email: string | null; user: { login: string } | null };
export type GqlStatusContext = { state: string; description: string | null; targetUrl: string | null } | null;
/** A commit reached by `object(oid:)`, with our status context on it. */
export type GqlCommitStatus = { oid: string; status: { context: GqlStatusContext } | null } | null;

export function splitRepo(repo: string): [string, string] {
  const i = repo.indexOf('/');
  return [repo.slice(0, i), repo.slice(i + 1)];
}

export function toActor(a: GqlActor | null): RawActor | null {
  if (!a) return null;
  return { name: a.name, email: a.email, login: a.user?.login ?? null };
}

export function toStatus(s: GqlStatusContext): CommitStatus | null {
  if (!s) return null;
  return { state: s.state.toLowerCase() as StatusState, description: s.description, targetUrl: s.targetUrl };
}

/** Gives each trailer co-author the login GitHub linked to its email (from `Commit.authors`), if any. */
export function linkCoAuthors(coAuthors: RawActor[], linked: GqlActor[]): RawActor[] {
  const byEmail = new Map<string, string>();
  for (const a of linked) {
    if (a.email && a.user?.login) byEmail.set(a.email.toLowerCase(), a.user.login);
  }
  return coAuthors.map((c) => ({ ...c, login: c.login ?? (c.email ? (byEmail.get(c.email.toLowerCase()) ?? null) : null) }));
}
