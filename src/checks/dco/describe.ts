// The DCO status description: the first commits without a sign-off and how to fix them.
import type { Mention } from '../check.js';
import { MAX_DESCRIPTION, fitList, sanitise, truncate } from '../description.js';
import type { Verdict } from '../model.js';

const LEAD = 'Sign-off missing: ';
const short = (sha: string) => sha.slice(0, 7);

/** `git rebase HEAD~N --signoff` over every commit of the pull request, as the DCO app advises. */
export const rebaseCommand = (commits: number) => `git rebase HEAD~${commits} --signoff`;

export function dcoDescription(verdict: Verdict, commits: number): string {
  switch (verdict.state) {
    case 'signed':
      return 'All commits are signed off';
    case 'error':
      return truncate(sanitise(`Cannot check the DCO: ${verdict.reason}`), MAX_DESCRIPTION);
    case 'missing': {
      const shas = verdict.missing.flatMap((m) => (m.kind === 'commit' ? [short(m.sha)] : []));
      return fitList(LEAD, shas, ` — fix: ${rebaseCommand(commits)}`)?.text ?? `Sign-off missing on ${shas.length} commits`;
    }
  }
}

/** The short SHAs the description names (another tool may show them longer). */
export function dcoMentions(verdict: Verdict): Mention[] {
  if (verdict.state !== 'missing') return [];
  const shas = verdict.missing.flatMap((m) => (m.kind === 'commit' ? [short(m.sha)] : []));
  const shown = fitList(LEAD, shas, '')?.shown ?? 0;
  return shas.slice(0, shown).map((text) => ({ text, prefix: true }));
}
