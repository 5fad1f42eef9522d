import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/checks/check.js';
import type { Verdict } from '../../../src/checks/model.js';
import { type Action, actionsOf, type RepoObservation } from '../../../src/reconcile/model.js';
import { planOffboard, planRepository } from '../../../src/reconcile/plan.js';
import { id } from '../checks/builders.js';
import { CLA, DCO, HEAD, headWith, observation, observed, ours, REPO } from './builders.js';

const SIGNED: Verdict = { state: 'signed' };
const person = (login: string): Verdict => ({ state: 'missing', missing: [{ kind: 'person', identity: id(login), reason: 'unsigned-login' }] });
const MISSING = person('bob');
const ERROR: Verdict = { state: 'error', reason: 'only 1 of 2 commits could be read' };
const UNSIGNED: Verdict = { state: 'missing', missing: [{ kind: 'commit', sha: 'c'.repeat(40), author: id('bob'), reason: 'missing-sign-off', detail: 'no Signed-off-by line' }] };

/** A pull request whose CLA verdict is `verdict`, with what stands on GitHub. */
const pr = (over: Parameters<typeof observed>[0], verdict: Verdict | null, sha = HEAD) =>
  observed({ ...over, head: verdict ? headWith({ cla: verdict }, sha) : null });
const status = (verdict: Verdict) => ({ 'cla/signed': ours(CLA, verdict) });

