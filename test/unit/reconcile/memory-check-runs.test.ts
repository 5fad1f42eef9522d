// What a quick sweep remembers of our check runs: the id of each run written (so that the next
// change updates it), its output only where it can matter; and nothing of a merge group's writes.
import { describe, expect, it } from 'vitest';
import { compactPublished } from '../../../src/reconcile/check-run.js';
import { rememberWrite, seenAfter } from '../../../src/reconcile/memory.js';
import type { Action, SeenState } from '../../../src/reconcile/model.js';
import { MemoryCache } from './fakes.js';

const SEEN: SeenState = { headSha: 'a'.repeat(40), updatedAt: null, isDraft: false, labels: [], published: { 'cla/signed': null, DCO: null }, readAt: 0 };
const output = { title: 'CLA missing: @bob', summary: '- `@bob`: commit author', text: null };
const run = (over: Partial<Extract<Action, { kind: 'set-check-run' }>> = {}): Extract<Action, { kind: 'set-check-run' }> => ({
  kind: 'set-check-run',
  repo: 'o/r',
  number: 1,
  sha: 'a'.repeat(40),
  context: 'cla/signed',
  state: 'failure',
  conclusion: 'action_required',
  detailsUrl: 'https://example.org/cla',
  externalId: 'cla-sweeper',
  output,
  runId: null,
  previous: null,
  reason: 'test',
  ...over,
});

describe('remembering check runs', () => {
  it('keeps the id of a created run, as the writer told it, and of an updated one', () => {
    expect(seenAfter(SEEN, run(), { checkRunId: 77 }).published['cla/signed']).toEqual({
      state: 'failure',
      description: 'CLA missing: @bob',
      targetUrl: 'https://example.org/cla',
      createdAt: null,
      checkRun: { id: 77, output },
    });
    expect(seenAfter(SEEN, run({ runId: 12 })).published['cla/signed']?.checkRun?.id).toBe(12);
    expect(seenAfter(SEEN, run({ runId: 12 })).published.DCO).toBeNull();
  });

  it('forgets what stood where the id of a created run is not known, rather than guess it', () => {
    const after = seenAfter(SEEN, run());
    expect('cla/signed' in after.published).toBe(false);
  });

  it('drops the output of a passing run, which no comparison reads', () => {
    const passing = { state: 'success' as const, description: 'ok', targetUrl: null, createdAt: null, checkRun: { id: 3, output: { title: 'ok', summary: 'long text', text: 'more' } } };
    expect(compactPublished({ c: passing, d: null })).toEqual({ c: { ...passing, checkRun: { id: 3, output: { title: 'ok', summary: '', text: null } } }, d: null });
  });

  it('remembers nothing of a write to a merge group', () => {
    const cache = new MemoryCache();
    cache.rememberSeen('o/r', 1, SEEN);
    rememberWrite(cache, { ...run({ sha: 'f'.repeat(40) }), mergeGroup: true }, { checkRunId: 5 });
    rememberWrite(cache, { kind: 'set-status', repo: 'o/r', number: 1, sha: 'f'.repeat(40), context: 'cla/signed', state: 'success', description: 'x', targetUrl: null, previous: null, reason: 'r', mergeGroup: true });
    expect(cache.seen('o/r', 1)).toEqual(SEEN);
  });
});
