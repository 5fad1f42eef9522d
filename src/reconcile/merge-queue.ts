// Merge queues in a sweep: after the pull requests are read and planned, the queue of each
// repository's default branch is read (one batched request for many repositories), and each
// group's head commit gets each check from the verdicts of its pull requests: those this sweep
// decided, or, for one it did not read, the cache's facts of exactly the queued head. No commit
// is read for them.
import type { Check } from '../checks/check.js';
import { GitHubError, isBudgetStop } from '../errors.js';
import type { Logger } from '../log.js';
import { planMergeGroups, type VerdictOf } from './merge-groups.js';
import type { RepoPlan } from './model.js';
import type { FactsCache, MergeQueueListing, MergeQueueReads } from './ports.js';
import type { PublishMode } from './publication.js';
import type { SweepSummary } from './summary.js';

/** How a sweep publishes (default: statuses, no merge queues). */
export interface Publishing {
  /** Each verdict as a commit status or a check run. */
  publish: PublishMode;
  /** Also publish each check on the merge queue's group commits. */
  mergeQueue: boolean;
}

export interface MergeQueueDeps {
  github: Partial<MergeQueueReads>;
  cache: FactsCache;
  log: Logger;
}

/** Adds the merge groups' writes to the plans of the repositories that have a queue. */
export async function planMergeQueues(
  plans: RepoPlan[],
  deps: MergeQueueDeps,
  opts: { checks: readonly Check[]; publishing?: Publishing; offboard: string | null },
  summary: SweepSummary,
): Promise<void> {
  const reader = deps.github.readMergeQueues?.bind(deps.github);
  // A repository the listing found without a merge queue has none to read.
  const queued = plans.filter((p) => p.hasMergeQueue !== false);
  if (!opts.publishing?.mergeQueue || opts.offboard !== null || !reader || queued.length === 0 || summary.stopped) return;
  let queues: Map<string, MergeQueueListing | null | GitHubError>;
  try {
    queues = await reader(queued.map((p) => p.repo));
  } catch (error) {
    if (isBudgetStop(error)) summary.stopped ??= error.message;
    else if (error instanceof GitHubError) deps.log.warn({ error: error.message }, 'could not read the merge queues: their groups get nothing this run');
    else throw error;
    return;
  }
  for (const plan of queued) {
    const queue = queues.get(plan.repo);
    if (queue instanceof GitHubError) {
      deps.log.warn({ repo: plan.repo, error: queue.message }, 'could not read the merge queue: its groups get nothing this run');
      continue;
    }
    if (!queue) continue;
    const groups = planMergeGroups(queue, opts.checks, verdicts(plan, deps.cache), opts.publishing.publish);
    if (groups.length > 0) plan.mergeGroups = groups;
  }
}

/** This sweep's decision on exactly this head, or else the verdict of the cache's facts of it. */
function verdicts(plan: RepoPlan, cache: FactsCache): VerdictOf {
  const decided = new Map(plan.pullRequests.flatMap((pr) => pr.decisions.map((d) => [`${d.number} ${d.sha} ${d.check}`, d.verdict] as const)));
  return (number, headSha, check) => {
    const known = decided.get(`${number} ${headSha} ${check.name}`);
    if (known) return known;
    const head = cache.head(plan.repo, number);
    return head?.headSha === headSha && check.hasFacts(head.facts) ? check.decide(head) : null;
  };
}
