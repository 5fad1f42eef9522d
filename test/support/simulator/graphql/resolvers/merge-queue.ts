// Merge queues as the schema has them: `Repository.mergeQueue(branch:)` ("otherwise the default
// branch if not provided"; null where the branch has no queue), its entries in queue order with
// `position` (1 is next to merge), `state`, `headCommit` (the merge group's commit), `baseCommit`,
// `pullRequest`; and `PullRequest.mergeQueueEntry`, `isInMergeQueue`, `isMergeQueueEnabled`.
// `MergeQueueConfiguration` answers GitHub's ruleset defaults (docs, "Managing a merge queue":
// build concurrency 5, minimum group size 1, maximum 5, wait time 5 minutes, status check timeout
// 60 minutes, ALLGREEN).
import type { SimMergeQueue, SimPullRequest, SimRepository } from '../../world.js';
import { paginate } from '../connection.js';
import {
  actorByLogin,
  commitSrc,
  fullName,
  type MergeQueueEntrySrc,
  type MergeQueueSrc,
  pullSrc,
  repoSrc,
  repoUrl,
  type TypeResolvers,
} from '../sources.js';

export function queueSrc(repo: SimRepository, queue: SimMergeQueue): MergeQueueSrc {
  return { __typename: 'MergeQueue', repo, queue };
}

export function entryOf(repo: SimRepository, pr: SimPullRequest): MergeQueueEntrySrc | null {
  const queue = repo.mergeQueues.get(pr.baseRefName);
  const entry = queue?.entries.find((e) => e.pullRequest === pr.number);
  return queue && entry ? { __typename: 'MergeQueueEntry', repo, queue, entry } : null;
}

const DEFAULT_CONFIGURATION = {
  checkResponseTimeout: 60,
  maximumEntriesToBuild: 5,
  maximumEntriesToMerge: 5,
  mergeMethod: 'MERGE',
  mergingStrategy: 'ALLGREEN',
  minimumEntriesToMerge: 1,
  minimumEntriesToMergeWaitTime: 5,
};

export const mergeQueueResolvers: TypeResolvers<MergeQueueSrc> = {
  id: ({ queue }) => queue.nodeId,
  configuration: () => DEFAULT_CONFIGURATION,
  entries: ({ repo, queue }, args) =>
    paginate(
      queue.entries.map((entry): MergeQueueEntrySrc => ({ __typename: 'MergeQueueEntry', repo, queue, entry })),
      args,
      (e) => String(e.entry.id),
    ),
  nextEntryEstimatedTimeToMerge: () => null,
  repository: ({ repo }) => repoSrc(repo),
  url: ({ repo, queue }) => `${repoUrl(repo)}/queue/${queue.branch}`,
  resourcePath: ({ repo, queue }) => `/${fullName(repo)}/queue/${queue.branch}`,
};

export const mergeQueueEntryResolvers: TypeResolvers<MergeQueueEntrySrc> = {
  id: ({ entry }) => entry.nodeId,
  position: ({ queue, entry }) => queue.entries.indexOf(entry) + 1,
  state: ({ entry }) => entry.state,
  headCommit: ({ repo, entry }, _, ctx) => {
    const commit = ctx.world.commits.get(entry.headSha);
    return commit ? commitSrc(repo, commit) : null;
  },
  baseCommit: ({ repo, entry }, _, ctx) => {
    const commit = ctx.world.commits.get(entry.baseSha);
    return commit ? commitSrc(repo, commit) : null;
  },
  pullRequest: ({ repo, entry }) => {
    const pr = repo.pullRequests.get(entry.pullRequest);
    return pr ? pullSrc(repo, pr) : null;
  },
  enqueuedAt: ({ entry }) => entry.enqueuedAt,
  enqueuer: ({ entry }, _, ctx) => actorByLogin(ctx.world, entry.enqueuer) ?? actorByLogin(ctx.world, 'ghost'),
  estimatedTimeToMerge: () => null,
  jump: ({ entry }) => entry.jump,
  solo: ({ entry }) => entry.solo,
  mergeQueue: ({ repo, queue }) => queueSrc(repo, queue),
};
