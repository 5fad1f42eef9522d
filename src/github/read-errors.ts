// How the readers turn per-alias GraphQL failures into our errors.
import { GitHubError, isBudgetStop } from '../errors.js';
import type { GraphqlErrorItem } from './graphql-runner.js';

/** The error GitHub gave for one alias of a batched document. */
export function notFound(errors: GraphqlErrorItem[], alias: string): GraphqlErrorItem | undefined {
  return errors.find((e) => e.path?.[0] === alias);
}

export function repoError(what: string, message: string | undefined): GitHubError {
  return new GitHubError(message ?? `${what} could not be read (not found, or no access for this token)`, 'not-found', { status: 404, type: 'NOT_FOUND' });
}

export function asGitHubError(error: unknown, what: string): GitHubError {
  if (error instanceof GitHubError) return error;
  return new GitHubError(`${what}: ${error instanceof Error ? error.message : String(error)}`, 'other');
}

/** Errors that concern these repositories only; others (auth, budget, rate limit) end the sweep. */
export function isPerRepoFailure(error: unknown): boolean {
  return error instanceof GitHubError && !isBudgetStop(error);
}
