// The one place where the people on commits become comparable identities.
import type { CommitRecord, Identity, RawActor } from './model.js';

/**
 * GitHub's no-reply addresses: `ID+login@users.noreply.HOST` (and the older `login@users.noreply.HOST`),
 * HOST being github.com or the Enterprise Server's host. An App's bot commits as
 * `ID+slug[bot]@users.noreply.HOST` with no linked user.
 * https://docs.github.com/en/account-and-profile/reference/email-addresses-reference
 */
export const GITHUB_NO_REPLY_DOMAIN = 'users.noreply.github.com';
const NO_REPLY_LOCAL = /^(?:\d+\+)?([^@\s+]+)$/;

function clean(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The login a GitHub no-reply address of `domain` stands for, or null for any other address. */
export function noReplyLogin(email: string, domain: string = GITHUB_NO_REPLY_DOMAIN): string | null {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0 || lower.slice(at + 1) !== domain.toLowerCase()) return null;
  return NO_REPLY_LOCAL.exec(lower.slice(0, at))?.[1] ?? null;
}

export function normaliseActor(raw: RawActor, noReplyDomain: string = GITHUB_NO_REPLY_DOMAIN): Identity {
  const email = clean(raw.email)?.toLowerCase() ?? null;
  const login = clean(raw.login)?.toLowerCase() ?? (email ? noReplyLogin(email, noReplyDomain) : null);
  return { login, email, name: clean(raw.name) };
}

/** Two identities of the same person: the same login, or the same email. */
export function samePerson(a: Identity, b: Identity): boolean {
  return (a.login !== null && a.login === b.login) || (a.email !== null && a.email === b.email);
}

/** True when GitHub gave neither a login nor an email: nobody can be checked against the list. */
export function isUnknown(id: Identity): boolean {
  return id.login === null && id.email === null;
}

export function identityKey(id: Identity): string {
  if (id.login !== null) return id.login;
  if (id.email !== null) return `email:${id.email}`;
  return `unknown:${id.name ?? ''}`;
}

export function displayIdentity(id: Identity): string {
  if (id.login !== null) return `@${id.login}`;
  return id.email ?? id.name ?? 'unknown author';
}

/** Stable order: identities with a login first, then email-only ones, then unknown; by key, then email. */
export function compareIdentities(a: Identity, b: Identity): number {
  const rank = (id: Identity) => (id.login !== null ? 0 : id.email !== null ? 1 : 2);
  const ka = `${rank(a)}${identityKey(a)}\u0000${a.email ?? ''}`;
  const kb = `${rank(b)}${identityKey(b)}\u0000${b.email ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Deduplicates identities, sorted by key. Entries of one login merge when their emails agree or one
 * is missing; the same login seen with two different emails stays as two entries, because either
 * email may be the one that covers it and merging would make coverage depend on commit order.
 * An email-only identity merges into a login identity with the same email (GitHub linked it).
 */
export function uniqueIdentities(ids: Identity[]): Identity[] {
  const withLogin: Identity[] = [];
  const rest: Identity[] = [];
  for (const id of ids) {
    if (id.login === null) {
      rest.push(id);
      continue;
    }
    const same = withLogin.find(
      (e) => e.login === id.login && (e.email === null || id.email === null || e.email === id.email),
    );
    if (!same) withLogin.push({ ...id });
    else {
      same.email ??= id.email;
      same.name ??= id.name;
    }
  }
  const others: Identity[] = [];
  for (const id of rest) {
    const same =
      (id.email !== null && withLogin.find((e) => e.email === id.email)) ||
      others.find((e) => identityKey(e) === identityKey(id));
    if (!same) others.push({ ...id });
    else same.name ??= id.name;
  }
  return [...withLogin, ...others].sort(compareIdentities);
}

export interface CommitIdentities {
  /**
   * Authors and co-authors, unique. A commit whose author GitHub could not tell (no author, or
   * neither login nor email) is represented by an identity with login and email null, so that it
   * survives the cache and `decide` turns it into an `error` verdict.
   */
  identities: Identity[];
  /** How many commits had such an unknown author, for explain and logs. */
  unknownAuthors: number;
}

export function identitiesOfCommits(commits: CommitRecord[], noReplyDomain: string = GITHUB_NO_REPLY_DOMAIN): CommitIdentities {
  const all: Identity[] = [];
  let unknownAuthors = 0;
  for (const commit of commits) {
    const author: Identity = commit.author
      ? normaliseActor(commit.author, noReplyDomain)
      : { login: null, email: null, name: null };
    if (isUnknown(author)) unknownAuthors++;
    all.push(author);
    for (const co of commit.coAuthors) {
      const id = normaliseActor(co, noReplyDomain);
      // A trailer without an address is not a co-author GitHub would credit.
      if (!isUnknown(id)) all.push(id);
    }
  }
  return { identities: uniqueIdentities(all), unknownAuthors };
}
