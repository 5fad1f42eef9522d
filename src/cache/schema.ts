// The cache file's shape. Bump CACHE_VERSION when it changes: an older file is then rebuilt.
import { z } from 'zod';
import { ClaFacts } from '../checks/cla/facts.js';
import { DcoFacts } from '../checks/dco/facts.js';

/**
 * 2: per-check facts (CLA identities, DCO sign-offs) instead of a flat list of identities.
 * 3: what stood on GitHub per pull request and when each repository last changed (quick sweeps).
 */
export const CACHE_VERSION = 3;

const CachedHead = z.object({
  headSha: z.string(),
  commitsRead: z.number().int().nonnegative(),
  commitsTotal: z.number().int().nonnegative(),
  facts: z.object({ cla: ClaFacts.optional(), dco: DcoFacts.optional() }),
});

const CachedPublished = z.object({
  state: z.enum(['success', 'failure', 'error', 'pending']),
  description: z.string().nullable(),
  targetUrl: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** A check run of ours (publish: check-run): its id, to update it in place, and its output (check-run.ts compacts it). */
  checkRun: z
    .object({ id: z.number().int(), output: z.object({ title: z.string(), summary: z.string(), text: z.string().nullable() }) })
    .optional(),
});

/** What stood on GitHub for a pull request, as last read or written (SeenState in the core). */
const CachedSeen = z.object({
  headSha: z.string(),
  updatedAt: z.string().nullable(),
  isDraft: z.boolean(),
  labels: z.array(z.string()),
  published: z.record(z.string(), CachedPublished.nullable()),
  readAt: z.number(),
});

export const CachedPullRequest = z.object({
  /** The facts of the head's commits, when they were read in full. */
  head: CachedHead.optional(),
  seen: CachedSeen.optional(),
});
export type CachedPullRequest = z.infer<typeof CachedPullRequest>;

export const CachedRepository = z.object({
  /** Open pull requests at the last complete listing, to size the next listing's first page. */
  openCount: z.number().int().nonnegative(),
  /** Keyed by pull request number. */
  pullRequests: z.record(z.string(), CachedPullRequest),
  /**
   * The newest `updatedAt` (GitHub's time) seen when every open pull request was last known, and
   * every closing up to it: a quick sweep lists only those updated since (less a margin). Absent:
   * read in full. (Kept as `watermark` before quick sweeps saw closings: that one is not trusted,
   * so a cache from then lists each repository in full once.)
   */
  seenUpTo: z.string().optional(),
  /** Which of the project's labels exist in the repository, as GitHub spells them. */
  existingLabels: z.array(z.string()).optional(),
  /** Labels of ours found to exist under another case than configured (a refused creation), as GitHub spells them. */
  learntLabels: z.array(z.string()).optional(),
});
export type CachedRepository = z.infer<typeof CachedRepository>;

export const CacheData = z.object({
  version: z.literal(CACHE_VERSION),
  /** Keyed by lower-cased "owner/name". */
  repositories: z.record(z.string(), CachedRepository),
  /** When the last sweep that read every pull request of every repository started (local clock, ms). */
  lastRescan: z.number().optional(),
});
export type CacheData = z.infer<typeof CacheData>;

export function emptyCache(): CacheData {
  return { version: CACHE_VERSION, repositories: {} };
}
