// The cache file's shape. Bump CACHE_VERSION when it changes: an older file is then rebuilt.
import { z } from 'zod';
import { ClaFacts } from '../checks/cla/facts.js';
import { DcoFacts } from '../checks/dco/facts.js';

/** 2: per-check facts (CLA identities, DCO sign-offs) instead of a flat list of identities. */
export const CACHE_VERSION = 2;

export const CachedPullRequest = z.object({
  headSha: z.string(),
  commitsRead: z.number().int().nonnegative(),
  commitsTotal: z.number().int().nonnegative(),
  facts: z.object({ cla: ClaFacts.optional(), dco: DcoFacts.optional() }),
});
export type CachedPullRequest = z.infer<typeof CachedPullRequest>;

export const CachedRepository = z.object({
  /** Open pull requests at the last complete listing, to size the next listing's first page. */
  openCount: z.number().int().nonnegative(),
  /** Keyed by pull request number. */
  pullRequests: z.record(z.string(), CachedPullRequest),
  /** Labels of ours that exist under another case than configured, as GitHub spells them. */
  labels: z.array(z.string()).optional(),
});
export type CachedRepository = z.infer<typeof CachedRepository>;

export const CacheData = z.object({
  version: z.literal(CACHE_VERSION),
  /** Keyed by lower-cased "owner/name". */
  repositories: z.record(z.string(), CachedRepository),
});
export type CacheData = z.infer<typeof CacheData>;

export function emptyCache(): CacheData {
  return { version: CACHE_VERSION, repositories: {} };
}
