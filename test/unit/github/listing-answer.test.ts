// The listing's answer is checked at the boundary: whatever the schema allows (nulls in nodes, a
// null `labels`), or what it does not, becomes a failure of the pull request or repository it
// concerns, never a TypeError.
import { describe, expect, it } from 'vitest';
import type { GraphqlErrorItem } from '../../../src/github/graphql-runner.js';
import type { ListPage, ReadShape } from '../../../src/github/queries.js';
import { readPage } from '../../../src/github/read-pull-requests.js';

const SHAPE: ReadShape = { contexts: ['cla/signed'], labels: ['cla: signed', 'cla: missing'], committer: false };
const PAGE: ListPage = { owner: 'acme', name: 'widgets', first: 10, after: null, withRepoFacts: true, statusOf: [{ number: 5, sha: 'a'.repeat(40) }] };
const pr = (number: number, over: Record<string, unknown> = {}) => ({
  number,
  isDraft: false,
  headRefOid: `${number}`.repeat(40).slice(0, 40),
  updatedAt: '2026-01-01T00:00:00Z',
  labels: { totalCount: 0, nodes: [] },
  ...over,
});
const repo = (nodes: unknown[], over: Record<string, unknown> = {}) => ({
  nameWithOwner: 'acme/widgets',
  isArchived: false,
  l0: { name: 'CLA: signed' },
  l1: null,
  pullRequests: { pageInfo: { hasNextPage: false, endCursor: null }, nodes },
  s5: { oid: 'a'.repeat(40), status: { c0: { state: 'SUCCESS', description: 'ok', targetUrl: null, createdAt: null } } },
  ...over,
});
const forbidden = (path: (string | number)[]): GraphqlErrorItem => ({ type: 'FORBIDDEN', path, message: 'Resource protected by organization SAML enforcement.' });

function read(node: unknown, errors: GraphqlErrorItem[] = []) {
  return readPage('acme/widgets', 'r0', node, errors, PAGE, SHAPE);
}

describe('readPage', () => {
  it('reads a full answer: pull requests, labels as GitHub spells them, statuses by number', () => {
    const page = read(repo([pr(5), pr(6, { labels: { nodes: [{ name: 'bug' }] } })]));
    expect('failure' in page).toBe(false);
    if ('failure' in page) return;
    expect(page.pullRequests.map((p) => [p.number, p.labels])).toEqual([[5, []], [6, ['bug']]]);
    expect(page.existingLabels).toEqual(['CLA: signed']);
    expect((page.statuses.get(5)?.status as { c0?: { state: string } } | undefined)?.c0?.state).toBe('SUCCESS');
    expect(page.failures).toEqual([]);
  });

  it.each([
    ['a null node, with GitHub\'s error', repo([pr(5), null]), [forbidden(['r0', 'pullRequests', 'nodes', 1])], null, 'forbidden'],
    ['a null node, without an error', repo([null, pr(5)]), [], null, 'other'],
    ['a null labels connection', repo([pr(6, { labels: null })]), [forbidden(['r0', 'pullRequests', 'nodes', 0, 'labels'])], 6, 'forbidden'],
    ['a null among the labels', repo([pr(6, { labels: { nodes: [null] } })]), [], 6, 'other'],
    ['a missing field', repo([{ number: 6, isDraft: false }]), [], 6, 'other'],
    ['a field of another type', repo([pr(6, { isDraft: 'no' })]), [], 6, 'other'],
    ['a number of another type', repo([pr(6, { number: '6' })]), [], null, 'other'],
    ['an error deep inside a pull request', repo([pr(6)]), [forbidden(['r0', 'pullRequests', 'nodes', 0, 'labels', 'nodes', 2])], 6, 'forbidden'],
    ['an error at a head\'s status', repo([pr(5)], { s5: null }), [forbidden(['r0', 's5'])], 5, 'forbidden'],
    ['a status of an unknown state', repo([pr(5)], { s5: { oid: 'a'.repeat(40), status: { c0: { state: 'WEIRD', description: null, targetUrl: null } } } }), [], 5, 'other'],
  ])('%s: fails that pull request only', (_case, node, errors, number, kind) => {
    const page = read(node, errors as GraphqlErrorItem[]);
    expect('failure' in page).toBe(false);
    if ('failure' in page) return;
    expect(page.failures).toHaveLength(1);
    expect(page.failures[0]?.number).toBe(number);
    expect(page.failures[0]?.error.kind).toBe(kind);
    if (number !== null) expect(page.pullRequests.map((p) => p.number)).not.toContain(number);
  });

  it.each([
    ['a null repository with SAML\'s error', null, [forbidden(['r0'])], 'forbidden'],
    ['a null repository with NOT_FOUND', null, [{ type: 'NOT_FOUND', path: ['r0'], message: "Could not resolve to a Repository with the name 'acme/widgets'." }], 'not-found'],
    ['a null pullRequests connection', repo([], { pullRequests: null }), [forbidden(['r0', 'pullRequests'])], 'forbidden'],
    ['a repository of another shape', { nameWithOwner: 7 }, [], 'other'],
    ['a list where an object belongs', [], [], 'other'],
    ['an error at a label lookup', repo([pr(5)], { l1: null }), [forbidden(['r0', 'l1'])], 'forbidden'],
  ])('%s: fails the repository', (_case, node, errors, kind) => {
    const page = read(node, errors as GraphqlErrorItem[]);
    expect('failure' in page && page.failure.kind).toBe(kind);
  });

  it('reads pull requests by number: a closed one and one gone are told as such, a moved head\'s old status is not asked after', () => {
    const byNumber: ListPage = { ...PAGE, numbers: [5, 6, 7], statusOf: [{ number: 5, sha: 'a'.repeat(40) }, { number: 6, sha: 'b'.repeat(40) }] };
    const node = {
      nameWithOwner: 'acme/widgets',
      isArchived: false,
      l0: null,
      l1: null,
      // #5 moved to another head since remembered (its old head's lookup came back null); #6 closed; #7 gone.
      p5: pr(5, { state: 'OPEN' }),
      p6: pr(6, { state: 'MERGED' }),
      p7: null,
      s5: null,
      s6: { oid: 'b'.repeat(40), status: null },
    };
    const page = readPage('acme/widgets', 'r0', node, [], byNumber, SHAPE);
    if ('failure' in page) throw new Error(page.failure.message);
    expect(page.pullRequests.map((p) => p.number)).toEqual([5]);
    expect(page.closed).toEqual([6, 7]);
    expect(page.failures).toEqual([]);
    expect(page.statuses.size).toBe(0);
  });

  it('tells the newest and oldest update of a page in any state, for a quick listing to know where to stop', () => {
    const page = read(repo([pr(5, { updatedAt: '2026-01-02T00:00:00Z', state: 'CLOSED' }), pr(6, { updatedAt: '2026-01-01T00:00:00Z', state: 'OPEN' }), pr(7, { updatedAt: '2025-12-31T00:00:00Z', state: 'MERGED' })]));
    if ('failure' in page) throw new Error(page.failure.message);
    expect(page.pullRequests.map((p) => p.number)).toEqual([6]);
    expect(page.closed).toEqual([5, 7]);
    expect([page.newestUpdate, page.oldestUpdate]).toEqual(['2026-01-02T00:00:00Z', '2025-12-31T00:00:00Z']);
  });

  it('ignores fields it does not use and errors of other aliases', () => {
    const page = read(repo([pr(5, { extra: { deeply: [null] } })], { other: null }), [forbidden(['r1', 'pullRequests', 'nodes', 0])]);
    expect('failure' in page ? page.failure.message : page.failures).toEqual([]);
  });
});
