// What check run outputs share: GitHub's size limit, and the web address their links point to.
import { GITHUB_NO_REPLY_DOMAIN } from './identities.js';

/** `output.summary` and `output.text` take at most 65535 characters (REST docs, "Create a check run"). */
export const MAX_OUTPUT = 65_535;

/** `text` cut at a line boundary to fit GitHub's limit, saying how many lines were left out. */
export function fitOutput(text: string, max: number = MAX_OUTPUT): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  let kept = lines.length;
  let length = text.length;
  const note = (left: number) => `\n\n… ${left} more lines not shown (GitHub keeps at most ${max} characters here)`;
  while (kept > 0 && length + note(lines.length - kept).length > max) {
    kept -= 1;
    length -= lines[kept]!.length + 1;
  }
  return `${lines.slice(0, kept).join('\n')}${note(lines.length - kept)}`;
}

/**
 * GitHub's web address, from the no-reply domain of the same host: `users.noreply.github.com` is
 * github.com, `users.noreply.HOST` an Enterprise Server at https://HOST (see src/github/hosts.ts).
 */
export function webUrlOf(noReplyDomain: string): string {
  const host = noReplyDomain.toLowerCase().replace(/^users\.noreply\./, '');
  return host === '' || noReplyDomain === GITHUB_NO_REPLY_DOMAIN ? 'https://github.com' : `https://${host}`;
}

/** Text safe inside Markdown inline code: no backticks, no line breaks. */
export function inlineCode(text: string): string {
  return `\`${text.replace(/[`\r\n]+/g, ' ')}\``;
}
