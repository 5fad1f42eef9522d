import { describe, expect, it } from 'vitest';
import { claDescription as statusDescription, claMentions } from '../../../../src/checks/cla/describe.js';
import { MAX_DESCRIPTION } from '../../../../src/checks/description.js';
import type { Identity, Verdict } from '../../../../src/checks/model.js';
import { id } from '../builders.js';

const missing = (...ids: Identity[]): Verdict => ({
  state: 'missing',
  missing: ids.map((identity) => ({ kind: 'person', identity, reason: identity.login ? 'unsigned-login' : 'unlinked-email' })),
});
const many = (n: number, make: (i: number) => Identity) => Array.from({ length: n }, (_, i) => make(i));

describe('statusDescription', () => {
  it.each<[string, Verdict, string | null, string]>([
    ['signed', { state: 'signed' }, 'https://cla', 'All commit authors have signed the CLA'],
    ['missing with a sign URL', missing(id('bob'), id(null, 'x@y.z')), 'https://cla', 'CLA missing: @bob, unlinked: x@y.z — sign via Details'],
    ['missing without a sign URL', missing(id('bob'), id(null, 'x@y.z')), null, 'CLA missing: @bob, unlinked: x@y.z'],
    ['same login twice is named once', missing(id('bob', 'a@x'), id('bob', 'b@x')), null, 'CLA missing: @bob'],
    ['error', { state: 'error', reason: 'only 250 of 300 commits could be read' }, 'https://cla', 'Cannot check the CLA: only 250 of 300 commits could be read'],
  ])('%s', (_name, verdict, url, expected) => {
    expect(statusDescription(verdict, url)).toBe(expected);
  });

  it.each<[string, Verdict]>([
    ['500 logins', missing(...many(500, (i) => id(`contributor-number-${i}`)))],
    ['500 long emails', missing(...many(500, (i) => id(null, `${'x'.repeat(80)}${i}@example.org`)))],
    ['one 300-character email', missing(id(null, `${'y'.repeat(300)}@example.org`))],
    ['one 39-character login and many emails', missing(id('a'.repeat(39)), ...many(50, (i) => id(null, `p${i}@x.org`)))],
    ['a 1,000-character error', { state: 'error', reason: 'z'.repeat(1000) }],
    ['an error with emoji', { state: 'error', reason: '🪗'.repeat(200) }],
  ])('stays within 140 characters for %s', (_name, verdict) => {
    for (const url of ['https://cla', null]) {
      const text = statusDescription(verdict, url);
      expect(Array.from(text).length).toBeLessThanOrEqual(MAX_DESCRIPTION);
      expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
      expect(text).not.toMatch(/[\u{10000}-\u{10FFFF}]/u);
    }
  });

  it('truncates a long list with +N more and still names the first', () => {
    const text = statusDescription(missing(...many(40, (i) => id(`user${String(i).padStart(2, '0')}`))), 'https://cla');
    expect(text).toMatch(/^CLA missing: @user00, @user01, .*, \+\d+ more/);
    const shown = (text.match(/@user/g) ?? []).length;
    const more = Number(/\+(\d+) more/.exec(text)?.[1]);
    expect(shown + more).toBe(40);
  });

  it('mentions exactly the people the description shows', () => {
    const verdict = missing(...many(40, (i) => id(`user${String(i).padStart(2, '0')}`)), id(null, 'x@y.z'));
    const text = statusDescription(verdict, 'https://cla');
    const mentions = claMentions(verdict).map((m) => m.text);
    expect(mentions.length).toBe((text.match(/@user/g) ?? []).length);
    for (const m of mentions) expect(text).toContain(`@${m}`);
    expect(claMentions(missing(id('bob'), id(null, 'x@y.z'))).map((m) => m.text)).toEqual(['bob', 'x@y.z']);
    expect(claMentions({ state: 'signed' })).toEqual([]);
  });
});
