import { describe, expect, it } from 'vitest';
import type { HeadFacts } from '../../../../src/checks/check.js';
import type { ClaIdentity } from '../../../../src/checks/cla/facts.js';
import { decideCla } from '../../../../src/checks/cla/decide.js';
import type { Identity, Missing, Verdict } from '../../../../src/checks/model.js';
import { buildPolicy } from '../../../../src/checks/policy.js';
import { id, signatory } from '../builders.js';

const policy = buildPolicy([signatory('alice'), signatory(null, 'carol@x.org')], ['*[bot]']);
const record = (identities: ClaIdentity[], commitsRead = 3, commitsTotal = commitsRead): HeadFacts => ({
  headSha: 'abc',
  commitsRead,
  commitsTotal,
  facts: { cla: { identities } },
});
const person = (identity: Identity): Missing => ({
  kind: 'person',
  identity,
  reason: identity.login !== null ? 'unsigned-login' : 'unlinked-email',
});
const decide = (head: HeadFacts, p: typeof policy) => decideCla(head, p);

describe('decide', () => {
  it.each<[string, HeadFacts, Verdict]>([
    ['everyone covered', record([id('alice'), id(null, 'carol@x.org'), id('renovate[bot]')]), { state: 'signed' }],
    [
      'uncovered login and unlinked email, sorted',
      record([id(null, 'x@y.z'), id('zed'), id('alice'), id('bob', 'bob@x.org')]),
      { state: 'missing', missing: [person(id('bob', 'bob@x.org')), person(id('zed')), person(id(null, 'x@y.z'))] },
    ],
    [
      'truncated commits, even when everyone read is covered',
      record([id('alice')], 250, 300),
      { state: 'error', reason: 'only 250 of 300 commits could be read' },
    ],
    ['truncated takes precedence over missing', record([id('bob')], 1, 2), { state: 'error', reason: 'only 1 of 2 commits could be read' }],
    [
      'an author GitHub could not tell',
      record([id('alice'), id(null, null, null)]),
      { state: 'error', reason: 'GitHub could not tell who authored a commit' },
    ],
    [
      'several unknown authors',
      record([id(null, null, 'A'), id(null, null, 'B')]),
      { state: 'error', reason: 'GitHub could not tell who authored 2 commits' },
    ],
    ['no identities at all', record([], 0, 0), { state: 'error', reason: 'no commit authors could be read' }],
  ])('%s', (_name, authors, expected) => {
    expect(decide(authors, policy)).toEqual(expected);
  });

  it('says when a missing person is named only as a co-author', () => {
    const verdict = decide(record([{ ...id('zed'), coAuthorOnly: true }, id('alice')]), policy);
    expect(verdict).toEqual({ state: 'missing', missing: [{ kind: 'person', identity: id('zed'), reason: 'co-author' }] });
  });
});

