// Unlinked authors fixed by linking: a contributor told `unlinked: x@y.z` adds the address to their
// GitHub account, and the pull request must then pass without its commits being read again. For
// pull requests whose facts come from the cache, GitHub is asked again about those addresses only
// (one commit each, once per address), and the cached facts are updated.
import type { Check, HeadFacts } from '../checks/check.js';
import type { AddressOnCommit, FactsCache, GitHubReads } from './ports.js';

/**
 * Asks GitHub about the unlinked addresses in the cached facts of `prs` and remembers the facts of
 * each head that GitHub now links an address of. Returns how many heads changed.
 */
export async function relinkCached(
  prs: readonly { repo: string; number: number }[],
  checks: readonly Check[],
  deps: { github: Pick<GitHubReads, 'linkedLogins'>; cache: FactsCache },
): Promise<number> {
  const heads: { repo: string; number: number; head: HeadFacts }[] = [];
  const lookups = new Map<string, AddressOnCommit>();
  for (const pr of prs) {
    const head = deps.cache.head(pr.repo, pr.number);
    if (!head) continue;
    const addresses = checks.flatMap((c) => c.unlinked?.(head.facts) ?? []);
    if (addresses.length === 0) continue;
    heads.push({ ...pr, head });
    // GitHub links an address to one account wherever it appears: one commit per address will do.
    for (const a of addresses) if (!lookups.has(a.email)) lookups.set(a.email, { repo: pr.repo, sha: a.sha, email: a.email });
  }
  if (lookups.size === 0) return 0;
  const logins = await deps.github.linkedLogins([...lookups.values()]);
  if (logins.size === 0) return 0;
  let changed = 0;
  for (const { repo, number, head } of heads) {
    let facts = head.facts;
    for (const c of checks) facts = c.relink?.(facts, logins) ?? facts;
    if (facts === head.facts) continue;
    deps.cache.remember(repo, number, { ...head, facts });
    changed += 1;
  }
  return changed;
}
