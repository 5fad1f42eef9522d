// Turns Octokit's errors into ours at the adapter boundary, keeping the status and the cause but
// never the request (its headers carry the token).
import { RequestError } from '@octokit/request-error';
import { AuthError, GitHubError } from '../errors.js';

export function toGitHubError(error: unknown, what: string): AuthError | GitHubError {
  if (error instanceof AuthError || error instanceof GitHubError) return error;
  if (error instanceof RequestError) {
    const status = error.status;
    const message = githubMessage(error);
    if (status === 401) {
      return new AuthError(
        `GitHub refused the credentials (401 ${message}) during ${what}: check that GITHUB_TOKEN holds a valid, unexpired token for this GitHub (GITHUB_API_URL)`,
      );
    }
    const rateLimited =
      status === 403 && (error.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message));
    return new GitHubError(`${what} failed: ${status} ${message}`, status, rateLimited ? 'RATE_LIMITED' : undefined, {
      cause: scrub(error),
    });
  }
  if (error instanceof Error && error.name === 'HttpError') {
    return new GitHubError(`${what} failed: ${error.message}`, undefined, undefined);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GitHubError(`${what} failed: ${message}`, undefined, undefined);
}

function githubMessage(error: RequestError): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : error.message.split(' - ')[0] ?? 'error';
}

/** A copy of the error with the request (and its Authorization header) dropped. */
function scrub(error: RequestError): Error {
  const copy = new Error(error.message);
  copy.name = error.name;
  return copy;
}
