// The open pull requests a check blocks, from the sweep's decisions: who or what is missing, why,
// and since when. Pure: `report`, the dashboard issue and the HTML page all render this.
import type { CheckName } from '../checks/check.js';
import { displayIdentity } from '../checks/identities.js';
import type { Missing } from '../checks/model.js';
import type { Decision } from '../reconcile/model.js';

/** Why a pull request is blocked; the report groups by it, in this order. */
export const REASONS = ['unsigned-login', 'unlinked-email', 'co-author', 'missing-sign-off', 'cannot-verify'] as const;
export type BlockReason = (typeof REASONS)[number];

/** Each reason as a heading, and what the contributor does about it. */
export const REASON_TEXT: Record<BlockReason, { title: string; fix: string }> = {
  'unsigned-login': {
    title: 'Unsigned login',
    fix: 'The commit author’s GitHub account has not signed the CLA: sign it with that account.',
  },
  'unlinked-email': {
    title: 'Unlinked email',
    fix: 'The commit’s author email belongs to no GitHub account: add the address to the account that signed (GitHub settings → Emails), or sign with it.',
  },
  'co-author': {
    title: 'Co-author',
    fix: 'A Co-authored-by trailer names someone who has not signed: they sign the CLA, or the trailer is removed.',
  },
  'missing-sign-off': {
    title: 'Missing sign-off',
    fix: 'A commit has no matching Signed-off-by line: `git rebase --signoff` over the pull request’s commits and force-push.',
  },
  'cannot-verify': {
    title: 'Cannot verify',
    fix: 'The commits could not all be read (too many, or GitHub answered in part): a maintainer decides.',
  },
};

/** One thing a blocked pull request is missing. */
export interface MissingItem {
  reason: BlockReason;
  /** For a person: `@login`, or the email or name when no account is linked; for a commit: its short SHA; for `cannot-verify`: why. */
  who: string;
  /** For a commit: what is wrong with it. */
  detail?: string;
}

export interface BlockedPullRequest {
  repository: string;
  number: number;
  url: string;
  check: CheckName;
  /** The status context (or check run name) the verdict is published under. */
  context: string;
  state: 'missing' | 'error';
  /** The head commit the verdict is about. */
  headSha: string;
  /** Distinct reasons, in REASONS order. */
  reasons: BlockReason[];
  missing: MissingItem[];
  /**
   * When our failing status (or check run) on the current head was created, as GitHub reports it;
   * null when none stands yet (the next sweep writes it). A push makes a new head: it restarts.
   */
  since: string | null;
}

function itemOf(m: Missing): MissingItem {
  if (m.kind === 'commit') return { reason: m.reason, who: m.sha.slice(0, 7), detail: m.detail };
  return { reason: m.reason, who: displayIdentity(m.identity) };
}

function itemsOf(d: Decision): MissingItem[] {
  if (d.verdict.state === 'error') return [{ reason: 'cannot-verify', who: d.verdict.reason }];
  if (d.verdict.state !== 'missing') return [];
  const seen = new Set<string>();
  const out: MissingItem[] = [];
  for (const item of d.verdict.missing.map(itemOf)) {
    const key = `${item.reason}\u0000${item.who}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** The creation time of what stands failing on the head now; a success or pending status is no block yet. */
function sinceOf(d: Decision): string | null {
  const before = d.before;
  if (!before || (before.state !== 'failure' && before.state !== 'error')) return null;
  return before.createdAt;
}

export const pullRequestUrl = (webUrl: string, repo: string, number: number) => `${webUrl.replace(/\/+$/, '')}/${repo}/pull/${number}`;

/** Blocked pull requests in a stable order: repository, number, check. */
export function blockedPullRequests(decisions: readonly Decision[], webUrl: string): BlockedPullRequest[] {
  const out: BlockedPullRequest[] = [];
  for (const d of decisions) {
    if (d.verdict.state === 'signed') continue;
    const missing = itemsOf(d);
    out.push({
      repository: d.repo,
      number: d.number,
      url: pullRequestUrl(webUrl, d.repo, d.number),
      check: d.check,
      context: d.context,
      state: d.verdict.state,
      headSha: d.sha,
      reasons: REASONS.filter((r) => missing.some((m) => m.reason === r)),
      missing,
      since: sinceOf(d),
    });
  }
  return out.sort(
    (a, b) =>
      a.repository.toLowerCase().localeCompare(b.repository.toLowerCase()) || a.number - b.number || a.check.localeCompare(b.check),
  );
}

export interface ReasonGroup {
  reason: BlockReason;
  /** Each blocked pull request with the items of this reason only. */
  rows: { entry: BlockedPullRequest; items: MissingItem[] }[];
}

/** Groups by reason (REASONS order, empty groups left out); a pull request missing several things is in several groups. */
export function groupByReason(entries: readonly BlockedPullRequest[]): ReasonGroup[] {
  return REASONS.map((reason) => ({
    reason,
    rows: entries.flatMap((entry) => {
      const items = entry.missing.filter((m) => m.reason === reason);
      return items.length > 0 ? [{ entry, items }] : [];
    }),
  })).filter((g) => g.rows.length > 0);
}

/** "2026-01-02 14:03 UTC": fixed, so that a page or issue made from the same state is the same text. */
export function formatSince(since: string | null): string {
  if (since === null) return 'not yet published';
  const date = new Date(since);
  if (Number.isNaN(date.getTime())) return since;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Whole pull requests blocked (a pull request blocked by two checks counts once). */
export function countPullRequests(entries: readonly BlockedPullRequest[]): number {
  return new Set(entries.map((e) => `${e.repository.toLowerCase()}#${e.number}`)).size;
}

/** Items shown in one cell: a pull request of 120 unsigned-off commits names the first few and counts the rest. */
export const MAX_ITEMS_SHOWN = 10;

export function shownItems(items: readonly MissingItem[]): { shown: MissingItem[]; more: number } {
  return { shown: items.slice(0, MAX_ITEMS_SHOWN), more: Math.max(0, items.length - MAX_ITEMS_SHOWN) };
}

/** A status the sweep wrote, with GitHub's time of creation when it said. */
export interface WrittenStatus {
  repo: string;
  number: number;
  context: string;
  sha: string;
  state: 'success' | 'failure' | 'error';
  description: string;
  targetUrl: string | null;
  createdAt: string | null;
}

/**
 * The decisions with what stands on GitHub after the sweep's writes rather than before, so that a
 * dashboard written at the end of a sweep shows since when as the next sweep will read it.
 */
export function standingAfter(decisions: readonly Decision[], written: readonly WrittenStatus[]): Decision[] {
  const key = (repo: string, number: number, context: string, sha: string) => `${repo.toLowerCase()}#${number}\u0000${context}\u0000${sha}`;
  const after = new Map(written.map((w) => [key(w.repo, w.number, w.context, w.sha), w]));
  return decisions.map((d) => {
    const w = after.get(key(d.repo, d.number, d.context, d.sha));
    return w ? { ...d, before: { state: w.state, description: w.description, targetUrl: w.targetUrl, createdAt: w.createdAt } } : d;
  });
}
