// Whether what stands on GitHub already says what a check's verdict says, compared on meaning:
// the same state and target URL, and a description that names everyone the desired one names.
// A difference in wording alone is never rewritten (PRODUCT.md, Writes), so that a new version of
// this tool, or a switch from another bot using the same context, does not rewrite every status.
// Check runs are compared the same way: conclusion for state, details_url for target URL, and
// the output (title, summary, text) for the description, which must name everyone missing.
import type { Check, CheckRunOutput, HeadFacts, Mention, OutputTarget } from '../checks/check.js';
import { escapeRegExp } from '../checks/glob.js';
import type { Verdict } from '../checks/model.js';
import type { Published, PublishedState } from './model.js';

export const STATE_OF: Record<Verdict['state'], Exclude<PublishedState, 'pending'>> = {
  signed: 'success',
  missing: 'failure',
  error: 'error',
};

/** How verdicts are published (`publish` in the configuration). */
export type PublishMode = 'status' | 'check-run';

export interface Desired {
  state: Exclude<PublishedState, 'pending'>;
  description: string;
  targetUrl: string | null;
  mentions: Mention[];
  /** The check run's output, when verdicts are published as check runs. */
  output: CheckRunOutput | null;
}

export function desiredOf(check: Check, verdict: Verdict, head: HeadFacts, publish: PublishMode = 'status', target?: OutputTarget): Desired {
  const asRun = publish === 'check-run';
  return {
    state: STATE_OF[verdict.state],
    description: check.describe(verdict, head),
    targetUrl: check.targetUrl,
    mentions: asRun ? check.outputMentions(verdict, head) : check.mentions(verdict),
    output: asRun ? check.output(verdict, head, target ?? { repo: '', number: 0 }) : null,
  };
}

/** What stands, as far as this mode publishes: a status is not a check run, nor the other way round. */
export function standingIn(published: Published | null, publish: PublishMode): Published | null {
  if (!published) return null;
  return (publish === 'check-run') === (published.checkRun !== undefined) ? published : null;
}

/** Whether `description` names `m` as a word of its own (a login is not found inside a longer login). */
export function names(description: string, m: Mention): boolean {
  const tail = m.prefix ? '' : '(?![\\w-])';
  return new RegExp(`(?<![\\w.+-])${escapeRegExp(m.text)}${tail}`, 'iu').test(description);
}

/** Why `actual` does not match `desired`, or null when it does. */
export function mismatch(actual: Published | null, desired: Desired, context: string): string | null {
  const run = actual?.checkRun;
  if (actual === null) return `no ${context} ${desired.output ? 'check run' : 'status'} yet`;
  if (actual.state !== desired.state) return `${context} was ${actual.state}, now ${desired.state}`;
  // A check run created without details_url links to the App's homepage (REST docs, "Create a
  // check run": "If the integrator does not provide this, then the homepage of the GitHub app is
  // used"), so none wanted means any will do.
  const urlMatters = !run || desired.targetUrl !== null;
  if (urlMatters && (actual.targetUrl ?? null) !== desired.targetUrl) return `${context} target URL was ${actual.targetUrl ?? 'none'}`;
  const text = run ? [run.output.title, run.output.summary, run.output.text ?? ''].join('\n') : (actual.description ?? '');
  const unnamed = desired.mentions.find((m) => !names(text, m));
  if (unnamed) return `${context} ${run ? 'output' : 'description'} does not name ${unnamed.text}`;
  return null;
}
