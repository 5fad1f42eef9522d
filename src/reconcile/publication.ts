// Whether what stands on GitHub already says what a check's verdict says, compared on meaning:
// the same state and target URL, and a description that names everyone the desired one names.
// A difference in wording alone is never rewritten (PRODUCT.md, Writes), so that a new version of
// this tool, or a switch from another bot using the same context, does not rewrite every status.
import type { Check, HeadFacts, Mention } from '../checks/check.js';
import { escapeRegExp } from '../checks/glob.js';
import type { Verdict } from '../checks/model.js';
import type { Published, PublishedState } from './model.js';

export const STATE_OF: Record<Verdict['state'], Exclude<PublishedState, 'pending'>> = {
  signed: 'success',
  missing: 'failure',
  error: 'error',
};

export interface Desired {
  state: Exclude<PublishedState, 'pending'>;
  description: string;
  targetUrl: string | null;
  mentions: Mention[];
}

export function desiredOf(check: Check, verdict: Verdict, head: HeadFacts): Desired {
  return {
    state: STATE_OF[verdict.state],
    description: check.describe(verdict, head),
    targetUrl: check.targetUrl,
    mentions: check.mentions(verdict),
  };
}

/** Whether `description` names `m` as a word of its own (a login is not found inside a longer login). */
export function names(description: string, m: Mention): boolean {
  const tail = m.prefix ? '' : '(?![\\w-])';
  return new RegExp(`(?<![\\w.+-])${escapeRegExp(m.text)}${tail}`, 'iu').test(description);
}

/** Why `actual` does not match `desired`, or null when it does. */
export function mismatch(actual: Published | null, desired: Desired, context: string): string | null {
  if (actual === null) return `no ${context} status yet`;
  if (actual.state !== desired.state) return `${context} was ${actual.state}, now ${desired.state}`;
  if ((actual.targetUrl ?? null) !== desired.targetUrl) return `${context} target URL was ${actual.targetUrl ?? 'none'}`;
  const unnamed = desired.mentions.find((m) => !names(actual.description ?? '', m));
  if (unnamed) return `${context} description does not name ${unnamed.text}`;
  return null;
}
