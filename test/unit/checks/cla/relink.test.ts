// Unlinked addresses in the CLA facts: which ones are asked about again, and the facts once GitHub links them.
import { describe, expect, it } from 'vitest';
import { claFacts, relinkFacts, unlinkedAddresses } from '../../../../src/checks/cla/facts.js';
import { GITHUB_NO_REPLY_DOMAIN } from '../../../../src/checks/identities.js';
import type { CommitRecord } from '../../../../src/checks/model.js';
import { buildPolicy } from '../../../../src/checks/policy.js';
import { signatory } from '../builders.js';

const commit = (sha: string, author: CommitRecord['author'], coAuthors: CommitRecord['coAuthors'] = []): CommitRecord => ({ sha, headline: 'x', author, coAuthors });
const facts = claFacts(
  [
    commit('a'.repeat(40), { name: 'Alice', email: 'alice@example.org', login: 'alice' }),
    commit('b'.repeat(40), { name: 'Dave', email: 'Dave@Home.example', login: null }, [{ name: 'Erin', email: 'erin@laptop.example', login: null }]),
    commit('c'.repeat(40), { name: 'P', email: 'p@partner.example', login: null }),
  ],
  GITHUB_NO_REPLY_DOMAIN,
);
const policy = buildPolicy([signatory('alice'), signatory(null, '*@partner.example')], []);

describe('unlinkedAddresses', () => {
  it('lists the unlinked addresses that are not covered, with a commit each appears on', () => {
    expect(unlinkedAddresses(facts, policy)).toEqual([
      { email: 'dave@home.example', sha: 'b'.repeat(40) },
      { email: 'erin@laptop.example', sha: 'b'.repeat(40) },
    ]);
  });
});

describe('relinkFacts', () => {
  it('gives a linked address its login and drops the commit kept to ask again', () => {
    const relinked = relinkFacts(facts, new Map([['dave@home.example', 'Dave']]));
    expect(relinked.identities).toContainEqual({ login: 'dave', email: 'dave@home.example', name: 'Dave' });
    expect(unlinkedAddresses(relinked, policy)).toEqual([{ email: 'erin@laptop.example', sha: 'b'.repeat(40) }]);
  });

  it('returns the same facts when no address is linked', () => {
    expect(relinkFacts(facts, new Map([['nobody@example.org', 'nobody']]))).toBe(facts);
  });
});
