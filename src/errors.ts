// The few error types a sweep can end with; the CLI maps each to an exit status.

/** Base class: a problem the person running cla-sweeper can act on. */
export class SweeperError extends Error {
  /** The exit status the CLI ends with. */
  readonly exitCode: number = 1;
  /** What kind of problem, for `--json` (`{ "error": { "kind", "message" } }`). */
  readonly kind: string = 'error';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The configuration file is missing, unreadable or invalid. */
export class ConfigError extends SweeperError {
  override readonly kind: string = 'config';
  constructor(
    readonly file: string,
    /** Dotted key path such as `repositories[2]`, or empty for the whole file. */
    readonly key: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${key ? `${key}: ` : ''}${detail}`);
  }
}

/** The signatories list could not be read or is malformed: nothing is written. */
export class SignatoriesError extends SweeperError {
  override readonly kind: string = 'signatories';
  constructor(
    readonly source: string,
    readonly detail: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(`signatories ${source}${line ? `:${line}` : ''}: ${detail}`, options);
  }
}

/** GitHub refused our credentials. */
export class AuthError extends SweeperError {
  override readonly kind = 'auth' as const;
}

/** Another run holds the cache lock. */
export class LockedError extends SweeperError {
  override readonly kind: string = 'locked';
}

/**
 * What went wrong with a GitHub request, as far as the sweep's decisions go:
 * - `budget`: our own reserve of GraphQL points is reached (no request was sent);
 * - `rate-limited`: GitHub says a rate limit is spent; sending more could get the token banned;
 * - `too-large`: GitHub timed out or refused the size of a request: ask for less;
 * - `server`: a 5xx that persisted through the retries;
 * - `not-found`: the repository or pull request does not exist, or the token cannot see it;
 * - `forbidden`: the token may read but not do this (a permission is missing);
 * - `invalid`: GitHub refused the request as invalid (a 4xx such as 422);
 * - `unreachable`: no answer from GitHub at all (connection refused, unknown host);
 * - `other`: anything else.
 */
export type GitHubErrorKind =
  | 'budget'
  | 'rate-limited'
  | 'too-large'
  | 'server'
  | 'not-found'
  | 'forbidden'
  | 'invalid'
  | 'unreachable'
  | 'other';

/** Which requests a spent rate limit stops: GraphQL's or REST's own budget, or all (a secondary limit). */
export type RateLimitScope = 'graphql' | 'rest' | 'all';

export interface GitHubErrorDetails {
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** GitHub's GraphQL error type, e.g. NOT_FOUND, RATE_LIMITED. */
  type?: string;
  /** For `rate-limited`: which requests must not be sent any more this run. */
  limit?: RateLimitScope;
  /**
   * For a refused write (`forbidden`, or a 404 on a write to a repository just read): the
   * permission it needs, as GitHub names it in X-Accepted-GitHub-Permissions or as its endpoint
   * requires, e.g. "Commit statuses: write".
   */
  permission?: string;
  cause?: unknown;
}

/** A GitHub request failed. */
export class GitHubError extends SweeperError {
  readonly status?: number;
  readonly type?: string;
  readonly limit?: RateLimitScope;
  readonly permission?: string;
  constructor(
    message: string,
    override readonly kind: GitHubErrorKind,
    details: GitHubErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.type = details.type;
    this.limit = details.limit;
    this.permission = details.permission;
  }
}

/** The planned writes would turn too many green pull requests red. */
export class MassChangeError extends SweeperError {
  override readonly kind: string = 'mass-change';
}

/** An environment variable holds a value cla-sweeper cannot use. */
export class EnvError extends SweeperError {
  override readonly kind: string = 'environment';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable} ${detail}`);
  }
}

/**
 * GitHub cannot be reached at GITHUB_API_URL, or what answers there is not GitHub's API: a
 * misconfiguration that no retry and no later run fixes, so the run ends at once (exit 1).
 */
export class GitHubUnreachableError extends SweeperError {
  override readonly kind: string = 'github-unreachable';
}

/** The cache (`cache.file`) or its lock cannot be written: a sweep would lose its work. */
export class CacheError extends SweeperError {
  override readonly kind: string = 'cache';
  constructor(
    readonly file: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`cache.file ${file}: ${detail}`, options);
  }
}

/** No further GitHub request can succeed this run: a budget is spent or kept in reserve. */
export function isBudgetStop(error: unknown): error is GitHubError {
  return error instanceof GitHubError && (error.kind === 'budget' || error.kind === 'rate-limited');
}

/** GitHub says a rate limit is spent: stop sending. */
export function isRateLimited(error: unknown): error is GitHubError {
  return error instanceof GitHubError && error.kind === 'rate-limited';
}

/**
 * Whether a failed batch may succeed when asked for less: GitHub timed out or refused the size, or
 * answered 5xx (a batch that can be split is retried once only, and its halves again).
 */
export function isSizeProblem(error: unknown): error is GitHubError {
  return error instanceof GitHubError && (error.kind === 'too-large' || error.kind === 'server');
}

/** Errors after which nothing more can be asked of GitHub this run: refused credentials or a spent budget. */
export function endsRun(error: unknown): boolean {
  return error instanceof AuthError || isBudgetStop(error);
}
