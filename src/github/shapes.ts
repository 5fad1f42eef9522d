// GraphQL answer shapes shared by the readers, and their translation into the core model.
import type { RawActor } from '../checks/model.js';
import type { Published, PublishedState } from '../reconcile/model.js';
import type { Actor, StatusContext } from './answers.js';
import { publishedRuns } from './check-runs.js';
import type { ReadShape } from './queries.js';

export type GqlActor = Actor;
export type GqlStatusContext = StatusContext | null;
/** `status { c0: context(name: $c0) … }`: our contexts on a commit, aliased in the order of `ReadShape.contexts`. */
export type GqlStatuses = Record<string, GqlStatusContext> | null;

export function splitRepo(repo: string): [string, string] {
  const i = repo.indexOf('/');
  return [repo.slice(0, i), repo.slice(i + 1)];
}

export function toActor(a: GqlActor | null | undefined): RawActor | null {
  if (!a) return null;
  return { name: a.name, email: a.email, login: a.user?.login ?? null };
}

export function toPublished(s: GqlStatusContext | undefined): Published | null {
  if (!s) return null;
  return {
    // EXPECTED: awaited by branch protection, posted by nobody yet.
    state: s.state === 'EXPECTED' ? 'pending' : (s.state.toLowerCase() as PublishedState),
    description: s.description,
    targetUrl: s.targetUrl,
    createdAt: s.createdAt ?? null,
  };
}

/** Each of our contexts on a commit: what stands there, or null. */
export function publishedOf(statuses: GqlStatuses | undefined, contexts: string[]): Record<string, Published | null> {
  return Object.fromEntries(contexts.map((context, i) => [context, toPublished(statuses?.[`c${i}`])]));
}

/** What stands for each check on a commit read with `statusFields(shape)`: our statuses, or our check runs. */
export function publishedOn(commit: Record<string, unknown> | null | undefined, shape: ReadShape): Record<string, Published | null> {
  return shape.checkRunsOf ? publishedRuns(commit, shape.contexts) : publishedOf((commit?.status ?? null) as GqlStatuses, shape.contexts);
}

/** Gives each trailer co-author the login GitHub linked to its email (from `Commit.authors`), if any. */
export function linkCoAuthors(coAuthors: RawActor[], linked: GqlActor[]): RawActor[] {
  const byEmail = new Map<string, string>();
  for (const a of linked) {
    if (a.email && a.user?.login) byEmail.set(a.email.toLowerCase(), a.user.login);
  }
  return coAuthors.map((c) => ({ ...c, login: c.login ?? (c.email ? (byEmail.get(c.email.toLowerCase()) ?? null) : null) }));
}
