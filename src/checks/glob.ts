// Anchored, case-insensitive globs for the allowlist and email domain patterns.

/** `*` is any run of characters (possibly empty), `?` one character; everything else is literal. */
export function compileGlob(pattern: string): (s: string) => boolean {
  let source = '';
  for (const ch of pattern.trim()) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += escapeRegExp(ch);
  }
  const re = new RegExp(`^${source}$`, 'isu');
  return (s) => re.test(s);
}

export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
