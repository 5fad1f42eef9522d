// The blocked pull requests as Markdown, grouped by reason: `report`'s default output and the
// dashboard issue's body. Nothing in it changes by itself (no "3 days ago", no time of the run),
// so the same state always gives the same text.
import {
  type BlockedPullRequest,
  countPullRequests,
  formatSince,
  groupByReason,
  type MissingItem,
  REASON_TEXT,
  shownItems,
} from './blocked.js';

export interface MarkdownOptions {
  /** `#` count of the title; group headings are one level below. */
  level?: number;
  /** Stop adding rows before the text passes this many characters (an issue body holds 65,536). */
  maxChars?: number;
  /** Said below the title, e.g. that the list is incomplete. */
  notes?: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Text in a table cell, inside a code span: a code span shows `@login` without notifying anyone
 * (contributors are not pinged on every edit of the dashboard) and shows `*`, `_` and `<` as
 * written. Backticks and line breaks cannot occur in one; `|` is escaped as GFM tables require.
 */
export function codeCell(text: string): string {
  return `\`${text.replace(/[`\r\n]+/g, ' ').replace(/\|/g, '\\|')}\``;
}

function itemText(item: MissingItem): string {
  return item.detail ? `${codeCell(item.who)} (${item.detail.replace(/[|\r\n<>]/g, ' ')})` : codeCell(item.who);
}

function itemsText(items: readonly MissingItem[]): string {
  const { shown, more } = shownItems(items);
  return `${shown.map(itemText).join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

const linkText = (e: BlockedPullRequest) => `[${e.repository}#${e.number}](${e.url})`;

export function reportMarkdown(entries: readonly BlockedPullRequest[], opts: MarkdownOptions = {}): string {
  const h = '#'.repeat(opts.level ?? 2);
  const lines: string[] = [`${h} Pull requests blocked by a check`, ''];
  for (const note of opts.notes ?? []) lines.push(`> ${note}`, '');
  if (entries.length === 0) {
    lines.push('No open pull request is blocked by a check.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `${plural(countPullRequests(entries), 'open pull request')} blocked. “Since” is when the failing status was set on the pull request’s current head commit: a push restarts it.`,
  );
  const max = opts.maxChars ?? Number.POSITIVE_INFINITY;
  let length = lines.join('\n').length;
  let left = 0;
  for (const group of groupByReason(entries)) {
    const text = REASON_TEXT[group.reason];
    const head = ['', `${h}# ${text.title} (${group.rows.length})`, '', text.fix, '', '| Pull request | Check | Missing | Since |', '| --- | --- | --- | --- |'];
    const rows = group.rows.map(
      ({ entry, items }) => `| ${linkText(entry)} | ${entry.check} | ${itemsText(items)} | ${formatSince(entry.since)} |`,
    );
    const headLength = head.join('\n').length + 1;
    if (left > 0 || length + headLength > max) {
      left += rows.length;
      continue;
    }
    lines.push(...head);
    length += headLength;
    for (const [i, row] of rows.entries()) {
      if (length + row.length + 1 > max) {
        left += rows.length - i;
        break;
      }
      lines.push(row);
      length += row.length + 1;
    }
  }
  if (left > 0) lines.push('', `…and ${plural(left, 'more row')}: \`cla-sweeper report\` lists them all.`);
  return `${lines.join('\n')}\n`;
}
