// Reads the merge queues of many repositories at once, with what stands for each check on each
// group's head commit: statuses in the same request, check runs in a second one for the heads
// there are.
import type { GitHubError } from '../errors.js';
import type { MergeQueueListing, QueueEntry } from '../reconcile/ports.js';
import { type GraphqlRunner, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';
import { asGitHubError, notFound, repoError } from './read-errors.js';
import { publishedOn, splitRepo } from './shapes.js';

/** Repositories per request: one `entries` connection each, so 100 cost 1 point. */
const QUEUES_PER_REQUEST = 100;
/** Connection requests per check-run request: under 150, 1 point. */
const UNITS_PER_REQUEST = 149;

type GqlCommit = ({ oid: string } & Record<string, unknown>) | null;
type GqlEntry = { position: number; headCommit: GqlCommit; pullRequest: { number: number; headRefOid: string } | null } | null;
type GqlRepo = { mergeQueue: { entries: { nodes: GqlEntry[] | null } | null } | null } | null;

export async function readMergeQueues(
  runner: GraphqlRunner,
  shape: q.ReadShape,
  repos: string[],
): Promise<Map<string, MergeQueueListing | null | GitHubError>> {
  const out = new Map<string, MergeQueueListing | null | GitHubError>();
  await runInBatches(
    repos,
    QUEUES_PER_REQUEST,
    async (batch) => {
      const vars: Record<string, unknown> = shape.checkRunsOf ? {} : q.contextValues(shape);
      batch.forEach((r, i) => {
        [vars[`o${i}`], vars[`n${i}`]] = splitRepo(r);
      });
      const { data, errors } = await runner.run<Record<string, GqlRepo>>('ReadMergeQueues', q.readMergeQueues(batch.length, shape), vars, 1, {
        splittable: batch.length > 1,
      });
      batch.forEach((repo, i) => {
        const node = data[`q${i}`];
        if (!node) {
          out.set(repo, repoError(repo, notFound(errors, `q${i}`)?.message));
          return;
        }
        const entries = node.mergeQueue?.entries?.nodes;
        out.set(repo, entries ? { repo, entries: entries.flatMap((e) => (e ? [toEntry(e, shape)] : [])) } : null);
      });
    },
    (repo, error) => out.set(repo, asGitHubError(error, repo)),
  );
  if (shape.checkRunsOf) await readGroupRuns(runner, shape, out);
  return out;
}

function toEntry(e: NonNullable<GqlEntry>, shape: q.ReadShape): QueueEntry {
  return {
    position: e.position,
    number: e.pullRequest?.number ?? null,
    headSha: e.pullRequest?.headRefOid ?? null,
    groupSha: e.headCommit?.oid ?? null,
    // Check runs are read next; until then (and if that fails) nothing is known to stand there.
    published: shape.checkRunsOf ? {} : publishedOn(e.headCommit, shape),
  };
}

/**
 * Our check runs on the group heads. A head whose runs could not be read keeps `published`
 * empty, which the plan reads as "not read": no write is planned for it.
 */
async function readGroupRuns(runner: GraphqlRunner, shape: q.ReadShape, queues: Map<string, MergeQueueListing | null | GitHubError>): Promise<void> {
  const heads: { repo: string; entry: QueueEntry & { groupSha: string } }[] = [];
  for (const [repo, queue] of queues) {
    if (!queue || !('entries' in queue)) continue;
    for (const entry of queue.entries) if (entry.groupSha !== null) heads.push({ repo, entry: entry as QueueEntry & { groupSha: string } });
  }
  const perRequest = Math.max(1, Math.floor(UNITS_PER_REQUEST / q.publishedUnits(shape)));
  await runInBatches(
    heads,
    perRequest,
    async (batch) => {
      const vars = q.contextValues(shape);
      batch.forEach((h, i) => {
        [vars[`o${i}`], vars[`n${i}`]] = splitRepo(h.repo);
        vars[`h${i}`] = h.entry.groupSha;
      });
      type Node = { object: GqlCommit } | null;
      const estimate = Math.max(1, Math.round((batch.length * q.publishedUnits(shape)) / 100));
      const { data } = await runner.run<Record<string, Node>>('ReadCommitsPublished', q.readCommitsPublished(batch.length, shape), vars, estimate, {
        splittable: batch.length > 1,
      });
      batch.forEach((h, i) => {
        const commit = data[`h${i}`]?.object;
        if (commit?.oid === h.entry.groupSha) h.entry.published = publishedOn(commit, shape);
      });
    },
    () => undefined,
  );
}
