// The check run outputs: everyone missing and how each can fix it (CLA), the DCO app's layout
// (DCO), GitHub's size limit, and the names the comparison looks for all present in the output.
import { describe, expect, it } from 'vitest';
import type { HeadFacts } from '../../../src/checks/check.js';
import { claCheck } from '../../../src/checks/cla/index.js';
import { dcoCheck } from '../../../src/checks/dco/index.js';
import { GITHUB_NO_REPLY_DOMAIN } from '../../../src/checks/identities.js';
import type { Missing, Verdict } from '../../../src/checks/model.js';
import { fitOutput, webUrlOf } from '../../../src/checks/output.js';
import { buildPolicy } from '../../../src/checks/policy.js';
import { id } from './builders.js';

const TARGET = { repo: 'acme/widgets', number: 7 };
const policy = buildPolicy([], []);
const cla = (noReplyDomain = GITHUB_NO_REPLY_DOMAIN) =>
  claCheck({ context: 'cla/signed', targetUrl: 'https://example.org/cla', labels: { signed: 's', missing: 'm' }, policy, noReplyDomain });
const dco = (remediationCommits = true) =>
  dcoCheck({ context: 'DCO', targetUrl: 'https://developercertificate.org/', labels: null, policy, remediationCommits, noReplyDomain: GITHUB_NO_REPLY_DOMAIN });

const HEAD: HeadFacts = { headSha: 'f'.repeat(40), commitsRead: 3, commitsTotal: 3, facts: {} };
const person = (identity: ReturnType<typeof id>, reason: Extract<Missing, { kind: 'person' }>['reason']): Missing => ({ kind: 'person', identity, reason });

describe('the CLA check run output', () => {
  const verdict: Verdict = {
    state: 'missing',
    missing: [
      person(id('bob'), 'unsigned-login'),
      person(id('dave'), 'co-author'),
      person(id(null, 'erin@unlinked.example', 'Erin `E` Doe'), 'unlinked-email'),
    ],
  };

  it('lists every person, their part, and how each can fix it', () => {
    const out = cla().output(verdict, HEAD, TARGET);
    expect(out.title).toBe(cla().describe(verdict, HEAD));
    expect(out.summary.split('\n')).toEqual([
      '3 people named on the commits of this pull request have not signed the Contributor License Agreement:',
      '',
      '- `@bob`: commit author: sign the CLA at https://example.org/cla.',
      '- `@dave`: co-author, named in a `Co-authored-by` trailer: sign the CLA at https://example.org/cla.',
      '- `erin@unlinked.example` (Erin E Doe): commit author whose email address is not linked to any GitHub account: sign the CLA at https://example.org/cla with this address, or, if you signed with your GitHub account, add this address to it (https://github.com/settings/emails).',
      '',
      'Nothing needs to be pushed again: this check turns green at the next sweep after everyone listed has signed.',
    ]);
    expect(cla().outputMentions(verdict, HEAD).map((m) => m.text)).toEqual(['bob', 'dave', 'erin@unlinked.example']);
  });

  it('links an Enterprise Server\'s own email settings', () => {
    expect(cla('users.noreply.ghe.example.com').output(verdict, HEAD, TARGET).summary).toContain('(https://ghe.example.com/settings/emails)');
  });

  it('says when all have signed, and what to do when the check could not be decided', () => {
    expect(cla().output({ state: 'signed' }, HEAD, TARGET).summary).toContain('has signed the CLA');
    const error = cla().output({ state: 'error', reason: 'only 1 of 2 commits could be read' }, HEAD, TARGET);
    expect(error.summary).toContain('only 1 of 2 commits could be read');
    expect(error.summary).toContain('cla-sweeper explain acme/widgets#7');
  });

  it('names only the people that fit in GitHub\'s 65535 characters, and says how many lines were left out', () => {
    const many: Verdict = { state: 'missing', missing: Array.from({ length: 2000 }, (_, i) => person(id(`contributor-${i}`), 'unsigned-login')) };
    const out = cla().output(many, HEAD, TARGET);
    expect(out.summary.length).toBeLessThanOrEqual(65_535);
    expect(out.summary).toMatch(/… \d+ more lines not shown/);
    const named = cla().outputMentions(many, HEAD);
    expect(named.length).toBeGreaterThan(500);
    expect(named.length).toBeLessThan(2000);
    for (const m of named) expect(out.summary).toContain(`\`@${m.text}\``);
  });
});

