// Reading our check runs: only runs marked as ours count, the newest of them; conclusions map
// back to the states statuses use, and anything we never write reads as pending (repaired).
import { describe, expect, it } from 'vitest';
import { type GqlCheckRun, publishedRun, publishedRuns } from '../../../src/github/check-runs.js';
import { stateOfRun } from '../../../src/reconcile/check-run.js';

const gqlRun = (over: Partial<GqlCheckRun>): GqlCheckRun => ({
  databaseId: 1,
  status: 'COMPLETED',
  conclusion: 'SUCCESS',
  detailsUrl: 'https://example.org/cla',
  externalId: 'cla-sweeper',
  title: 'CLA signed',
  summary: 'All signed',
  text: null,
  startedAt: '2026-01-01T00:00:00Z',
  completedAt: '2026-01-01T00:00:01Z',
  ...over,
});
const suites = (...runs: GqlCheckRun[]) => ({ nodes: [{ checkRuns: { nodes: runs } }] });

describe('publishedRun', () => {
  it('is the newest run carrying our marker, with its id and output', () => {
    const got = publishedRun(
      suites(gqlRun({ databaseId: 9, externalId: null, conclusion: 'FAILURE' }), gqlRun({ databaseId: 3 }), gqlRun({ databaseId: 5, conclusion: 'ACTION_REQUIRED', title: 'CLA missing: @bob' })),
    );
    expect(got).toEqual({
      state: 'failure',
      description: 'CLA missing: @bob',
      targetUrl: 'https://example.org/cla',
      createdAt: '2026-01-01T00:00:01Z',
      checkRun: { id: 5, output: { title: 'CLA missing: @bob', summary: 'All signed', text: null } },
    });
  });

  it('is null without a suite, without runs, or with none of ours', () => {
    expect(publishedRun(undefined)).toBeNull();
    expect(publishedRun({ nodes: [] })).toBeNull();
    expect(publishedRun({ nodes: [null, { checkRuns: null }] })).toBeNull();
    expect(publishedRun(suites(gqlRun({ externalId: 'another-tool' })))).toBeNull();
  });

  it('reads each check from its own alias', () => {
    const commit = { oid: 'a', k0: suites(gqlRun({})), k1: { nodes: [] } };
    expect(Object.keys(publishedRuns(commit, ['cla/signed', 'DCO']))).toEqual(['cla/signed', 'DCO']);
    expect(publishedRuns(commit, ['cla/signed', 'DCO']).DCO).toBeNull();
    expect(publishedRuns(commit, ['cla/signed', 'DCO'])['cla/signed']?.state).toBe('success');
  });
});

describe('stateOfRun', () => {
  it.each([
    ['COMPLETED', 'SUCCESS', 'success'],
    ['COMPLETED', 'ACTION_REQUIRED', 'failure'],
    ['COMPLETED', 'FAILURE', 'error'],
    ['COMPLETED', 'NEUTRAL', 'pending'],
    ['COMPLETED', 'CANCELLED', 'pending'],
    ['COMPLETED', 'TIMED_OUT', 'pending'],
    ['COMPLETED', 'SKIPPED', 'pending'],
    ['IN_PROGRESS', null, 'pending'],
    ['QUEUED', null, 'pending'],
  ])('%s %s reads as %s', (status, conclusion, state) => {
    expect(stateOfRun(status, conclusion)).toBe(state);
  });
});
