// The report's core: decisions become blocked pull requests, grouped by reason, with since when.
import { describe, expect, it } from 'vitest';
import type { Identity, Verdict } from '../../../src/checks/model.js';
import type { Decision, Published } from '../../../src/reconcile/model.js';
import { blockedPullRequests, formatSince, groupByReason } from '../../../src/report/blocked.js';
import { reportMarkdown } from '../../../src/report/report-markdown.js';

const WEB = 'https://github.example.org';
const id = (login: string | null, email: string | null = null): Identity => ({ login, email, name: null });
const failing = (createdAt: string): Published => ({ state: 'failure', description: 'CLA missing', targetUrl: null, createdAt });

function decision(over: Partial<Decision> & { verdict: Verdict }): Decision {
  return { repo: 'o/r', number: 1, check: 'cla', context: 'cla/signed', sha: 'a'.repeat(40), before: null, ...over };
}

const missing = (...m: Extract<Verdict, { state: 'missing' }>['missing']): Verdict => ({ state: 'missing', missing: m });

describe('blockedPullRequests', () => {
  it('leaves signed pull requests out and keeps a stable order: repository, number, check', () => {
    const entries = blockedPullRequests(
      [
        decision({ repo: 'o/z', number: 1, verdict: { state: 'error', reason: 'only 250 of 300 commits could be read' } }),
        decision({ repo: 'o/r', number: 7, check: 'dco', context: 'DCO', verdict: missing({ kind: 'commit', sha: 'b'.repeat(40), author: id('bob'), reason: 'missing-sign-off', detail: 'no Signed-off-by' }) }),
        decision({ repo: 'o/r', number: 7, verdict: missing({ kind: 'person', identity: id('bob'), reason: 'unsigned-login' }) }),
        decision({ repo: 'O/a', number: 2, verdict: { state: 'signed' } }),
      ],
      WEB,
    );
    expect(entries.map((e) => `${e.repository}#${e.number} ${e.check}`)).toEqual(['o/r#7 cla', 'o/r#7 dco', 'o/z#1 cla']);
    expect(entries[0]!.url).toBe('https://github.example.org/o/r/pull/7');
    expect(entries[1]!.missing).toEqual([{ reason: 'missing-sign-off', who: 'bbbbbbb', detail: 'no Signed-off-by' }]);
    expect(entries[2]).toMatchObject({ state: 'error', reasons: ['cannot-verify'], missing: [{ reason: 'cannot-verify', who: 'only 250 of 300 commits could be read' }] });
  });

  it.each([
    ['a failing status of ours on the head', failing('2026-03-04T05:06:07Z'), '2026-03-04T05:06:07Z'],
    ['an error status', { ...failing('2026-03-04T05:06:07Z'), state: 'error' } as Published, '2026-03-04T05:06:07Z'],
    ['a green status the next sweep turns red', { ...failing('2026-03-04T05:06:07Z'), state: 'success' } as Published, null],
    ['nothing published yet', null, null],
  ])('since: %s', (_, before, since) => {
    const [entry] = blockedPullRequests([decision({ before, verdict: missing({ kind: 'person', identity: id('bob'), reason: 'unsigned-login' }) })], WEB);
    expect(entry!.since).toBe(since);
  });

  it('names each person once per reason, and lists every reason a pull request has', () => {
    const [entry] = blockedPullRequests(
      [
        decision({
          verdict: missing(
            { kind: 'person', identity: id(null, 'x@y.example'), reason: 'unlinked-email' },
            { kind: 'person', identity: id('bob'), reason: 'unsigned-login' },
            { kind: 'person', identity: id('bob'), reason: 'unsigned-login' },
            { kind: 'person', identity: id('carol'), reason: 'co-author' },
          ),
        }),
      ],
      WEB,
    );
    expect(entry!.reasons).toEqual(['unsigned-login', 'unlinked-email', 'co-author']);
    expect(entry!.missing.map((m) => m.who)).toEqual(['x@y.example', '@bob', '@carol']);
  });
});

describe('groupByReason', () => {
  it('puts a pull request in each group it belongs to, with that group’s items only; empty groups are left out', () => {
    const entries = blockedPullRequests(
      [
        decision({
          number: 1,
          verdict: missing({ kind: 'person', identity: id('bob'), reason: 'unsigned-login' }, { kind: 'person', identity: id('dave'), reason: 'co-author' }),
        }),
        decision({ number: 2, verdict: missing({ kind: 'person', identity: id('eve'), reason: 'unsigned-login' }) }),
      ],
      WEB,
    );
    const groups = groupByReason(entries);
    expect(groups.map((g) => [g.reason, g.rows.map((r) => `#${r.entry.number} ${r.items.map((i) => i.who).join(',')}`)])).toEqual([
      ['unsigned-login', ['#1 @bob', '#2 @eve']],
      ['co-author', ['#1 @dave']],
    ]);
  });
});

describe('formatSince', () => {
  it('is a fixed UTC minute, never relative to now', () => {
    expect(formatSince('2026-03-04T05:06:07Z')).toBe('2026-03-04 05:06 UTC');
    expect(formatSince(null)).toBe('not yet published');
  });
});

describe('reportMarkdown', () => {
  const bob = decision({ before: failing('2026-03-04T05:06:07Z'), verdict: missing({ kind: 'person', identity: id('bob'), reason: 'unsigned-login' }) });

  it('says so when nothing is blocked', () => {
    expect(reportMarkdown([])).toContain('No open pull request is blocked by a check.');
  });

  it('groups under a heading per reason with what the contributor does, a link and since when', () => {
    const text = reportMarkdown(blockedPullRequests([bob], WEB));
    expect(text).toContain('### Unsigned login (1)');
    expect(text).toContain('| [o/r#1](https://github.example.org/o/r/pull/1) | cla | `@bob` | 2026-03-04 05:06 UTC |');
    expect(text).toContain('a push restarts it');
  });

  it('keeps what commit authors wrote from breaking the table or mentioning anyone', () => {
    const nasty = decision({ verdict: missing({ kind: 'person', identity: id(null, 'a|b`c@x.example'), reason: 'unlinked-email' }) });
    const text = reportMarkdown(blockedPullRequests([nasty], WEB));
    expect(text).toContain('| `a\\|b c@x.example` |');
  });

  it('stops adding rows before the size limit and says how many are left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...bob, number: i + 1 }));
    const text = reportMarkdown(blockedPullRequests(many, WEB), { maxChars: 3000 });
    expect(text.length).toBeLessThanOrEqual(3100);
    const shown = text.split('\n').filter((l) => l.startsWith('| [o/r#')).length;
    expect(shown).toBeGreaterThan(10);
    expect(text).toContain(`…and ${200 - shown} more rows`);
  });
});
