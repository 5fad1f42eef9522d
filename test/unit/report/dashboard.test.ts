// The dashboard's pure parts: its body and the one write (or none) that brings it up to date.
import { describe, expect, it } from 'vitest';
import { emptySummary } from '../../../src/reconcile/summary.js';
import { DASHBOARD_MARKER, dashboardBody, type FoundIssue, planDashboard } from '../../../src/report/dashboard.js';
import { dashboardSkipReason, publishDashboard } from '../../../src/report/dashboard-publish.js';
import { silentLogger } from '../../../src/log.js';

const CONFIG = { repo: 'o/.github', title: 'CLA dashboard' };
const BODY = dashboardBody([]);
const found = (over: Partial<FoundIssue> = {}): FoundIssue => ({ number: 7, title: 'CLA dashboard', body: BODY, state: 'OPEN', ...over });

describe('planDashboard', () => {
  it.each<[string, FoundIssue | null, string | null]>([
    ['none yet: created', null, 'create-issue'],
    ['the same text: nothing', found(), null],
    ['the same text with CRLF line ends and a trailing newline: nothing', found({ body: `${BODY.replace(/\n/g, '\r\n')}\r\n` }), null],
    ['other text: edited in place', found({ body: `${DASHBOARD_MARKER}\nold` }), 'update-issue'],
    ['renamed by hand: edited back', found({ title: 'mine now' }), 'update-issue'],
    ['closed: reopened', found({ state: 'CLOSED' }), 'update-issue'],
  ])('%s', (_, issue, kind) => {
    const write = planDashboard(issue, CONFIG, BODY);
    expect(write?.kind ?? null).toBe(kind);
    if (write?.kind === 'update-issue') {
      expect(write.issue).toBe(7);
      expect(write.reopen).toBe(issue?.state === 'CLOSED');
    }
  });

  it('holds the marker, says when nothing is blocked, and nothing that changes by itself', () => {
    expect(BODY.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(BODY).toContain('No open pull request is blocked by a check.');
    expect(BODY).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('dashboardSkipReason', () => {
  it.each<[string, (s: ReturnType<typeof emptySummary>) => void, { dryRun: boolean; limited: string | null }, boolean]>([
    ['a complete sweep writes it', () => {}, { dryRun: false, limited: null }, false],
    ['a dry run does not', () => {}, { dryRun: true, limited: null }, true],
    ['a --repo or --shard run does not', () => {}, { dryRun: false, limited: '--shard 0/2' }, true],
    ['a repository that could not be read stops it', (s) => s.repositories.failed.push({ repo: 'o/r', error: 'x', kind: 'server' }), { dryRun: false, limited: null }, true],
    ['a budget that ran out stops it', (s) => s.repositories.notReached.push('o/r'), { dryRun: false, limited: null }, true],
    ['a pull request whose commits could not be read stops it', (s) => s.pullRequests.failed.push({ pullRequest: 'o/r#1', error: 'x' }), { dryRun: false, limited: null }, true],
  ])('%s', (_, change, opts, skipped) => {
    const s = emptySummary();
    change(s);
    expect(dashboardSkipReason(s, opts) !== null).toBe(skipped);
  });
});

describe('publishDashboard and the write budget', () => {
  it('takes its write from the budget, and leaves the issue for the next run when none is left', async () => {
    const written: unknown[] = [];
    const deps = (left: number) => ({
      issues: { find: async () => null },
      writer: { apply: async (w: unknown) => void written.push(w) },
      log: silentLogger(),
      budget: { take: (n: number) => ({ ok: n <= left }), save: async () => {} },
    });
    const spent = emptySummary();
    expect(await publishDashboard(CONFIG, [], deps(0), spent)).toBeNull();
    expect(written).toEqual([]);
    expect(spent.writes.skipped).toBe(1);
    const room = emptySummary();
    expect((await publishDashboard(CONFIG, [], deps(1), room))?.kind).toBe('create-issue');
    expect(room.writes.done['create-issue']).toBe(1);
  });
});
