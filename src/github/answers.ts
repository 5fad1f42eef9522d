// The shapes of GitHub's GraphQL answers, only the fields cla-sweeper uses, checked at the
// boundary. GitHub answers in part when it can only answer in part ("data with nulls and an
// errors array", each error with the `path` of what it could not answer), and its schema lets
// many fields be null (`PullRequest.labels`, every `nodes` item, `GitActor.user`...): an answer
// that does not fit becomes a failure of the repository or pull request it concerns, never a
// TypeError that ends the sweep.
import { z } from 'zod';
import { GitHubError, type GitHubErrorKind } from '../errors.js';
import type { GraphqlErrorItem } from './graphql-runner.js';

export const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** `GitActor`: every field is nullable in the schema; `user` is null for a bot or an unlinked address. */
export const Actor = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  user: z.object({ login: z.string() }).nullable().optional(),
});
export type Actor = z.infer<typeof Actor>;

/** `StatusState`; EXPECTED is a context branch protection waits for and nobody has posted. */
export const StatusContext = z.object({
  state: z.enum(['SUCCESS', 'FAILURE', 'ERROR', 'PENDING', 'EXPECTED']),
  description: z.string().nullable(),
  targetUrl: z.string().nullable(),
  createdAt: z.string().nullable().optional(),
});
export type StatusContext = z.infer<typeof StatusContext>;

/** `status { c0: context(name: $c0) … }`: our contexts on a commit. */
export const Statuses = z.record(z.string(), StatusContext.nullable()).nullable();

/**
 * A commit reached by `object(oid:) { ... on Commit { oid … } }`, with what stands on it: our
 * statuses (`status`, checked here) or our check runs (`k0`, `k1`…, read null-tolerantly by
 * check-runs.ts). An object that is not a commit answers `{}`: nothing of ours stands on it.
 */
export const CommitOnHead = z
  .object({ oid: z.string().optional(), status: Statuses.optional() })
  .passthrough()
  .nullable()
  .transform((c) => (c?.oid ? (c as { oid: string } & Record<string, unknown>) : null));
export type CommitOnHead = z.infer<typeof CommitOnHead>;

export const LabelName = z.object({ name: z.string() });

/** One open pull request as the listing reads it. */
export const ListedNode = z.object({
  number: z.number().int(),
  isDraft: z.boolean(),
  headRefOid: z.string(),
  updatedAt: z.string().nullable(),
  labels: z.object({ nodes: z.array(LabelName) }),
  /** Asked where a listing takes every state (a quick read, newest first). */
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']).optional(),
});
export type ListedNode = z.infer<typeof ListedNode>;

export const CommitNode = z.object({
  commit: z.object({
    oid: z.string(),
    message: z.string(),
    author: Actor.nullable(),
    committer: Actor.nullable().optional(),
  }),
});

export const CommitsPage = z.object({
  number: z.number().int(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  headRefOid: z.string(),
  commits: z.object({ totalCount: z.number().int(), pageInfo: PageInfo, nodes: z.array(CommitNode) }),
});
export type CommitsPage = z.infer<typeof CommitsPage>;

/** Where an answer did not fit, for a person: the first problem and its path. */
export function shapeProblem(error: z.ZodError, at: string): string {
  const issue = error.issues[0];
  const path = [at, ...(issue?.path ?? []).map(String)].join('.');
  return `${path}: ${issue?.message ?? 'unexpected answer'}`;
}

/** The errors GitHub reported at `prefix` or below it. */
export function errorsAt(errors: readonly GraphqlErrorItem[], prefix: readonly (string | number)[]): GraphqlErrorItem[] {
  return errors.filter((e) => e.path && prefix.every((p, i) => e.path![i] === p));
}

/** The kind of a failure GitHub reported for one part of an answer, by its `type`. */
export function partKind(type: string | undefined): GitHubErrorKind {
  if (type === 'NOT_FOUND') return 'not-found';
  if (type === 'FORBIDDEN') return 'forbidden';
  return 'other';
}

/**
 * The failure of one part of an answer (a repository, a pull request): GitHub's own error at its
 * path when it gave one, else what did not fit.
 */
export function partFailure(what: string, errors: readonly GraphqlErrorItem[], problem: string | null): GitHubError {
  const given = errors[0];
  if (given) {
    const type = given.type;
    return new GitHubError(`GitHub did not answer for ${what}${type ? ` (${type})` : ''}: ${given.message}`, partKind(type), {
      ...(type ? { type } : {}),
      ...(type === 'NOT_FOUND' ? { status: 404 } : {}),
    });
  }
  return new GitHubError(
    problem ? `GitHub answered ${what} in a shape cla-sweeper does not expect (${problem})` : `GitHub answered null for ${what}`,
    'other',
  );
}
