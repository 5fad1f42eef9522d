// Turns Octokit's errors into ours at the adapter boundary, keeping the status and the cause but
// never the request (its headers carry the token). Rate limits are told apart by status and
// headers only, as GitHub documents them
// (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit):
// "If the retry-after response header is present, you should not retry your request until after
// that many seconds has elapsed. If the x-ratelimit-remaining header is 0, you should not retry
// your request until after the time ... specified by the x-ratelimit-reset header."
import { RequestError } from '@octokit/request-error';
import { AuthError, GitHubError, type GitHubErrorKind, type RateLimitScope, SweeperError } from '../errors.js';
import { transportFailure } from './endpoint-check.js';
import { acceptedPermissions } from './permissions.js';

export type Headers = Record<string, string | number | undefined>;

/**
 * `permission`: what the request needs, as its endpoint's documentation says, for a refusal (403,
 * or a 404 to a write) that does not name it in X-Accepted-GitHub-Permissions.
 */
export function toGitHubError(error: unknown, what: string, permission?: string): SweeperError {
  // Our own errors (refused credentials, an unreachable GitHub) pass through unchanged.
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
    const limited = rateLimited(status, headers, what, scrub(error)) ?? secondaryWithoutRetryAfter(error, what);
    if (limited) return limited;
    const needed = status === 403 || status === 404 ? (acceptedPermissions(headers) ?? permission) : undefined;
    return new GitHubError(`${what} failed: ${status} ${message}`, statusKind(status), {
      status,
      cause: scrub(error),
      ...(needed ? { permission: needed } : {}),
    });
  }
  // @octokit/plugin-throttling throws a plain Error carrying the response when a GraphQL answer
  // says RATE_LIMITED (the primary GraphQL budget is spent, for instance by another tool using the token).
  const data = (error as { data?: { errors?: { type?: string }[] } } | null)?.data;
  if (data?.errors?.some((e) => e.type === 'RATE_LIMITED')) {
    const headers = ((error as { response?: { headers?: Headers } }).response?.headers ?? {}) as Headers;
    return graphqlRateLimited(what, headers, 'RATE_LIMITED');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GitHubError(`${what} failed: ${message}`, 'other');
}

/**
 * A refusal for a rate limit, by status and headers: a primary limit spent (x-ratelimit-remaining
 * 0), or a secondary limit (a retry-after header, or 429) that persisted through the throttling
 * plugin's waits. Null for any other answer.
 */
export function rateLimited(status: number, headers: Headers, what: string, cause?: Error): GitHubError | null {
  if (status !== 403 && status !== 429) return null;
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const resource = headers['x-ratelimit-resource'];
    return new GitHubError(
      `${what} refused: the ${resourceName(resource)} rate limit is spent${resetsAt(headers)}; the next run continues`,
      'rate-limited',
      { status, type: 'RATE_LIMITED', limit: resource === 'graphql' ? 'graphql' : 'rest', cause },
    );
  }
  if (headers['retry-after'] !== undefined || status === 429) {
    return secondaryLimit(what, status, cause);
  }
  return null;
}

/**
 * GitHub's secondary limits cover every request of the token, REST and GraphQL alike; GitHub warns
 * that continuing to send while limited may get the integration banned, so nothing more is sent.
 */
function secondaryLimit(what: string, status: number, cause?: Error): GitHubError {
  return new GitHubError(
    `${what} refused: GitHub's secondary rate limit persisted after waiting as GitHub asked (retry-after); stopping so as not to be banned; the next run continues`,
    'rate-limited',
    { status, limit: 'all' satisfies RateLimitScope, cause },
  );
}

/**
 * A secondary limit GitHub sent without retry-after ("Otherwise, wait for at least one minute",
 * same page): its headers then look like any 403, but its body's `documentation_url` points at the
 * secondary rate limits (`#about-secondary-rate-limits`, formerly `#secondary-rate-limits`), where a
 * refused permission points at the endpoint's own page.
 */
function secondaryWithoutRetryAfter(error: RequestError, what: string): GitHubError | null {
  if (error.status !== 403) return null;
  const docs = (error.response?.data as { documentation_url?: unknown } | undefined)?.documentation_url;
  return typeof docs === 'string' && /#(?:about-)?secondary-rate-limits$/.test(docs) ? secondaryLimit(what, error.status, scrub(error)) : null;
}

/** A GraphQL answer saying the primary GraphQL budget is spent (RATE_LIMITED, or the newer RATE_LIMIT). */
export function graphqlRateLimited(what: string, headers: Headers, type: string): GitHubError {
  return new GitHubError(`${what} refused: the GraphQL API rate limit is spent${resetsAt(headers)}; the next run continues`, 'rate-limited', {
    type,
    limit: 'graphql',
  });
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
