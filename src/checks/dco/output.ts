// The DCO check run's output, laid out as the DCO app lays out its own (dcoapp/app index.js at
// 83946bb; /work notes dco-rules.md section 8): title "DCO"; on failure, what is wrong, the fixes
// (a remediation commit per author when `remediationCommits` is on, then rebasing), and a
// "Summary" line per commit without a valid sign-off, in pull request order. A project moving
// from the app sees the same shape; the wording is ours.
import type { CheckRunOutput, HeadFacts, Mention, OutputTarget } from '../check.js';
import type { Identity, Missing, Verdict } from '../model.js';
import { fitOutput } from '../output.js';
import { rebaseCommand } from './describe.js';

type Offender = Extract<Missing, { kind: 'commit' }>;

export interface DcoOutputSettings {
  remediationCommits: boolean;
  /** GitHub's web address, for links to the commits. */
  webUrl: string;
}

export const DCO_TITLE = 'DCO';
const short = (sha: string) => sha.slice(0, 7);
const offenders = (verdict: Verdict): Offender[] =>
  verdict.state === 'missing' ? verdict.missing.filter((m): m is Offender => m.kind === 'commit') : [];
const person = (id: Identity) => `${id.name ?? ''} <${id.email ?? ''}>`;
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function opening(count: number): string {
  return [
    count === 1
      ? 'One commit of this pull request is not signed off: its author did not add a `Signed-off-by` line that matches them.'
      : `${count} commits of this pull request are not signed off: their authors did not add a \`Signed-off-by\` line that matches them.`,
    '',
    'The Developer Certificate of Origin asks for `Signed-off-by: Your Name <your@email.example>` in *every* commit message; `git commit -s` adds it for you.',
    '',
    'Any one of the following fixes it.',
  ].join('\n');
}

/** One remediation commit per author, covering each of their commits (the app's individual remediation). */
function remediation(list: Offender[]): string {
  const byAuthor = new Map<string, { who: string; shas: string[] }>();
  for (const o of list) {
    if (!o.author.name || !o.author.email) continue;
    const who = person(o.author);
    const entry = byAuthor.get(who.toLowerCase()) ?? { who, shas: [] };
    entry.shas.push(o.sha);
    byAuthor.set(who.toLowerCase(), entry);
  }
  if (byAuthor.size === 0) return '';
  const blocks = [...byAuthor.values()].map(({ who, shas }) =>
    [
      `#### ${escapeHtml(who)}`,
      '```',
      `DCO Remediation Commit for ${who}`,
      '',
      ...shas.map((sha) => `I, ${who}, hereby add my Signed-off-by to this commit: ${sha}`),
      '',
      `Signed-off-by: ${who}`,
      '```',
    ].join('\n'),
  );
  return [
    '### Preferred method: the author adds a DCO remediation commit',
    '',
    "A remediation commit adds the missing sign-off without rewriting the branch's history. Each author below can push a new commit to this branch with this text as its message (each line exactly as shown, nothing after the SHA):",
    ...blocks,
    '',
    'Do not make it an empty commit (`git commit -s --allow-empty`): a rebase drops empty commits.',
    '',
    '---',
    '',
  ].join('\n');
}

function rebase(commits: number, preferred: boolean): string {
  return [
    `### ${preferred ? '' : 'Least preferred method: '}Rebase the branch`,
    '',
    'Rewriting the commits with sign-offs rewrites the branch\'s history: do it only if you are the only author of these commits, nobody has built on this branch, and it holds no empty commits.',
    '',
    '1. Check the pull request out locally (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/checking-out-pull-requests-locally).',
    `1. In your local branch, run: \`${rebaseCommand(commits)}\``,
    '1. Force push your changes to overwrite the branch: `git push --force-with-lease`',
    '',
    '---',
  ].join('\n');
}

function summaryLine(o: Offender, head: HeadFacts, target: OutputTarget, webUrl: string): string {
  const committer = head.facts.dco?.unsigned.find((c) => c.sha === o.sha)?.committer;
  const link = `[${short(o.sha)}](${webUrl}/${target.repo}/pull/${target.number}/commits/${o.sha})`;
  return `Commit sha: ${link}, Author: ${o.author.name ?? o.author.email ?? 'unknown'}${committer ? `, Committer: ${committer}` : ''}; ${o.detail}.`;
}

export function dcoOutput(verdict: Verdict, head: HeadFacts, target: OutputTarget, s: DcoOutputSettings): CheckRunOutput {
  switch (verdict.state) {
    case 'signed':
      return { title: DCO_TITLE, summary: 'All commits are signed off!', text: null };
    case 'error':
      return {
        title: DCO_TITLE,
        summary:
          `The sign-offs could not be checked: ${verdict.reason}.\n\n` +
          'A pull request is never passed on a guess: a maintainer should look ' +
          `(\`cla-sweeper explain ${target.repo}#${target.number}\` shows every commit and its sign-off). The next sweep tries again.`,
        text: null,
      };
    case 'missing': {
      const list = offenders(verdict);
      const remedy = s.remediationCommits ? remediation(list) : '';
      const summary = [
        opening(list.length),
        '',
        '---',
        '',
        `${remedy}${rebase(head.commitsTotal, remedy === '')}`,
        '',
        '### Summary',
        '',
        ...list.map((o) => summaryLine(o, head, target, s.webUrl)),
      ].join('\n');
      return { title: DCO_TITLE, summary: fitOutput(summary), text: null };
    }
  }
}

/** Every commit the output names (by short SHA, as the summary lines show them) that fits the limit. */
export function dcoOutputMentions(verdict: Verdict, head: HeadFacts, s: DcoOutputSettings): Mention[] {
  const { summary } = dcoOutput(verdict, head, { repo: '', number: 0 }, s);
  return offenders(verdict)
    .filter((o) => summary.includes(`[${short(o.sha)}]`))
    .map((o) => ({ text: short(o.sha), prefix: true }));
}
