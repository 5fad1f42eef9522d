// Turns Octokit's errors into ours at the adapter boundary, keeping the status and the cause but
// never the request (its headers carry the token).
import { RequestError } from '@octokit/request-error';
import { AuthError, GitHubError, type GitHubErrorKind, SweeperError } from '../errors.js';
import { transportFailure } from './endpoint-check.js';

type Headers = Record<string, string | number | undefined>;

/** Our own errors (refused credentials, an unreachable GitHub) pass through unchanged. */
export function toGitHubError(error: unknown, what: string): SweeperError {
  if (error instanceof SweeperError) return error;
  const failure = transportFailure(error);
  if (failure) {
    // No HTTP status: nothing answered (a reset connection, a timeout). Retried already.
    return new GitHubError(`${what} failed: no answer from GitHub (${failure.code ?? failure.message})`, 'unreachable', {
      cause: scrub(error as RequestError),
    });
  }
  if (error instanceof RequestError) {
    const status = error.status;
    const message = githubMessage(error);
    if (status === 401) {
      return new AuthError(
        `GitHub refused the credentials (401 ${message}) during ${what}: check that GITHUB_TOKEN holds a valid, unexpired token for this GitHub (GITHUB_API_URL)`,
      );
    }
    const headers = (error.response?.headers ?? {}) as Headers;
    if ((status === 403 || status === 429) && String(headers['x-ratelimit-remaining']) === '0') {
      return new GitHubError(
        `${what} refused: the ${resourceName(headers['x-ratelimit-resource'])} rate limit is spent${resetsAt(headers)}; the next run continues`,
        'rate-limited',
        { status, type: 'RATE_LIMITED', cause: scrub(error) },
      );
    }
    return new GitHubError(`${what} failed: ${status} ${message}`, statusKind(status), { status, cause: scrub(error) });
  }
  // @octokit/plugin-throttling throws a plain Error carrying the response when a GraphQL answer
  // says RATE_LIMITED (the primary GraphQL budget is spent, for instance by another tool using the token).
  const data = (error as { data?: { errors?: { type?: string }[] } } | null)?.data;
  if (data?.errors?.some((e) => e.type === 'RATE_LIMITED')) {
    const headers = ((error as { response?: { headers?: Headers } }).response?.headers ?? {}) as Headers;
    return new GitHubError(`${what} refused: the GraphQL API rate limit is spent${resetsAt(headers)}; the next run continues`, 'rate-limited', {
      type: 'RATE_LIMITED',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GitHubError(`${what} failed: ${message}`, 'other');
}

/** The kind of an HTTP error status that is not a rate limit. */
export function statusKind(status: number): GitHubErrorKind {
  if (status >= 500) return 'server';
  if (status === 404) return 'not-found';
  if (status === 403) return 'forbidden';
  return 'invalid';
}

/** GitHub names its budgets `core` (REST), `graphql`, `search` and so on. */
function resourceName(resource: string | number | undefined): string {
  if (resource === undefined || resource === 'core') return 'REST API';
  return resource === 'graphql' ? 'GraphQL API' : `${resource} API`;
}

function resetsAt(headers: Headers): string {
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
}

function githubMessage(error: RequestError): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  if (typeof data?.message === 'string') return data.message;
  // A page that is not GitHub's JSON (its HTML outage page, a proxy's): its text is no message.
  if (typeof data === 'string' || data instanceof ArrayBuffer) return `(${contentTypeOf(error)} answer)`;
  return error.message.split(' - ')[0] ?? 'error';
}

function contentTypeOf(error: RequestError): string {
  const type = error.response?.headers['content-type'];
  return typeof type === 'string' && type ? type.split(';')[0]!.trim() : 'non-JSON';
}

/** A copy of the error with the request (and its Authorization header) dropped. */
function scrub(error: RequestError): Error {
  const copy = new Error(error.message);
  copy.name = error.name;
  return copy;
}
