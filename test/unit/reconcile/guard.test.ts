import { describe, expect, it } from 'vitest';
import { checkMassChange, type MassChangeGuard } from '../../../src/reconcile/guard.js';
import type { Action, PublishedState, RepoPlan } from '../../../src/reconcile/model.js';

/** A pull request's CLA state before the sweep. */
const snap = (number: number, state: PublishedState | null) => ({ number, state });
/** The plan of one repository: the states before and the writes. */
function planOf(actions: Action[], snapshots: { number: number; state: PublishedState | null }[]): RepoPlan[] {
  return [
    {
      repo: 'o/r',
      labelCreations: [],
      pullRequests: [
        ...snapshots.map((s) => ({
          repo: 'o/r',
          number: s.number,
          updatedAt: null,
          readAt: 0,
          decisions: [
            {
              repo: 'o/r',
              number: s.number,
              check: 'cla' as const,
              context: 'cla/signed',
              sha: 'a',
              verdict: { state: 'signed' as const },
              before: s.state ? { state: s.state, description: null, targetUrl: null, createdAt: null } : null,
            },
          ],
          actions: [],
        })),
        { repo: 'o/r', number: 0, updatedAt: null, readAt: 0, decisions: [], actions },
      ],
    },
  ];
}
const check = (actions: Action[], snapshots: { number: number; state: PublishedState | null }[], g: MassChangeGuard) =>
  checkMassChange(planOf(actions, snapshots), g);
const status = (number: number, previous: PublishedState | null, state: 'success' | 'failure' | 'error'): Action => ({
  kind: 'set-status',
  repo: 'o/r',
  number,
  sha: 'a',
  context: 'cla/signed',
  state,
  description: '',
  targetUrl: null,
  previous,
  reason: 'r',
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const guard = { maxFlips: 10, maxFlipShare: 0.2 };

describe('checkMassChange', () => {
  it.each([
    ['no flips', 0, 100, true],
    ['at the flip limit', 10, 20, true],
    ['many flips but a small share', 15, 100, true],
    ['share exactly at the limit', 20, 100, true],
    ['both limits exceeded', 11, 50, false],
    ['every green PR flips', 40, 40, false],
  ])('%s (%i flips of %i green): ok=%s', (_name, flips, green, ok) => {
    const snapshots = range(green).map((n) => snap(n, 'success'));
    const actions = range(flips).map((n) => status(n, 'success', 'failure'));
    const result = check(actions, snapshots, guard);
    expect(result.ok).toBe(ok);
    expect(result.flips).toBe(flips);
  });

  it('counts only success → failure as flips', () => {
    const snapshots = range(12).map((n) => snap(n, 'success'));
    const actions: Action[] = [
      ...range(12).map((n) => status(n, 'success', 'error')),
      ...range(12).map((n) => status(n + 100, null, 'failure')),
      ...range(12).map((n) => status(n + 200, 'error', 'failure')),
      { kind: 'add-label', repo: 'o/r', number: 1, label: 'cla: missing', reason: 'r' },
    ];
    expect(check(actions, snapshots, guard)).toEqual({ ok: true, flips: 0 });
  });

  it('says what happened and how to proceed', () => {
    const snapshots = [...range(30).map((n) => snap(n, 'success')), snap(99, 'failure'), snap(100, null)];
    const result = check(range(15).map((n) => status(n, 'success', 'failure')), snapshots, guard);
    expect(result).toMatchObject({ ok: false, flips: 15, green: 30, share: 0.5 });
    if (result.ok) return;
    expect(result.message).toContain('15 of 30');
    expect(result.message).toContain('Nothing was written');
    expect(result.message).toContain('signatories list');
    expect(result.message).toContain('--allow-mass-change');
  });
});
