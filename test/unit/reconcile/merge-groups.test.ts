// Planning each check on the merge queue's group heads (pure): success only when every pull
// request of the group passes; nothing written while one is unknown, unless the group fails anyway.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/checks/check.js';
import type { Verdict } from '../../../src/checks/model.js';
import { planMergeGroups, type VerdictOf } from '../../../src/reconcile/merge-groups.js';
import type { Action, Published } from '../../../src/reconcile/model.js';
import type { MergeQueueListing, QueueEntry } from '../../../src/reconcile/ports.js';
import { CLA, DCO, REPO } from './builders.js';

const SIGNED: Verdict = { state: 'signed' };
const MISSING: Verdict = { state: 'missing', missing: [{ kind: 'person', identity: { login: 'bob', email: null, name: null }, reason: 'unsigned-login' }] };
const ERROR: Verdict = { state: 'error', reason: 'only 1 of 2 commits could be read' };

const head = (n: number) => String(n).repeat(40);
const group = (n: number) => `9${n}`.repeat(20);

function entry(n: number, published: Record<string, Published | null> = { 'cla/signed': null, DCO: null }, over: Partial<QueueEntry> = {}): QueueEntry {
  return { position: n, number: n, headSha: head(n), groupSha: group(n), published, ...over };
}

const queue = (...entries: QueueEntry[]): MergeQueueListing => ({ repo: REPO, entries });

/** Verdicts per pull request number, for every check alike; a number left out is unknown. */
function verdicts(byNumber: Record<number, Verdict>): VerdictOf {
  return (number, sha) => (sha === head(number) ? (byNumber[number] ?? null) : null);
}

type Written = Extract<Action, { kind: 'set-status' | 'set-check-run' }>;
const written = (checks: Check[], q: MergeQueueListing, v: VerdictOf, publish: 'status' | 'check-run' = 'status') =>
  planMergeGroups(q, checks, v, publish).flatMap((g) => g.actions as Written[]);

