import { describe, expect, it } from 'vitest';
import type { AuthorsRecord, Identity, Verdict } from '../../../src/reconcile/model.js';
import { buildPolicy } from '../../../src/reconcile/policy.js';
import { decide } from '../../../src/reconcile/verdict.js';
import { id, signatory } from './builders.js';

const policy = buildPolicy([signatory('alice'), signatory(null, 'carol@x.org')], ['*[bot]']);
const record = (identities: Identity[], commitsRead = 3, commitsTotal = commitsRead): AuthorsRecord => ({
  headSha: 'abc',
  identities,
  commitsRead,
  commitsTotal,
});

describe('decide', () => {
  it.each<[string, AuthorsRecord, Verdict]>([
    ['everyone covered', record([id('alice'), id(null, 'carol@x.org'), id('renovate[bot]')]), { state: 'signed' }],
    [
      'uncovered login and unlinked email, sorted',
      record([id(null, 'x@y.z'), id('zed'), id('alice'), id('bob', 'bob@x.org')]),
      { state: 'missing', missing: [id('bob', 'bob@x.org'), id('zed'), id(null, 'x@y.z')] },
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
});

