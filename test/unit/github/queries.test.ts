// Every GraphQL document cla-sweeper sends is valid against GitHub's published schema.
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as q from '../../../src/github/queries.js';

import { githubSchema } from '../../support/simulator/graphql/schema.js';

const schema = githubSchema();

const CLA: q.ReadShape = { contexts: ['cla/signed'], labels: ['cla: signed', 'cla: missing'], committer: false };
const BOTH: q.ReadShape = { contexts: ['cla/signed', 'DCO'], labels: ['cla: signed', 'cla: missing', 'dco: signed', 'dco: missing'], committer: true };
/** publish: check-run: our App's runs read where statuses are otherwise. */
const RUNS: q.ReadShape = { ...BOTH, checkRunsOf: { appId: 4242 } };

const documents: [string, string][] = [
  ['ListOwnerRepositories', q.LIST_OWNER_REPOSITORIES],
  ['ViewerLogin', q.VIEWER_LOGIN],
  ['FindOwnIssues', q.FIND_OWN_ISSUES],
  ['CountOpenPullRequests', q.countOpenPullRequests(3)],
  ['PullRequestStates', q.pullRequestStates(2)],
  [
    'ListOpenPullRequests',
    q.listOpenPullRequests([
      { owner: 'a', name: 'b', first: 27, after: null, withRepoFacts: true, statusOf: [{ number: 4, sha: 'f'.repeat(40) }] },
      { owner: 'a', name: 'c', first: 100, after: 'Y3Vyc29y', withRepoFacts: false, statusOf: [] },
    ], CLA),
  ],
  [
    'ListOpenPullRequests',
    q.listOpenPullRequests([
      { owner: 'a', name: 'b', first: 27, after: null, withRepoFacts: true, statusOf: [{ number: 4, sha: 'f'.repeat(40) }] },
      { owner: 'a', name: 'c', first: 0, after: null, withRepoFacts: false, statusOf: [{ number: 9, sha: 'e'.repeat(40) }], statusOnly: true },
    ], BOTH),
  ],
  [
    'ListOpenPullRequests',
    q.listOpenPullRequests([{ owner: 'a', name: 'b', first: 100, after: 'Y3Vyc29y', withRepoFacts: false, statusOf: [] }], CLA),
  ],
  [
    'ListOpenPullRequests',
    q.listOpenPullRequests([{ owner: 'a', name: 'b', first: 10, after: null, withRepoFacts: true, statusOf: [] }], BOTH),
  ],
  [
    'FetchPullRequestCommits',
    q.fetchPullRequestCommits([{ owner: 'a', name: 'b', number: 1, after: 'Y3Vyc29y', statusSha: null }], CLA),
  ],
  [
    'FetchPullRequestCommits',
    q.fetchPullRequestCommits([
      { owner: 'a', name: 'b', number: 1, after: null, statusSha: 'a'.repeat(40) },
      { owner: 'a', name: 'b', number: 2, after: 'Y3Vyc29y', statusSha: null },
    ], BOTH),
  ],
  ['ResolveCoAuthors', q.resolveCoAuthors([{ owner: 'a', name: 'b', sha: 'c'.repeat(40), authors: 3 }])],
  ['ReadParentCounts', q.readParentCounts(3)],
  ['ReadLinkedAuthors', q.readLinkedAuthors(2)],
  ['ProbeUpdatedPullRequests', q.probeUpdates(3)],
  // mergeQueue: true asks whether each repository has a queue, with its facts and in the probe.
  ['ProbeUpdatedPullRequests', q.probeUpdates(3, { mergeQueue: true })],
  [
    'ListOpenPullRequests',
    q.listOpenPullRequests([{ owner: 'a', name: 'b', first: 10, after: null, withRepoFacts: true, statusOf: [] }], { ...BOTH, mergeQueue: true }),
  ],
  [
    'ListOpenPullRequests',
    q.listOpenPullRequests(
      [
        { owner: 'a', name: 'b', first: 10, after: null, withRepoFacts: true, statusOf: [], newestFirst: true },
        { owner: 'a', name: 'c', first: 0, after: null, withRepoFacts: true, statusOf: [{ number: 7, sha: 'd'.repeat(40) }], numbers: [7, 9] },
      ],
      BOTH,
    ),
  ],
  ['ExplainPullRequest', q.explainPullRequest(CLA)],
  ['ExplainPullRequest', q.explainPullRequest(BOTH)],
  ['ExplainPullRequest', q.explainPullRequest(RUNS)],
  [
    'ListOpenPullRequests',
    q.listOpenPullRequests([
      { owner: 'a', name: 'b', first: 27, after: null, withRepoFacts: true, statusOf: [{ number: 4, sha: 'f'.repeat(40) }] },
      { owner: 'a', name: 'c', first: 0, after: null, withRepoFacts: false, statusOf: [{ number: 9, sha: 'e'.repeat(40) }], statusOnly: true },
    ], RUNS),
  ],
  [
    'FetchPullRequestCommits',
    q.fetchPullRequestCommits([{ owner: 'a', name: 'b', number: 1, after: null, statusSha: 'a'.repeat(40) }], RUNS),
  ],
  ['ReadMergeQueues', q.readMergeQueues(3, BOTH)],
  ['ReadMergeQueues', q.readMergeQueues(2, RUNS)],
  ['ReadCommitsPublished', q.readCommitsPublished(2, RUNS)],
];

describe('GraphQL documents', () => {
  it.each(documents)('%s is valid against GitHub schema', (name, doc) => {
    const ast = parse(doc);
    expect(validate(schema, ast).map((e) => e.message)).toEqual([]);
    const op = ast.definitions[0];
    expect(op && 'name' in op ? op.name?.value : undefined).toBe(name);
  });

  it('fails validation for a field GitHub does not have (the check can fail)', () => {
    const errors = validate(schema, parse('query X { repository(owner: "a", name: "b") { nosuchfield } }'));
    expect(errors.length).toBeGreaterThan(0);
  });
});
