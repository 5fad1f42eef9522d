import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPolicy, coverage } from '../../../src/checks/policy.js';
import { id, signatory } from './builders.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const policy = buildPolicy(
  [
    { ...signatory('Alice'), line: 2 },
    signatory(null, 'Carol@Example.org'),
    signatory('@Dave', 'dave@example.org'),
    { ...signatory(null, `sha256:${sha('hidden@example.org').toUpperCase()}`), line: 9 },
    { ...signatory(null, '*@BigCorp.example'), line: 11 },
    signatory('alice'),
  ],
  ['*[bot]', 'ci@bots.example.org', 'build-*'],
);

describe('coverage', () => {
  it.each([
    ['login', id('alice'), 'login', 'github: alice (line 2)'],
    ['login written with @ on the list', id('dave'), 'login', expect.stringContaining('github: dave')],
    ['login covers despite an unlisted email', id('alice', 'nobody@x.org'), 'login', expect.any(String)],
    ['plain email', id(null, 'carol@example.org'), 'email', expect.stringContaining('carol@example.org')],
    ['email of an unlisted login', id('carol-gh', 'carol@example.org'), 'email', expect.any(String)],
    ['hashed email', id(null, 'hidden@example.org'), 'hashed-email', expect.stringContaining('line 9')],
    ['domain pattern', id(null, 'eve@bigcorp.example'), 'email-pattern', 'email: *@bigcorp.example (line 11)'],
    ['allowlisted login', id('dependabot[bot]'), 'allowlist-login', 'allowlist: *[bot]'],
    ['allowlisted login glob', id('build-42'), 'allowlist-login', 'allowlist: build-*'],
    ['allowlisted email', id(null, 'ci@bots.example.org'), 'allowlist-email', 'allowlist: ci@bots.example.org'],
  ])('covers by %s', (_name, identity, by, rule) => {
    expect(coverage(identity, policy)).toEqual({ covered: true, by, rule });
  });

  it.each([
    ['unlisted login', id('bob'), 'login @bob is not on the list or the allowlist'],
    ['unlisted login and email', id('bob', 'bob@x.org'), 'neither login @bob nor email bob@x.org is on the list or the allowlist'],
    ['unlisted login with a no-reply email', id('bob', '1+bob@users.noreply.github.com'), 'login @bob is not on the list or the allowlist'],
    ['unlinked email', id(null, 'x@y.z'), 'email x@y.z is not linked to a GitHub account and not on the list'],
    ['sub-domain of a domain pattern', id(null, 'eve@eu.bigcorp.example'), expect.stringContaining('eve@eu.bigcorp.example')],
    ['allowlist email glob does not match a login', id('ci@bots.example.org'), expect.any(String)],
    ['login-shaped allowlist entry does not match an email', id(null, 'build-1@x.org'), expect.any(String)],
    ['evil[bot]x', id('evil[bot]x'), expect.any(String)],
    ['unknown author', id(null, null, 'Ghost'), expect.stringContaining('could not tell')],
  ])('does not cover %s', (_name, identity, reason) => {
    expect(coverage(identity, policy)).toEqual({ covered: false, reason });
  });

  it('matches a signatory login written in another case', () => {
    const p = buildPolicy([signatory('PeLSon')], []);
    expect(coverage(id('pelson'), p)).toMatchObject({ covered: true, by: 'login' });
  });
});
