// How the readers turn a failed batch into the error of each repository in it.
import { GitHubError, isBudgetStop } from '../errors.js';
import { splitRepo } from './shapes.js';

export function asGitHubError(error: unknown, what: string): GitHubError {
  if (error instanceof GitHubError) return error;
  return new GitHubError(`${what}: ${error instanceof Error ? error.message : String(error)}`, 'other');
}

/** Errors that concern these repositories only; others (auth, budget, rate limit) end the sweep. */
export function isPerRepoFailure(error: unknown): boolean {
  return error instanceof GitHubError && !isBudgetStop(error);
}

/**
 * GitHub answers `repository(owner:, name:)` for a repository's old name after a rename or a
 * transfer (`followRenames` defaults to true: "If disabled, a repository referenced by its old
 * name will return an error", GraphQL reference, Query.repository), and redirects REST requests to
 * the old name, writes included ("Best practices for using the REST API", Follow redirects). A
 * repository configured by name that now lives under another owner is no longer the one the
 * configuration means: it is failed, so that nothing is read from or written to it. A rename
 * within the same owner is the same repository; it is swept as configured.
 */
export function movedAway(configured: string, nameWithOwner: string): GitHubError | null {
  if (splitRepo(configured)[0].toLowerCase() === splitRepo(nameWithOwner)[0].toLowerCase()) return null;
  return new GitHubError(
    `${configured} has moved to ${nameWithOwner} (transferred to another owner): nothing is read or written there; put "${nameWithOwner}" in repositories if it should still be swept`,
    'not-found',
  );
}