describe('the DCO check run output (the DCO app\'s layout)', () => {
  const sha1 = '1'.repeat(40);
  const sha2 = '2'.repeat(40);
  const head: HeadFacts = {
    ...HEAD,
    facts: {
      dco: {
        unsigned: [
          { sha: sha1, author: id(null, 'bob@example.org', 'Bob'), isMerge: false, remediated: false, detail: 'no Signed-off-by line', committer: 'GitHub' },
          { sha: sha2, author: id(null, 'bob@example.org', 'Bob'), isMerge: false, remediated: false, detail: 'no Signed-off-by line' },
        ],
      },
    },
  };
  const verdict = dco().decide(head);

  it('passes with the app\'s words', () => {
    expect(dco().output({ state: 'signed' }, head, TARGET)).toEqual({ title: 'DCO', summary: 'All commits are signed off!', text: null });
  });

  it('explains, offers a remediation commit per author, then rebasing, then a summary line per commit', () => {
    const { title, summary } = dco().output(verdict, head, TARGET);
    expect(title).toBe('DCO');
    const headings = summary.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '### Preferred method: the author adds a DCO remediation commit',
      '#### Bob &lt;bob@example.org&gt;',
      '### Least preferred method: Rebase the branch',
      '### Summary',
    ]);
    expect(summary).toMatch(/^2 commits of this pull request are not signed off/);
    expect(summary).toContain(
      ['DCO Remediation Commit for Bob <bob@example.org>', '', `I, Bob <bob@example.org>, hereby add my Signed-off-by to this commit: ${sha1}`, `I, Bob <bob@example.org>, hereby add my Signed-off-by to this commit: ${sha2}`, '', 'Signed-off-by: Bob <bob@example.org>'].join('\n'),
    );
    // N is every commit of the pull request, as the app counts it.
    expect(summary).toContain('`git rebase HEAD~3 --signoff`');
    expect(summary.split('### Summary\n\n')[1]!.split('\n')).toEqual([
      `Commit sha: [1111111](https://github.com/acme/widgets/pull/7/commits/${sha1}), Author: Bob, Committer: GitHub; no Signed-off-by line.`,
      `Commit sha: [2222222](https://github.com/acme/widgets/pull/7/commits/${sha2}), Author: Bob; no Signed-off-by line.`,
    ]);
    expect(dco().outputMentions(verdict, head)).toEqual([
      { text: '1111111', prefix: true },
      { text: '2222222', prefix: true },
    ]);
  });

  it('without remediation commits, offers rebasing alone', () => {
    const { summary } = dco(false).output(dco(false).decide(head), head, TARGET);
    expect(summary.split('\n').filter((l) => l.startsWith('#'))).toEqual(['### Rebase the branch', '### Summary']);
    expect(summary).not.toContain('Remediation');
  });
});

describe('fitOutput and webUrlOf', () => {
  it('keeps a text that fits, and cuts one that does not at a line, saying so', () => {
    expect(fitOutput('a\nb', 10)).toBe('a\nb');
    const cut = fitOutput(Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n'), 120);
    expect(cut.length).toBeLessThanOrEqual(120);
    expect(cut).toMatch(/^line 0\n/);
    expect(cut).toMatch(/… \d+ more lines not shown \(GitHub keeps at most 120 characters here\)$/);
  });

  it.each([
    ['users.noreply.github.com', 'https://github.com'],
    ['users.noreply.ghe.example.com', 'https://ghe.example.com'],
    ['users.noreply.octo.ghe.com', 'https://octo.ghe.com'],
  ])('%s is on %s', (domain, web) => {
    expect(webUrlOf(domain)).toBe(web);
  });
});
