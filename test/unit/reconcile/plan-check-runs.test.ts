// The plan with `publish: check-run`: our run created when there is none, updated in place when it
// says something else (conclusion, details link, the people its output names), left alone when
// only its wording differs; statuses on the context are not ours to count.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/checks/check.js';
import type { Verdict } from '../../../src/checks/model.js';
import { type Action, actionsOf, type Published, type RepoObservation } from '../../../src/reconcile/model.js';
import { planOffboard, planRepository } from '../../../src/reconcile/plan.js';
import { desiredOf } from '../../../src/reconcile/publication.js';
import { id } from '../checks/builders.js';
import { CLA, DCO, headWith, observation, observed, ours } from './builders.js';

const SIGNED: Verdict = { state: 'signed' };
const missing = (...logins: string[]): Verdict => ({
  state: 'missing',
  missing: logins.map((login) => ({ kind: 'person', identity: id(login), reason: 'unsigned-login' })),
});
const ERROR: Verdict = { state: 'error', reason: 'only 1 of 2 commits could be read' };
const UNSIGNED: Verdict = {
  state: 'missing',
  missing: [{ kind: 'commit', sha: 'c'.repeat(40), author: id(null, 'bob@example.org', 'Bob'), reason: 'missing-sign-off', detail: 'no Signed-off-by line' }],
};

/** Our run of `check` as this tool writes it for `verdict`. */
function run(check: Check, verdict: Verdict, over: Partial<Published> = {}, runId = 41): Published {
  const d = desiredOf(check, verdict, headWith({ [check.name]: verdict }), 'check-run', { repo: 'o/r', number: 1 });
  return { state: d.state, description: d.output!.title, targetUrl: d.targetUrl, createdAt: null, checkRun: { id: runId, output: d.output! }, ...over };
}

const plan = (input: RepoObservation, checks: Check[] = [CLA]) => actionsOf(planRepository(input, checks, { publish: 'check-run' }));
const runs = (actions: Action[]) =>
  actions.flatMap((a) => (a.kind === 'set-check-run' ? [`${a.context} ${a.conclusion} ${a.runId === null ? 'create' : `update ${a.runId}`} prev=${a.previous}`] : []));

describe('planRepository with publish: check-run', () => {
  it.each([
    ['no run yet: create', { 'cla/signed': null }, missing('bob'), ['cla/signed action_required create prev=null']],
    ['ours says the same: nothing', { 'cla/signed': run(CLA, missing('bob')) }, missing('bob'), []],
    [
      'ours in other words, naming the same people: nothing',
      { 'cla/signed': run(CLA, missing('bob'), { checkRun: { id: 41, output: { title: 'CLA', summary: 'Waiting for @bob to sign', text: null } } }) },
      missing('bob'),
      [],
    ],
    ['ours names someone else: update', { 'cla/signed': run(CLA, missing('zed')) }, missing('bob'), ['cla/signed action_required update 41 prev=failure']],
    ['ours passed: update', { 'cla/signed': run(CLA, SIGNED) }, missing('bob'), ['cla/signed action_required update 41 prev=success']],
    ['ours links elsewhere: update', { 'cla/signed': run(CLA, SIGNED, { targetUrl: 'https://old' }) }, SIGNED, ['cla/signed success update 41 prev=success']],
    ['ours was neutralised by hand: update', { 'cla/signed': run(CLA, SIGNED, { state: 'pending' }) }, SIGNED, ['cla/signed success update 41 prev=pending']],
    ['error: failure conclusion', { 'cla/signed': null }, ERROR, ['cla/signed failure create prev=null']],
    ['a commit status on the context is not a run of ours: create', { 'cla/signed': ours(CLA, SIGNED) }, SIGNED, ['cla/signed success create prev=null']],
  ] as const)('%s', (_, published, verdict, expected) => {
    const input = observation([observed({ labels: [verdict.state === 'signed' ? 'cla: signed' : 'cla: missing'], published, head: headWith({ cla: verdict }) })]);
    expect(runs(plan(input))).toEqual(expected);
  });

  it('writes the check\'s name, conclusion, details link, our marker and the full output', () => {
    const [action] = plan(observation([observed({ labels: ['cla: missing'], published: { 'cla/signed': null }, head: headWith({ cla: missing('bob', 'dave') }) })]));
    expect(action).toMatchObject({
      kind: 'set-check-run',
      context: 'cla/signed',
      state: 'failure',
      conclusion: 'action_required',
      detailsUrl: 'https://example.org/cla',
      externalId: 'cla-sweeper',
      runId: null,
    });
    const output = (action as Extract<Action, { kind: 'set-check-run' }>).output;
    expect(output.title).toBe(CLA.describe(missing('bob', 'dave'), headWith({})));
    expect(output.summary).toContain('- `@bob`: commit author: sign the CLA at https://example.org/cla.');
    expect(output.summary).toContain('- `@dave`: commit author');
  });

  it('a run with no details link wanted matches whatever link GitHub gave it (the App\'s homepage)', () => {
    const unlinked = { ...DCO, targetUrl: null };
    const standing = run(unlinked, UNSIGNED, { targetUrl: 'https://github.com/apps/cla-sweeper' });
    const input = observation([observed({ published: { DCO: standing }, head: headWith({ dco: UNSIGNED }) })]);
    expect(runs(plan(input, [unlinked]))).toEqual([]);
  });

  it('re-planning after the runs are written gives nothing', () => {
    const input = observation([
      observed({ number: 1, labels: ['cla: signed'], published: { 'cla/signed': null, DCO: null }, head: headWith({ cla: SIGNED, dco: UNSIGNED }) }),
      observed({ number: 2, labels: ['cla: missing'], published: { 'cla/signed': run(CLA, missing('zed')), DCO: null }, head: headWith({ cla: missing('bob'), dco: SIGNED }) }),
    ]);
    const actions = plan(input, [CLA, DCO]);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) {
      if (a.kind !== 'set-check-run') continue;
      const pr = input.pullRequests.find((p) => p.number === a.number)!;
      pr.published[a.context] = { state: a.state, description: a.output.title, targetUrl: a.detailsUrl, createdAt: null, checkRun: { id: 1, output: a.output } };
    }
    expect(runs(plan(input, [CLA, DCO]))).toEqual([]);
  });
});

describe('planOffboard with check runs', () => {
  it('turns a failing run of ours into success in place, saying the check is no longer run', () => {
    const input = observation([observed({ published: { 'cla/signed': run(CLA, missing('bob')) } })]);
    const [action] = actionsOf(planOffboard(input, [CLA]));
    expect(action).toMatchObject({ kind: 'set-check-run', conclusion: 'success', runId: 41, previous: 'failure' });
    expect((action as Extract<Action, { kind: 'set-check-run' }>).output.title).toBe('cla/signed is no longer checked in this repository');
  });
});
