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
  override readonly kind: string = 'auth';
}

/** Another run holds the cache lock. */
export class LockedError extends SweeperError {
  override readonly kind: string = 'locked';
}

/** A GitHub request failed; `status` is the HTTP status when there was one. */
export class GitHubError extends SweeperError {
  override readonly kind: string = 'github';
  constructor(
    message: string,
    readonly status?: number,
    /** GitHub's GraphQL error type, e.g. NOT_FOUND, RATE_LIMITED. */
    readonly type?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The planned writes would turn too many green pull requests red. */
export class MassChangeError extends SweeperError {
  override readonly kind: string = 'mass-change';
}

/** A command or option that is part of the contract but not built yet. */
export class NotSupportedError extends SweeperError {
  override readonly kind: string = 'not-supported';
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