describe('planMergeGroups', () => {
  it.each([
    ['all pass', [SIGNED, SIGNED, SIGNED], ['success', 'success', 'success']],
    ['the second does not pass', [SIGNED, MISSING, SIGNED], ['success', 'failure', 'failure']],
    ['the first could not be decided', [ERROR, SIGNED, SIGNED], ['error', 'error', 'error']],
    ['one fails, one could not be decided ahead of it', [ERROR, MISSING, SIGNED], ['error', 'failure', 'failure']],
    ['the second is unknown: its group and the one behind wait', [SIGNED, null, SIGNED], ['success']],
    ['unknown ahead, but the entry itself fails: failure all the same', [null, MISSING, SIGNED], ['failure', 'failure']],
  ] as const)('%s', (_, given, states) => {
    const byNumber: Record<number, Verdict> = {};
    given.forEach((v, i) => {
      if (v) byNumber[i + 1] = v;
    });
    const actions = written([CLA], queue(entry(1), entry(2), entry(3)), verdicts(byNumber));
    expect(actions.map((a) => a.state)).toEqual(states);
    for (const a of actions) {
      expect(a).toMatchObject({ kind: 'set-status', mergeGroup: true, sha: group(a.number), context: 'cla/signed', targetUrl: 'https://example.org/cla' });
    }
  });

  it('builds each group from the entries ahead of it by position, whatever order GitHub lists them in', () => {
    const all = written([CLA], queue(entry(2), entry(1)), verdicts({ 1: SIGNED, 2: SIGNED }));
    expect(all.map((a) => a.kind === 'set-status' && a.description)).toEqual(['The pull request in this merge group passes', 'All 2 pull requests in this merge group pass']);
    const actions = written([CLA], queue(entry(3), entry(1), entry(2)), verdicts({ 1: SIGNED, 2: MISSING, 3: SIGNED }));
    expect(actions.map((a) => [a.number, a.state, a.kind === 'set-status' && a.description])).toEqual([
      [1, 'success', 'The pull request in this merge group passes'],
      [2, 'failure', 'Does not pass for #2 in this merge group'],
      [3, 'failure', 'Does not pass for #2 in this merge group'],
    ]);
  });

  it('counts a head the queue shows other than the one decided as unknown', () => {
    const moved = entry(1, undefined, { headSha: 'f'.repeat(40) });
    expect(written([CLA], queue(moved, entry(2)), verdicts({ 1: SIGNED, 2: SIGNED }))).toEqual([]);
  });

  it('skips entries without a group commit yet, and pull requests GitHub did not name', () => {
    const unbuilt = entry(2, undefined, { groupSha: null });
    const unnamed = entry(3, undefined, { number: null, headSha: null });
    const actions = written([CLA], queue(entry(1), unbuilt, unnamed, entry(4)), verdicts({ 1: SIGNED, 2: SIGNED, 4: SIGNED }));
    // #4's group holds the pull request GitHub did not name: unknown, so it waits.
    expect(actions.map((a) => a.number)).toEqual([1]);
  });

  it('writes nothing where what stands could not be read, or already says the same', () => {
    const standing: Published = { state: 'failure', description: 'Not yet: #2 lacks a CLA', targetUrl: 'https://example.org/cla', createdAt: null };
    const q = queue(entry(1, {}), entry(2, { 'cla/signed': standing }));
    expect(written([CLA], q, verdicts({ 1: SIGNED, 2: MISSING }))).toEqual([]);
  });

  it('rewrites one that names other pull requests than the failing ones', () => {
    const standing: Published = { state: 'failure', description: 'Does not pass for #1 in this merge group', targetUrl: 'https://example.org/cla', createdAt: null };
    const actions = written([CLA], queue(entry(1), entry(2, { 'cla/signed': standing })), verdicts({ 1: SIGNED, 2: MISSING }));
    expect(actions.map((a) => [a.number, a.reason])).toEqual([
      [1, 'merge group: no cla/signed status yet'],
      [2, 'merge group: cla/signed description does not name #2'],
    ]);
  });

  it('plans each check on its own', () => {
    const byCheck: VerdictOf = (n, _sha, check) => (check.name === 'dco' && n === 1 ? MISSING : SIGNED);
    const actions = written([CLA, DCO], queue(entry(1), entry(2)), byCheck);
    expect(actions.map((a) => `${a.number} ${a.context} ${a.state}`)).toEqual(['1 cla/signed success', '1 DCO failure', '2 cla/signed success', '2 DCO failure']);
  });

  it('names as many failing pull requests as fit in a status, and all of them in a check run', () => {
    const entries = Array.from({ length: 40 }, (_, i) => entry(i + 1));
    const byNumber = Object.fromEntries(entries.map((e) => [e.number, MISSING]));
    const [last] = written([CLA], queue(...entries), verdicts(byNumber)).slice(-1);
    expect(last!.kind).toBe('set-status');
    const status = last as Extract<Written, { kind: 'set-status' }>;
    expect(status.description.length).toBeLessThanOrEqual(140);
    expect(status.description).toMatch(/^Does not pass for #1, #2, .*, \+\d+ more/);

    const runs = entries.map((e) => ({ ...e, published: { 'cla/signed': null } }));
    const [run] = written([CLA], queue(...runs), verdicts(byNumber), 'check-run').slice(-1) as Extract<Written, { kind: 'set-check-run' }>[];
    for (let n = 1; n <= 40; n++) expect(run!.output.summary).toContain(`- #${n}: does not pass: \`bob\``);
  });

  it('as check runs: created, or our run updated in place, with the conclusions of PRODUCT.md', () => {
    const ours = (conclusionState: Published['state']): Published => ({
      state: conclusionState,
      description: 'x',
      targetUrl: 'https://example.org/cla',
      createdAt: null,
      checkRun: { id: 77, output: { title: 'x', summary: 'All good', text: null } },
    });
    const q = queue(entry(1, { 'cla/signed': null }), entry(2, { 'cla/signed': ours('success') }));
    const actions = written([CLA], q, verdicts({ 1: SIGNED, 2: MISSING }), 'check-run');
    expect(actions.map((a) => a.kind === 'set-check-run' && [a.number, a.conclusion, a.runId, a.externalId, a.previous])).toEqual([
      [1, 'success', null, 'cla-sweeper', null],
      [2, 'action_required', 77, 'cla-sweeper', 'success'],
    ]);
    const error = written([CLA], queue(entry(1, { 'cla/signed': null })), verdicts({ 1: ERROR }), 'check-run');
    expect(error.map((a) => a.kind === 'set-check-run' && a.conclusion)).toEqual(['failure']);
  });

  it('after its writes are made, plans none', () => {
    const q = queue(entry(1), entry(2), entry(3));
    const v = verdicts({ 1: SIGNED, 2: MISSING, 3: SIGNED });
    for (const publish of ['status', 'check-run'] as const) {
      const applied = q.entries.map((e) => ({ ...e, published: { ...e.published } }));
      for (const a of written([CLA, DCO], queue(...applied), v, publish)) {
        const e = applied.find((x) => x.number === a.number)!;
        e.published[a.context] =
          a.kind === 'set-status'
            ? { state: a.state, description: a.description, targetUrl: a.targetUrl, createdAt: null }
            : { state: a.state, description: a.output.title, targetUrl: a.detailsUrl, createdAt: null, checkRun: { id: 1, output: a.output } };
      }
      expect(written([CLA, DCO], queue(...applied), v, publish), publish).toEqual([]);
    }
  });
});
