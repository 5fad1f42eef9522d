import { describe, expect, it } from 'vitest';
import type { Action, CommitStatus, PullRequestSnapshot, Verdict } from '../../../src/reconcile/model.js';
import {
  type PlanSettings,
  type PullRequestInput,
  type RepositoryInput,
  planOffboard,
  planRepository,
} from '../../../src/reconcile/plan.js';
import { statusDescription } from '../../../src/reconcile/status-description.js';
import { id } from './builders.js';

const settings: PlanSettings = {
  context: 'cla/signed',
  targetUrl: 'https://example.org/cla',
  labels: { signed: 'cla: signed', missing: 'cla: missing' },
};
const REPO = 'o/r';
const HEAD = 'a'.repeat(40);
const SIGNED: Verdict = { state: 'signed' };
const MISSING: Verdict = { state: 'missing', missing: [id('bob')] };
const ERROR: Verdict = { state: 'error', reason: 'only 1 of 2 commits could be read' };

const ours = (verdict: Verdict): CommitStatus => ({
  state: ({ signed: 'success', missing: 'failure', error: 'error' } as const)[verdict.state],
  description: statusDescription(verdict, settings.targetUrl),
  targetUrl: settings.targetUrl,
});
const snapshot = (over: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot => ({
  repo: REPO,
  number: 1,
  headSha: HEAD,
  isDraft: false,
  labels: [],
  status: null,
  ...over,
});
const pr = (snap: Partial<PullRequestSnapshot>, verdict: Verdict | null, sha = snap.headSha ?? HEAD): PullRequestInput => ({
  snapshot: snapshot(snap),
  decision: verdict ? { verdict, sha } : null,
});
const repoInput = (pullRequests: PullRequestInput[], existingLabels = ['cla: signed', 'cla: missing', 'bug']): RepositoryInput => ({
  repo: REPO,
  existingLabels,
  pullRequests,
});

/** What GitHub would look like after the actions; the next sweep reads this. */
function apply(input: RepositoryInput, actions: Action[]): RepositoryInput {
  const existingLabels = [...input.existingLabels];
  const pullRequests = input.pullRequests.map((p) => ({ ...p, snapshot: { ...p.snapshot, labels: [...p.snapshot.labels] } }));
  for (const action of actions) {
    if (action.kind === 'create-label') {
      expect(existingLabels.map((l) => l.toLowerCase())).not.toContain(action.name.toLowerCase());
      existingLabels.push(action.name);
      continue;
    }
    const target = pullRequests.find((p) => p.snapshot.number === action.number)!.snapshot;
    if (action.kind === 'set-status') {
      target.headSha = action.sha;
      target.status = { state: action.state, description: action.description, targetUrl: action.targetUrl };
    } else if (action.kind === 'add-label') {
      expect(existingLabels).toContain(action.label);
      target.labels.push(action.label);
    } else {
      expect(target.labels).toContain(action.label);
      target.labels = target.labels.filter((l) => l !== action.label);
    }
  }
  return { ...input, existingLabels, pullRequests };
}

const summary = (actions: Action[]) =>
  actions.map((a) => {
    switch (a.kind) {
      case 'create-label':
        return `create ${a.name} ${a.color}`;
      case 'set-status':
        return `#${a.number} status ${a.state}@${a.sha.slice(0, 7)} prev=${a.previous}`;
      case 'add-label':
        return `#${a.number} +${a.label}`;
      default:
        return `#${a.number} -${a.label}`;
    }
  });

const cases: [string, RepositoryInput, string[]][] = [
  ['signed and matching: nothing', repoInput([pr({ labels: ['cla: signed'], status: ours(SIGNED) }, SIGNED)]), []],
  ['missing and matching: nothing', repoInput([pr({ labels: ['cla: missing'], status: ours(MISSING) }, MISSING)]), []],
  ['error and matching: nothing', repoInput([pr({ labels: ['cla: missing'], status: ours(ERROR) }, ERROR)]), []],
  ['label case differs on the PR: nothing', repoInput([pr({ labels: ['CLA: Signed'], status: ours(SIGNED) }, SIGNED)]), []],
  ['never checked', repoInput([pr({ labels: ['bug'] }, SIGNED)]), ['#1 status success@aaaaaaa prev=null', '#1 +cla: signed']],
  ['label removed by hand', repoInput([pr({ labels: [], status: ours(MISSING) }, MISSING)]), ['#1 +cla: missing']],
  ['signed now, was missing', repoInput([pr({ labels: ['cla: missing'], status: ours(MISSING) }, SIGNED)]), ['#1 status success@aaaaaaa prev=failure', '#1 +cla: signed', '#1 -cla: missing']],
  [
    'wrong label beside an unrelated label',
    repoInput([pr({ labels: ['bug', 'cla: signed', 'help wanted'], status: ours(MISSING) }, MISSING)]),
    ['#1 +cla: missing', '#1 -cla: signed'],
  ],
  ['both labels present', repoInput([pr({ labels: ['cla: signed', 'cla: missing'], status: ours(SIGNED) }, SIGNED)]), ['#1 -cla: missing']],
  [
    'foreign status on our context',
    repoInput([pr({ labels: ['cla: signed'], status: { state: 'success', description: 'ok by someone else', targetUrl: null } }, SIGNED)]),
    ['#1 status success@aaaaaaa prev=success'],
  ],
  ['pending on our context', repoInput([pr({ labels: ['cla: signed'], status: { ...ours(SIGNED), state: 'pending' } }, SIGNED)]), ['#1 status success@aaaaaaa prev=pending']],
  ['target URL changed', repoInput([pr({ labels: ['cla: signed'], status: { ...ours(SIGNED), targetUrl: 'https://old' } }, SIGNED)]), ['#1 status success@aaaaaaa prev=success']],
  ['missing list changed', repoInput([pr({ labels: ['cla: missing'], status: ours({ state: 'missing', missing: [id('zed')] }) }, MISSING)]), ['#1 status failure@aaaaaaa prev=failure']],
  [
    'new head SHA read with the commits',
    repoInput([pr({ labels: ['cla: signed'], status: ours(SIGNED) }, SIGNED, 'b'.repeat(40))]),
    ['#1 status success@bbbbbbb prev=null'],
  ],
  [
    'error verdict on a green PR',
    repoInput([pr({ labels: ['cla: signed'], status: ours(SIGNED) }, ERROR)]),
    ['#1 status error@aaaaaaa prev=success', '#1 +cla: missing', '#1 -cla: signed'],
  ],
  ['decision null: nothing', repoInput([pr({ labels: ['cla: signed'], status: null }, null)]), []],
  [
    'missing repo label is created once, first',
    repoInput([pr({ number: 3 }, MISSING), pr({ number: 2, status: ours(MISSING) }, MISSING)], ['cla: signed']),
    ['create cla: missing d93f0b', '#2 +cla: missing', '#3 status failure@aaaaaaa prev=null', '#3 +cla: missing'],
  ],
  [
    'both repo labels missing',
    repoInput([pr({ number: 1 }, SIGNED), pr({ number: 2 }, MISSING)], []),
    ['create cla: signed 0e8a16', 'create cla: missing d93f0b', '#1 status success@aaaaaaa prev=null', '#1 +cla: signed', '#2 status failure@aaaaaaa prev=null', '#2 +cla: missing'],
  ],
  ['repo label exists in another case: reuse it', repoInput([pr({ status: ours(SIGNED) }, SIGNED)], ['CLA: Signed']), ['#1 +CLA: Signed']],
  ['a label only removed is not created', repoInput([pr({ labels: ['cla: missing', 'cla: signed'], status: ours(SIGNED) }, SIGNED)], []), ['#1 -cla: missing']],
];

describe('planRepository', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(summary(planRepository(input, settings))).toEqual(expected);
  });

  it.each(cases)('re-planning after applying gives nothing: %s', (_name, input) => {
    const actions = planRepository(input, settings);
    expect(planRepository(apply(input, actions), settings)).toEqual([]);
  });

  it('gives every action a reason', () => {
    for (const [, input] of cases) {
      for (const action of planRepository(input, settings)) expect(action.reason).not.toBe('');
    }
  });

  it.each([
    ['never checked', repoInput([pr({}, SIGNED)]), /no cla\/signed status on aaaaaaa/],
    ['label removed by hand', repoInput([pr({ status: ours(SIGNED) }, SIGNED)]), /removed by hand/],
    ['flip', repoInput([pr({ labels: ['cla: signed'], status: ours(SIGNED) }, MISSING)]), /status was success, now failure/],
    ['new head', repoInput([pr({ labels: ['cla: signed'], status: ours(SIGNED) }, SIGNED, 'b'.repeat(40))]), /bbbbbbb/],
  ])('explains %s', (_name, input, reason) => {
    expect(planRepository(input, settings)[0]?.reason).toMatch(reason);
  });

  it('writes our context, description and target URL', () => {
    const [action] = planRepository(repoInput([pr({ labels: ['cla: missing'] }, MISSING)]), settings);
    expect(action).toEqual({
      kind: 'set-status',
      repo: REPO,
      number: 1,
      sha: HEAD,
      context: 'cla/signed',
      state: 'failure',
      description: 'CLA missing: @bob — sign via Details',
      targetUrl: 'https://example.org/cla',
      previous: null,
      reason: expect.any(String),
    });
  });
});

describe('planOffboard', () => {
  it('removes only the project labels, wherever present', () => {
    const actions = planOffboard(
      {
        repo: REPO,
        pullRequests: [
          snapshot({ number: 5, labels: ['bug', 'CLA: Missing'], status: ours(MISSING) }),
          snapshot({ number: 2, labels: ['cla: signed', 'cla: missing'] }),
          snapshot({ number: 3, labels: ['bug'] }),
        ],
      },
      settings,
    );
    expect(summary(actions)).toEqual(['#2 -cla: signed', '#2 -cla: missing', '#5 -CLA: Missing']);
  });
});
