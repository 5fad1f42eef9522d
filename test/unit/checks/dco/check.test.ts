// The DCO check from commits to verdict and description, as a sweep decides it.
import { describe, expect, it } from 'vitest';
import type { HeadFacts } from '../../../../src/checks/check.js';
import { dcoCheck } from '../../../../src/checks/dco/index.js';
import { parseRemediations, parseSignOffs } from '../../../../src/checks/dco/trailers.js';
import { GITHUB_NO_REPLY_DOMAIN } from '../../../../src/checks/identities.js';
import type { CommitRecord, RawActor } from '../../../../src/checks/model.js';
import { buildPolicy } from '../../../../src/checks/policy.js';

const who = (name: string, email: string, login: string | null = null): RawActor => ({ name, email, login });
const ALICE = who('Alice', 'alice@example.org', 'alice');
const sha = (n: number) => String(n).repeat(40).slice(0, 40);

let next = 1;
function commit(over: Partial<CommitRecord> & { message?: string } = {}): CommitRecord {
  const message = over.message ?? 'Change';
  const n = next++;
  return {
    sha: sha(n % 10),
    headline: message,
    author: ALICE,
    coAuthors: [],
    committer: ALICE,
    signOffs: parseSignOffs(message),
    remediations: parseRemediations(message),
    parentCount: 1,
    ...over,
  };
}
const signed = (over: Partial<CommitRecord> & { message?: string } = {}) => commit({ message: 'Change\n\nSigned-off-by: Alice <alice@example.org>', ...over });

function check(opts: { remediationCommits?: boolean; allowlist?: string[] } = {}) {
  return dcoCheck({
    context: 'DCO',
    targetUrl: 'https://developercertificate.org/',
    labels: null,
    policy: buildPolicy([], opts.allowlist ?? []),
    remediationCommits: opts.remediationCommits ?? true,
    noReplyDomain: GITHUB_NO_REPLY_DOMAIN,
  });
}

function decide(commits: CommitRecord[], opts: Parameters<typeof check>[0] = {}, total = commits.length) {
  const c = check(opts);
  const head: HeadFacts = { headSha: commits.at(-1)?.sha ?? 'x', commitsRead: commits.length, commitsTotal: total, facts: c.extract(commits) };
  const verdict = c.decide(head);
  return { verdict, description: c.describe(verdict, head), mentions: c.mentions(verdict), parents: c.parentsNeeded(commits) };
}

const offenders = (r: ReturnType<typeof decide>) => (r.verdict.state === 'missing' ? r.verdict.missing.map((m) => (m.kind === 'commit' ? m.sha.slice(0, 7) : '?')) : []);

describe('the DCO check', () => {
  it('passes when every commit is signed off, and asks nothing more of GitHub', () => {
    const r = decide([signed(), signed({ committer: who('GitHub', 'noreply@github.com') })]);
    expect(r.verdict).toEqual({ state: 'signed' });
    expect(r.description).toBe('All commits are signed off');
    expect(r.parents).toEqual([]);
  });

  it('names the first commits without a sign-off, in pull request order, and how to fix them', () => {
    const a = commit({ sha: 'a'.repeat(40) });
    const b = signed({ sha: 'b'.repeat(40) });
    const c = commit({ sha: 'c'.repeat(40), message: 'x\n\nSigned-off-by: Mallory <m@example.org>' });
    const r = decide([a, b, c]);
    expect(offenders(r)).toEqual(['aaaaaaa', 'ccccccc']);
    expect(r.description).toBe('Sign-off missing: aaaaaaa, ccccccc — fix: git rebase HEAD~3 --signoff');
    expect(r.mentions).toEqual([
      { text: 'aaaaaaa', prefix: true },
      { text: 'ccccccc', prefix: true },
    ]);
    expect(r.parents).toEqual([a.sha, c.sha]);
    expect(r.verdict.state === 'missing' && r.verdict.missing[1]).toMatchObject({ reason: 'missing-sign-off', detail: expect.stringContaining('Mallory') });
  });

  it('stays within 140 characters for many commits', () => {
    const r = decide(Array.from({ length: 60 }, (_, i) => commit({ sha: `${String(i).padStart(2, '0')}${'f'.repeat(38)}` })));
    expect(r.description.length).toBeLessThanOrEqual(140);
    expect(r.description).toMatch(/^Sign-off missing: 00fffff, 01fffff, .*, \+\d+ more/);
  });

  it.each<[string, CommitRecord, Parameters<typeof check>[0]]>([
    ['a merge commit', commit({ parentCount: 2 }), {}],
    ['a commit by a GitHub App (user null, no-reply address)', commit({ author: who('renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com') }), {}],
    ['an allowlisted author', commit({ author: who('CI', 'ci@bots.example.org') }), { allowlist: ['ci@bots.example.org'] }],
  ])('passes %s without a sign-off', (_name, c, opts) => {
    expect(decide([signed(), c], opts).verdict).toEqual({ state: 'signed' });
  });

  it('does not take a bot committer for a bot author', () => {
    expect(decide([commit({ committer: who('renovate[bot]', '1+renovate[bot]@users.noreply.github.com') })]).verdict.state).toBe('missing');
  });

  it('accepts an individual remediation commit, unless remediationCommits is off', () => {
    const a = commit({ sha: 'a'.repeat(40) });
    const remedy = signed({
      sha: 'b'.repeat(40),
      message: `DCO Remediation Commit for Alice <alice@example.org>\n\nI, Alice <alice@example.org>, hereby add my Signed-off-by to this commit: ${a.sha}\n\nSigned-off-by: Alice <alice@example.org>`,
    });
    expect(decide([a, remedy]).verdict).toEqual({ state: 'signed' });
    expect(offenders(decide([a, remedy], { remediationCommits: false }))).toEqual(['aaaaaaa']);
  });

  it('4665: a remediation commit without a sign-off of its own still fails, alone', () => {
    const a = commit({ sha: 'a'.repeat(40) });
    const remedy = commit({ sha: 'b'.repeat(40), message: `R\n\nI, Alice <alice@example.org>, hereby add my Signed-off-by to this commit: ${a.sha}` });
    expect(offenders(decide([a, remedy]))).toEqual(['bbbbbbb']);
  });

  it('is an error, never a pass, when not every commit could be read', () => {
    const r = decide([signed()], {}, 300);
    expect(r.verdict).toEqual({ state: 'error', reason: 'only 1 of 300 commits could be read' });
    expect(r.description).toBe('Cannot check the DCO: only 1 of 300 commits could be read');
  });

  it('explains each commit', () => {
    const c = check();
    const a = commit({ parentCount: 2 });
    expect(c.explainCommit(signed(), [signed()])).toEqual(['sign-off: signed off']);
    expect(c.explainCommit(a, [a])).toEqual(['sign-off: none valid (no Signed-off-by line), but passes: a merge commit']);
    const b = commit();
    expect(c.explainCommit(b, [b])).toEqual(['sign-off: MISSING (no Signed-off-by line)']);
  });
});
