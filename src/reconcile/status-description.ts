// The commit status description, which GitHub caps at 140 characters (422 "description is too long").
import { displayIdentity } from './identities.js';
import type { Verdict } from './model.js';

export const MAX_DESCRIPTION = 140;
const SIGN_HINT = ' — sign via Details';
const MAX_ITEM = 60;

/**
 * Characters outside the Basic Multilingual Plane (emoji) have made GitHub answer 422
 * (unicode-org/jira-github-pr-check#28), so they become `?`; then `length` counts characters.
 */
function sanitise(text: string): string {
  return Array.from(text.replace(/\s+/g, ' '), (ch) => ((ch.codePointAt(0) ?? 0) > 0xffff ? '?' : ch)).join('');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function statusDescription(verdict: Verdict, signUrl: string | null): string {
  switch (verdict.state) {
    case 'signed':
      return 'All commit authors have signed the CLA';
    case 'error':
      return truncate(sanitise(`Cannot check the CLA: ${verdict.reason}`), MAX_DESCRIPTION);
    case 'missing': {
      const items = [
        ...new Set(
          verdict.missing.map((id) =>
            truncate(sanitise(id.login === null ? `unlinked: ${displayIdentity(id)}` : displayIdentity(id)), MAX_ITEM),
          ),
        ),
      ];
      const text = missingList(items);
      return signUrl !== null && text.length + SIGN_HINT.length <= MAX_DESCRIPTION ? text + SIGN_HINT : text;
    }
  }
}

/** As many names as fit, then `+N more`. */
function missingList(items: string[]): string {
  for (let shown = items.length; shown > 0; shown--) {
    const rest = items.length - shown;
    const text = `CLA missing: ${items.slice(0, shown).join(', ')}${rest > 0 ? `, +${rest} more` : ''}`;
    if (text.length <= MAX_DESCRIPTION) return text;
  }
  return `CLA missing for ${items.length} commit authors`;
}
