// How the readers turn a failed batch into the error of each repository in it.
import { GitHubError, isBudgetStop } from '../errors.js';

export function asGitHubError(error: unknown, what: string): GitHubError {
  if (error instanceof GitHubError) return error;
  return new GitHubError(`${what}: ${error instanceof Error ? error.message : String(error)}`, 'other');
}

/** Errors that concern these repositories only; others (auth, budget, rate limit) end the sweep. */
export function isPerRepoFailure(error: unknown): boolean {
  return error instanceof GitHubError && !isBudgetStop(error);
}