/** What GitHub would look like after the actions; the next sweep observes this. */
function applied(input: RepoObservation, actions: Action[]): RepoObservation {
  const existingLabels = [...input.existingLabels];
  const pullRequests = input.pullRequests.map((p) => ({ ...p, labels: [...p.labels], published: { ...p.published } }));
  for (const action of actions) {
    if (action.kind === 'create-label') {
      expect(existingLabels.map((l) => l.toLowerCase())).not.toContain(action.name.toLowerCase());
      existingLabels.push(action.name);
      continue;
    }
    const target = pullRequests.find((p) => p.number === action.number)!;
    if (action.kind === 'set-status') {
      target.headSha = action.sha;
      target.published[action.context] = { state: action.state, description: action.description, targetUrl: action.targetUrl, createdAt: null };
    } else if (action.kind === 'set-check-run') {
      target.headSha = action.sha;
      const checkRun = { id: action.runId ?? 99, output: action.output };
      target.published[action.context] = { state: action.state, description: action.output.title, targetUrl: action.detailsUrl, createdAt: null, checkRun };
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

const plan = (input: RepoObservation, checks: Check[] = [CLA]) => actionsOf(planRepository(input, checks));

const summary = (actions: Action[]) =>
  actions.map((a) => {
    switch (a.kind) {
      case 'create-label':
        return `create ${a.name} ${a.color}`;
      case 'set-status':
        return `#${a.number} ${a.context} ${a.state}@${a.sha.slice(0, 7)} prev=${a.previous}`;
      case 'set-check-run':
        return `#${a.number} run ${a.context} ${a.conclusion}@${a.sha.slice(0, 7)} ${a.runId === null ? 'new' : `update ${a.runId}`} prev=${a.previous}`;
      case 'add-label':
        return `#${a.number} +${a.label}`;
      default:
        return `#${a.number} -${a.label}`;
    }
  });

const foreign = (state: 'success' | 'failure', description: string, targetUrl: string | null = 'https://example.org/cla') => ({
  'cla/signed': { state, description, targetUrl, createdAt: null },
});

const cases: [string, RepoObservation, string[]][] = [
  ['signed and matching: nothing', observation([pr({ labels: ['cla: signed'], published: status(SIGNED) }, SIGNED)]), []],
  ['missing and matching: nothing', observation([pr({ labels: ['cla: missing'], published: status(MISSING) }, MISSING)]), []],
  ['error and matching: nothing', observation([pr({ labels: ['cla: missing'], published: status(ERROR) }, ERROR)]), []],
  ['label case differs on the PR: nothing', observation([pr({ labels: ['CLA: Signed'], published: status(SIGNED) }, SIGNED)]), []],
  ['never checked', observation([pr({ labels: ['bug'], published: { 'cla/signed': null } }, SIGNED)]), ['#1 cla/signed success@aaaaaaa prev=null', '#1 +cla: signed']],
  ['label removed by hand', observation([pr({ labels: [], published: status(MISSING) }, MISSING)]), ['#1 +cla: missing']],
  [
    'signed now, was missing',
    observation([pr({ labels: ['cla: missing'], published: status(MISSING) }, SIGNED)]),
    ['#1 cla/signed success@aaaaaaa prev=failure', '#1 +cla: signed', '#1 -cla: missing'],
  ],
  [
    'wrong label beside an unrelated label',
    observation([pr({ labels: ['bug', 'cla: signed', 'help wanted'], published: status(MISSING) }, MISSING)]),
    ['#1 +cla: missing', '#1 -cla: signed'],
  ],
  ['both labels present', observation([pr({ labels: ['cla: signed', 'cla: missing'], published: status(SIGNED) }, SIGNED)]), ['#1 -cla: missing']],
  ['another bot, other wording, same meaning: nothing', observation([pr({ labels: ['cla: signed'], published: foreign('success', 'ok by someone else') }, SIGNED)]), []],
  [
    'another bot naming the same person in other words: nothing',
    observation([pr({ labels: ['cla: missing'], published: foreign('failure', 'Bob (@bob) still has to sign the agreement') }, MISSING)]),
    [],
  ],
  [
    'another bot naming someone else',
    observation([pr({ labels: ['cla: missing'], published: foreign('failure', '@bobby has not signed') }, MISSING)]),
    ['#1 cla/signed failure@aaaaaaa prev=failure'],
  ],
  [
    'right wording, no target URL',
    observation([pr({ labels: ['cla: signed'], published: foreign('success', 'All commit authors have signed the CLA', null) }, SIGNED)]),
    ['#1 cla/signed success@aaaaaaa prev=success'],
  ],
  [
    'pending on our context',
    observation([pr({ labels: ['cla: signed'], published: { 'cla/signed': { ...ours(CLA, SIGNED), state: 'pending' } } }, SIGNED)]),
    ['#1 cla/signed success@aaaaaaa prev=pending'],
  ],
  [
    'target URL changed',
    observation([pr({ labels: ['cla: signed'], published: { 'cla/signed': { ...ours(CLA, SIGNED), targetUrl: 'https://old' } } }, SIGNED)]),
    ['#1 cla/signed success@aaaaaaa prev=success'],
  ],
  ['missing list changed', observation([pr({ labels: ['cla: missing'], published: status(person('zed')) }, MISSING)]), ['#1 cla/signed failure@aaaaaaa prev=failure']],
  [
    'new head SHA read with the commits',
    observation([pr({ labels: ['cla: signed'], published: status(SIGNED) }, SIGNED, 'b'.repeat(40))]),
    ['#1 cla/signed success@bbbbbbb prev=null'],
  ],
  [
    'error verdict on a green PR',
    observation([pr({ labels: ['cla: signed'], published: status(SIGNED) }, ERROR)]),
    ['#1 cla/signed error@aaaaaaa prev=success', '#1 +cla: missing', '#1 -cla: signed'],
  ],
  ['head not read: nothing', observation([pr({ labels: ['cla: signed'], published: { 'cla/signed': null } }, null)]), []],
  [
    'missing repo label is created once, first',
    observation([pr({ number: 3, published: { 'cla/signed': null } }, MISSING), pr({ number: 2, published: status(MISSING) }, MISSING)], ['cla: signed']),
    ['create cla: missing d93f0b', '#2 +cla: missing', '#3 cla/signed failure@aaaaaaa prev=null', '#3 +cla: missing'],
  ],
  [
    'both repo labels missing',
    observation([pr({ number: 1 }, SIGNED), pr({ number: 2 }, MISSING)], []),
    [
      'create cla: signed 0e8a16',
      'create cla: missing d93f0b',
      '#1 cla/signed success@aaaaaaa prev=null',
      '#1 +cla: signed',
      '#2 cla/signed failure@aaaaaaa prev=null',
      '#2 +cla: missing',
    ],
  ],
  ['repo label exists in another case: reuse it', observation([pr({ published: status(SIGNED) }, SIGNED)], ['CLA: Signed']), ['#1 +CLA: Signed']],
  ['a label only removed is not created', observation([pr({ labels: ['cla: missing', 'cla: signed'], published: status(SIGNED) }, SIGNED)], []), ['#1 -cla: missing']],
];

describe('planRepository', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(summary(plan(input))).toEqual(expected);
  });

  it.each(cases)('re-planning after applying gives nothing: %s', (_name, input) => {
    expect(plan(applied(input, plan(input)))).toEqual([]);
  });

  it('gives every action a reason', () => {
    for (const [, input] of cases) for (const action of plan(input)) expect(action.reason).not.toBe('');
  });

  it.each([
    ['never checked', observation([pr({}, SIGNED)]), /no cla\/signed status/],
    ['label removed by hand', observation([pr({ published: status(SIGNED) }, SIGNED)]), /removed by hand/],
    ['flip', observation([pr({ labels: ['cla: signed'], published: status(SIGNED) }, MISSING)]), /was success, now failure/],
    ['other people named', observation([pr({ labels: ['cla: missing'], published: status(person('zed')) }, MISSING)]), /does not name bob/],
    ['new head', observation([pr({ labels: ['cla: signed'], published: status(SIGNED) }, SIGNED, 'b'.repeat(40))]), /bbbbbbb/],
  ])('explains %s', (_name, input, reason) => {
    expect(plan(input)[0]?.reason).toMatch(reason);
  });

  it('writes our context, description and target URL', () => {
    const [action] = plan(observation([pr({ labels: ['cla: missing'] }, MISSING)]));
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

  it('keeps each verdict with what stood on GitHub before', () => {
    const result = planRepository(observation([pr({ number: 4, labels: ['cla: signed'], published: status(SIGNED) }, MISSING)]), [CLA]);
    expect(result.pullRequests[0]?.decisions).toEqual([
      { repo: REPO, number: 4, check: 'cla', context: 'cla/signed', sha: HEAD, verdict: MISSING, before: ours(CLA, SIGNED) },
    ]);
  });

  it('plans every check on its own context and labels', () => {
    const input = observation(
      [observed({ labels: ['cla: signed'], published: { 'cla/signed': ours(CLA, SIGNED), DCO: null }, head: headWith({ cla: SIGNED, dco: UNSIGNED }) })],
      ['cla: signed', 'cla: missing'],
    );
    expect(summary(plan(input, [CLA, DCO]))).toEqual(['create dco: missing d93f0b', '#1 DCO failure@aaaaaaa prev=null', '#1 +dco: missing']);
    expect(plan(applied(input, plan(input, [CLA, DCO])), [CLA, DCO])).toEqual([]);
  });

  it('a check without labels writes only its status', () => {
    const unlabelled: Check = { ...DCO, labels: null };
    const input = observation([observed({ published: { DCO: null }, head: headWith({ dco: UNSIGNED }) })]);
    expect(summary(plan(input, [unlabelled]))).toEqual(['#1 DCO failure@aaaaaaa prev=null']);
  });
});

describe('planOffboard', () => {
  it('removes the project labels and clears failing statuses, and nothing else', () => {
    const result = planOffboard(
      observation([
        observed({ number: 5, labels: ['bug', 'CLA: Missing'], published: status(MISSING) }),
        observed({ number: 2, labels: ['cla: signed', 'cla: missing'], published: { 'cla/signed': ours(CLA, SIGNED) } }),
        observed({ number: 3, labels: ['bug'], published: { 'cla/signed': { ...ours(CLA, ERROR) } } }),
        observed({ number: 4, labels: ['bug'], published: { 'cla/signed': null } }),
      ]),
      [CLA],
    );
    expect(summary(actionsOf(result))).toEqual([
      '#2 -cla: signed',
      '#2 -cla: missing',
      '#3 cla/signed success@aaaaaaa prev=error',
      '#5 cla/signed success@aaaaaaa prev=failure',
      '#5 -CLA: Missing',
    ]);
    const cleared = actionsOf(result).find((a) => a.kind === 'set-status');
    expect(cleared).toMatchObject({ description: 'cla/signed is no longer checked in this repository', targetUrl: 'https://example.org/cla' });
  });
});
