// Reads the merge queues of many repositories at once, with what stands for each check on each
// group's head commit: statuses in the same request, check runs in a second one for the heads
// there are.
import { z } from 'zod';
import type { GitHubError } from '../errors.js';
import type { MergeQueueListing, QueueEntry } from '../reconcile/ports.js';
import { CommitOnHead, errorsAt, partFailure, shapeProblem } from './answers.js';
import { type GraphqlRunner, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';
import { asGitHubError } from './read-errors.js';
import { publishedOn, splitRepo } from './shapes.js';

/** Repositories per request: one `entries` connection each, so 100 cost 1 point. */
const QUEUES_PER_REQUEST = 100;
/** Connection requests per check-run request: under 150, 1 point. */
const UNITS_PER_REQUEST = 149;

const QueueAnswer = z.object({
  mergeQueue: z.object({ entries: z.object({ nodes: z.array(z.unknown()).nullable() }).nullable() }).nullable(),
});
const EntryNode = z.object({
  position: z.number().int(),
  headCommit: CommitOnHead.optional(),
  pullRequest: z.object({ number: z.number().int(), headRefOid: z.string() }).nullable(),
});
type GqlEntry = z.infer<typeof EntryNode>;

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
      const { data, errors } = await runner.run<Record<string, unknown>>('ReadMergeQueues', q.readMergeQueues(batch.length, shape), vars, 1, {
        splittable: batch.length > 1,
      });
      batch.forEach((repo, i) => {
        const node = QueueAnswer.safeParse(data[`q${i}`]);
        const problems = errorsAt(errors, [`q${i}`]);
        if (data[`q${i}`] == null || !node.success) {
          out.set(repo, partFailure(`the merge queue of ${repo}`, problems, data[`q${i}`] == null || node.success ? null : shapeProblem(node.error, `q${i}`)));
          return;
        }
        const nodes = node.data.mergeQueue?.entries?.nodes;
        if (!nodes) {
          out.set(repo, problems.length > 0 ? partFailure(`the merge queue of ${repo}`, problems, null) : null);
          return;
        }
        // A group passes only with every entry ahead of it: an entry not read leaves the whole queue unknown.
        const entries: GqlEntry[] = [];
        for (const [k, raw] of nodes.entries()) {
          const entry = EntryNode.safeParse(raw);
          const at = [`q${i}`, 'mergeQueue', 'entries', 'nodes', k];
          const wrong = errorsAt(errors, at);
          if (!entry.success || wrong.length > 0) {
            out.set(repo, partFailure(`an entry of the merge queue of ${repo}`, wrong, entry.success ? null : shapeProblem(entry.error, at.join('.'))));
            return;
          }
          entries.push(entry.data);
        }
        out.set(repo, { repo, entries: entries.map((e) => toEntry(e, shape)) });
      });
    },
    (repo, error) => out.set(repo, asGitHubError(error, repo)),
  );
  if (shape.checkRunsOf) await readGroupRuns(runner, shape, out);
  return out;
}

function toEntry(e: GqlEntry, shape: q.ReadShape): QueueEntry {
  return {
    position: e.position,
    number: e.pullRequest?.number ?? null,
    headSha: e.pullRequest?.headRefOid ?? null,
    groupSha: e.headCommit?.oid ?? null,
    // Check runs are read next; until then (and if that fails) nothing is known to stand there.
    published: shape.checkRunsOf ? {} : publishedOn(e.headCommit ?? null, shape),
  };
}

const HeadAnswer = z.object({ object: CommitOnHead }).nullable();

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
      const estimate = Math.max(1, Math.round((batch.length * q.publishedUnits(shape)) / 100));
      const { data, errors } = await runner.run<Record<string, unknown>>('ReadCommitsPublished', q.readCommitsPublished(batch.length, shape), vars, estimate, {
        splittable: batch.length > 1,
      });
      batch.forEach((h, i) => {
        const read = HeadAnswer.safeParse(data[`h${i}`]);
        const commit = read.success ? read.data?.object : null;
        // What could not be read stays unknown: no write is planned for it.
        if (commit?.oid === h.entry.groupSha && errorsAt(errors, [`h${i}`]).length === 0) h.entry.published = publishedOn(commit, shape);
      });
    },
    () => undefined,
  );
}
