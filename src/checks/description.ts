// Status descriptions, which GitHub caps at 140 characters (422 "description is too long").

export const MAX_DESCRIPTION = 140;

/**
 * Characters outside the Basic Multilingual Plane (emoji) have made GitHub answer 422
 * (unicode-org/jira-github-pr-check#28), so they become `?`; then `length` counts characters.
 */
export function sanitise(text: string): string {
  return Array.from(text.replace(/\s+/g, ' '), (ch) => ((ch.codePointAt(0) ?? 0) > 0xffff ? '?' : ch)).join('');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `${lead}a, b, +N more${hint}`: as many items as fit, the hint only when it fits too; null when not even one fits. */
export function fitList(lead: string, items: string[], hint: string): { text: string; shown: number } | null {
  for (let shown = items.length; shown > 0; shown--) {
    const rest = items.length - shown;
    const text = `${lead}${items.slice(0, shown).join(', ')}${rest > 0 ? `, +${rest} more` : ''}`;
    if (text.length > MAX_DESCRIPTION) continue;
    return { text: text.length + hint.length <= MAX_DESCRIPTION ? text + hint : text, shown };
  }
  return null;
}
