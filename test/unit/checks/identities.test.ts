import { describe, expect, it } from 'vitest';
import {
  displayIdentity,
  identitiesOfCommits,
  identityKey,
  normaliseActor,
  uniqueIdentities,
} from '../../../src/checks/identities.js';
import type { CommitRecord, Identity, RawActor } from '../../../src/checks/model.js';

const actor = (over: Partial<RawActor>): RawActor => ({ name: null, email: null, login: null, ...over });
const id = (login: string | null, email: string | null = null, name: string | null = null): Identity => ({
  login,
  email,
  name,
});

describe('normaliseActor', () => {
  it.each([
    ['lower-cases login and email', actor({ login: 'Alice', email: 'Alice@Example.ORG' }), id('alice', 'alice@example.org')],
    ['trims whitespace', actor({ login: '  bob ', email: ' bob@x.org\t', name: ' Bob B ' }), id('bob', 'bob@x.org', 'Bob B')],
    ['empty strings become null', actor({ login: '', email: '   ', name: '' }), id(null, null, null)],
    ['ID+login no-reply gives the login', actor({ email: '123+Carol@users.noreply.github.com' }), id('carol', '123+carol@users.noreply.github.com')],
    ['login-only no-reply gives the login', actor({ email: 'dave@users.noreply.github.com' }), id('dave', 'dave@users.noreply.github.com')],
    ['no-reply is case-insensitive', actor({ email: ' 9+Eve@Users.NoReply.GitHub.com ' }), id('eve', '9+eve@users.noreply.github.com')],
    ['bot no-reply gives the bot login', actor({ email: '49699333+dependabot[bot]@users.noreply.github.com' }), id('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com')],
    ['GitHub-linked login wins over a no-reply one', actor({ login: 'Real', email: 'other@users.noreply.github.com' }), id('real', 'other@users.noreply.github.com')],
    ['a look-alike domain is not a no-reply address', actor({ email: 'mallory@users.noreply.github.com.evil.org' }), id(null, 'mallory@users.noreply.github.com.evil.org')],
  ])('%s', (_name, raw, expected) => {
    expect(normaliseActor(raw)).toEqual(expected);
  });
});

describe('identityKey and displayIdentity', () => {
  it.each([
    [id('alice', 'a@x.org'), 'alice', '@alice'],
    [id(null, 'a@x.org'), 'email:a@x.org', 'a@x.org'],
    [id(null, null, 'Ghost'), 'unknown:Ghost', 'Ghost'],
    [id(null, null, null), 'unknown:', 'unknown author'],
  ])('%j → %s / %s', (identity, key, display) => {
    expect(identityKey(identity)).toBe(key);
    expect(displayIdentity(identity)).toBe(display);
  });
});

describe('uniqueIdentities', () => {
  it.each<[string, Identity[], Identity[]]>([
    ['merges email and name into the login entry', [id('alice'), id('alice', 'a@x.org', 'Alice')], [id('alice', 'a@x.org', 'Alice')]],
    ['merges an email-only identity with a login identity of the same email', [id(null, 'a@x.org'), id('alice', 'a@x.org')], [id('alice', 'a@x.org')]],
    ['keeps one login with two different emails as two entries', [id('alice', 'a2@x.org'), id('alice', 'a1@x.org')], [id('alice', 'a1@x.org'), id('alice', 'a2@x.org')]],
    ['dedupes email-only identities', [id(null, 'z@x.org'), id(null, 'z@x.org', 'Zed')], [id(null, 'z@x.org', 'Zed')]],
    ['sorts by key', [id(null, 'b@x.org'), id('zed'), id('amy')], [id('amy'), id('zed'), id(null, 'b@x.org')]],
  ])('%s', (_name, input, expected) => {
    expect(uniqueIdentities(input)).toEqual(expected);
  });

  it('does not depend on input order', () => {
    const ids = [id('alice'), id(null, 'a@x.org'), id('alice', 'a@x.org'), id('bob', 'b@x.org'), id(null, 'c@x.org')];
    expect(uniqueIdentities([...ids].reverse())).toEqual(uniqueIdentities(ids));
  });
});

describe('identitiesOfCommits', () => {
  const commit = (author: RawActor | null, coAuthors: RawActor[] = []): CommitRecord => ({
    sha: 'abc',
    headline: 'x',
    author,
    coAuthors,
  });

  it('collects authors and co-authors, normalised and unique', () => {
    const result = identitiesOfCommits([
      commit(actor({ login: 'Alice', email: 'alice@x.org' }), [actor({ email: 'Bob@X.org', name: 'Bob' })]),
      commit(actor({ login: 'alice', email: 'ALICE@x.org' }), [actor({ email: '7+carol@users.noreply.github.com' })]),
    ]);
    expect(result).toEqual({
      identities: [id('alice', 'alice@x.org'), id('carol', '7+carol@users.noreply.github.com'), id(null, 'bob@x.org', 'Bob')],
      unknownAuthors: 0,
    });
  });

  it.each([
    ['a null author', null],
    ['an author with neither login nor email', actor({ name: 'Ghost' })],
  ])('keeps %s as an unknown identity and counts it', (_name, author) => {
    const result = identitiesOfCommits([commit(author), commit(actor({ login: 'alice' }))]);
    expect(result.unknownAuthors).toBe(1);
    expect(result.identities.filter((i) => i.login === null && i.email === null)).toHaveLength(1);
  });
});
