// The notify events of check runs and merge groups: a check run's change of state is an event like
// a status's; a merge group's verdict is not the pull request's and sends none.
import { describe, expect, it } from 'vitest';
import { stateChanges } from '../../../src/notify/events.js';
import type { Write } from '../../../src/reconcile/model.js';

const base = { repo: 'o/r', number: 2, sha: 'a'.repeat(40), context: 'cla/signed', state: 'failure' as const, previous: 'success' as const, reason: 'r' };
const run: Write = {
  ...base,
  kind: 'set-check-run',
  conclusion: 'action_required',
  detailsUrl: null,
  externalId: 'cla-sweeper',
  output: { title: 'CLA missing: @bob', summary: '- `@bob`', text: null },
  runId: null,
};
const status: Write = { ...base, kind: 'set-status', description: 'Does not pass for #2 in this merge group', targetUrl: null };

describe('notify events with check runs and merge queues', () => {
  it('a check run that changes state is an event, described by its title', () => {
    const [event] = stateChanges([run], [], 'https://github.com', '2026-01-01T00:00:00Z');
    expect(event).toMatchObject({ type: 'check.changed', pullRequest: { number: 2 }, after: { state: 'failure', description: 'CLA missing: @bob' } });
  });

  it('a write to a merge group is none, as status or as check run', () => {
    expect(stateChanges([{ ...status, mergeGroup: true }, { ...run, mergeGroup: true }], [], 'https://github.com', '2026-01-01T00:00:00Z')).toEqual([]);
    expect(stateChanges([status], [], 'https://github.com', '2026-01-01T00:00:00Z')).toHaveLength(1);
  });
});
