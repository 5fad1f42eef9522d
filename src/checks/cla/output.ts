// The CLA check run's output: every person who has not signed, why they count, and how each can
// fix it. Unlike the status description it names everyone (PRODUCT.md, Writes).
import type { CheckRunOutput, Mention, OutputTarget } from '../check.js';
import { displayIdentity } from '../identities.js';
import type { Missing, Verdict } from '../model.js';
import { fitOutput, inlineCode } from '../output.js';

type Person = Extract<Missing, { kind: 'person' }>;

const ROLE: Record<Person['reason'], string> = {
  'unsigned-login': 'commit author',
  'co-author': 'co-author, named in a `Co-authored-by` trailer',
  'unlinked-email': 'commit author whose email address is not linked to any GitHub account',
};

export interface ClaOutputSettings {
  signUrl: string | null;
  /** GitHub's web address, for the email settings link. */
  webUrl: string;
}

function people(verdict: Verdict): Person[] {
  if (verdict.state !== 'missing') return [];
  const seen = new Set<string>();
  return verdict.missing.filter((m): m is Person => {
    if (m.kind !== 'person') return false;
    const key = m.identity.login ?? `email:${m.identity.email}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fix(p: Person, s: ClaOutputSettings): string {
  const sign = s.signUrl ? `sign the CLA at ${s.signUrl}` : 'sign the CLA';
  if (p.reason !== 'unlinked-email') return `${sign}.`;
  return `${sign} with this address, or, if you signed with your GitHub account, add this address to it (${s.webUrl}/settings/emails).`;
}

function line(p: Person, s: ClaOutputSettings): string {
  const id = p.identity;
  const who = inlineCode(displayIdentity(id));
  const name = id.name && id.login === null ? ` (${id.name.replace(/[\r\n`*_[\]]+/g, ' ').replace(/\s+/g, ' ').trim()})` : '';
  return `- ${who}${name}: ${ROLE[p.reason]}: ${fix(p, s)}`;
}

export function claOutput(verdict: Verdict, title: string, target: OutputTarget, s: ClaOutputSettings): CheckRunOutput {
  switch (verdict.state) {
    case 'signed':
      return { title, summary: 'Every author and co-author of the commits of this pull request has signed the CLA.', text: null };
    case 'error':
      return {
        title,
        summary:
          `The CLA could not be checked: ${verdict.reason}.\n\n` +
          'A pull request is never passed on a guess: a maintainer should look ' +
          `(\`cla-sweeper explain ${target.repo}#${target.number}\` shows every commit and its authors). The next sweep tries again.`,
        text: null,
      };
    case 'missing': {
      const list = people(verdict);
      const lead = list.length === 1 ? 'One person' : `${list.length} people`;
      const summary = [
        `${lead} named on the commits of this pull request ${list.length === 1 ? 'has' : 'have'} not signed the Contributor License Agreement:`,
        '',
        ...list.map((p) => line(p, s)),
        '',
        'Nothing needs to be pushed again: this check turns green at the next sweep after everyone listed has signed.',
      ].join('\n');
      return { title, summary: fitOutput(summary), text: null };
    }
  }
}

/**
 * Everyone the output names: each login, or the address GitHub did not link; only those that fit
 * in GitHub's limit, or a run that is right would be rewritten on every sweep.
 */
export function claOutputMentions(verdict: Verdict, s: ClaOutputSettings): Mention[] {
  const { summary } = claOutput(verdict, '', { repo: '', number: 0 }, s);
  return people(verdict).flatMap(({ identity: id }): Mention[] => {
    if (!summary.includes(inlineCode(displayIdentity(id)))) return [];
    if (id.login !== null) return [{ text: id.login }];
    return id.email !== null ? [{ text: id.email }] : [];
  });
}
