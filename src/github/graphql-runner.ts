// Sends GraphQL documents: keeps partial data when some aliases fail, records cost and budget,
// refuses to start a request that would eat into the reserve, and splits batches GitHub refuses
// for size or time.
import { GraphqlResponseError } from '@octokit/graphql';
import type { GitHubClient } from './client.js';
import type { RateLimitInfo } from './queries.js';
import { graphqlRateLimited, type Headers, toGitHubError } from './errors.js';
import { AuthError, GitHubError, type GitHubErrorKind, GitHubUnreachableError, isRateLimited, isSizeProblem } from '../errors.js';
import type { Logger } from '../log.js';
import { RateLimitLatch } from './rate-limit-latch.js';

export interface GraphqlErrorItem {
  type?: string;
  /** The newer rate-limit answer carries `code: "graphql_rate_limit"` beside `type: "RATE_LIMIT"`. */
  code?: string;
  message: string;
  path?: (string | number)[];
}

export interface GraphqlResult<T> {
  data: T;
  errors: GraphqlErrorItem[];
}

/** Raised before a request that would take the budget below the reserve: no request is sent. */
export function budgetReserved(remaining: number, reserve: number, resetAt: string | null): GitHubError {
  return new GitHubError(
    `GraphQL budget low (${remaining} points left, reserve ${reserve}${resetAt ? `, resets at ${resetAt}` : ''}): stopping; the next run continues`,
    'budget',
  );
}

/** Retries of a 5xx on a batch that can be split instead. */
const SPLITTABLE_RETRIES = 1;

export interface RunnerStats {
  requests: Record<string, number>;
  costPoints: number;
  rateLimit: RateLimitInfo | null;
}

export class GraphqlRunner {
  readonly stats: RunnerStats = { requests: {}, costPoints: 0, rateLimit: null };

  constructor(
    private readonly client: GitHubClient,
    private readonly log: Logger,
    /** Points kept in reserve: no new request starts below this. */
    private readonly reservePoints: number,
    /** Shared with the REST writer: a rate limit GitHub reports closes what it covers for the rest of the run. */
    private readonly latch: RateLimitLatch = new RateLimitLatch(),
  ) {}

  /** Throws a `budget` GitHubError when `estimate` points would take us under the reserve. */
  checkBudget(estimate = 1): void {
    const rl = this.stats.rateLimit;
    if (rl && rl.remaining - estimate < this.reservePoints) {
      throw budgetReserved(rl.remaining, this.reservePoints, rl.resetAt);
    }
  }

  /**
   * `useReserve`: may spend the reserved points (small safety reads only).
   * `splittable`: the caller halves the batch when GitHub times out or refuses its size, so a 5xx
   * is retried once only rather than up to four times at a size that may never pass.
   */
  async run<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    estimate = 1,
    opts: { splittable?: boolean; useReserve?: boolean } = {},
  ): Promise<GraphqlResult<T>> {
    // The reserve exists for reads that keep writes safe (is a pull request still open?).
    if (!opts.useReserve) this.checkBudget(estimate);
    this.latch.check('graphql');
    this.stats.requests[operation] = (this.stats.requests[operation] ?? 0) + 1;
    try {
      const data = await this.client.graphql<T & { rateLimit?: RateLimitInfo }>(query, {
        ...variables,
        ...(opts.splittable ? { request: { retries: SPLITTABLE_RETRIES } } : {}),
      });
      this.record(data.rateLimit);
      return { data, errors: [] };
    } catch (error) {
      const refused = error instanceof GraphqlResponseError ? this.answered<T>(operation, error) : toGitHubError(error, operation);
      if ('data' in refused) return refused;
      this.latch.note(refused);
      throw refused;
    }
  }

  /**
   * An answer with `errors`: partial data to hand back, or the error that concerns the whole
   * document. Told apart by GitHub's `type` and `code`, the headers and where the errors point,
   * never by the message.
   */
  private answered<T>(operation: string, error: GraphqlResponseError<unknown>): GraphqlResult<T> | GitHubError {
    const data = (error.data ?? null) as (T & { rateLimit?: RateLimitInfo }) | null;
    this.record(data?.rateLimit);
    const errors = (error.errors ?? []) as GraphqlErrorItem[];
    const headers = (error.headers ?? {}) as Headers;
    // Not the GraphqlResponseError itself: it holds the request options.
    const cause = new Error(error.message);
    // {"type":"RATE_LIMITED"} or, newer, {"type":"RATE_LIMIT","code":"graphql_rate_limit"} (yanyongyu/githubkit#271).
    const limit = errors.find((e) => e.type === 'RATE_LIMITED' || e.type === 'RATE_LIMIT' || e.code === 'graphql_rate_limit');
    if (limit || (data == null && String(headers['x-ratelimit-remaining']) === '0')) {
      return graphqlRateLimited(operation, headers, limit?.type ?? 'RATE_LIMITED');
    }
    // "Resource limits for this query exceeded" comes with partial data: the query asked too much
    // at once, so it is asked again in smaller parts ("Rate limits and query limits for the GraphQL
    // API", Other resource limits).
    const resources = errors.find((e) => e.type === 'RESOURCE_LIMITS_EXCEEDED');
    if (resources) {
      return new GitHubError(`GitHub refused ${operation} for the resources it needs: ${resources.message}`, 'too-large', { type: resources.type, cause });
    }
    // Errors without a path concern the whole document (validation, server trouble).
    const global = errors.find((e) => !e.path || e.path.length === 0);
    if (global || data == null) {
      const type = global?.type ?? errors[0]?.type;
      return new GitHubError(`GitHub refused ${operation}: ${global?.message ?? errors[0]?.message ?? 'no data'}`, graphqlKind(type), { type, cause });
    }
    return { data, errors };
  }

  private record(rl: RateLimitInfo | undefined): void {
    if (!rl) return;
    this.stats.costPoints += rl.cost;
    this.stats.rateLimit = rl;
    this.log.debug({ cost: rl.cost, remaining: rl.remaining }, 'graphql cost');
  }
}

/** The kind of a GraphQL error that concerns the whole document, by GitHub's `type`. */
function graphqlKind(type: string | undefined): GitHubErrorKind {
  switch (type) {
    case 'RATE_LIMITED':
      return 'rate-limited';
    case 'MAX_NODE_LIMIT_EXCEEDED':
    case 'RESOURCE_LIMITS_EXCEEDED':
    case 'TIMEOUT':
      return 'too-large';
    case 'NOT_FOUND':
      return 'not-found';
    case 'FORBIDDEN':
      return 'forbidden';
    default:
      // ("Something went wrong while executing your query", GitHub's answer to a timeout, reaches
      // us as a 500 from the retry plugin, not here.)
      return 'other';
  }
}

/** Refused credentials, or a GITHUB_API_URL that cannot work: no item of any batch can succeed. */
export function endsTheRun(error: unknown): boolean {
  return error instanceof AuthError || error instanceof GitHubUnreachableError;
}

/**
 * Runs `items` in batches of at most `size`; a batch that fails for size is halved and retried,
 * down to single items. Items that still fail are handed to `onFailure`.
 */
export async function runInBatches<I>(
  items: I[],
  size: number,
  runBatch: (batch: I[]) => Promise<void>,
  onFailure: (item: I, error: unknown) => void,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await runSplitting(items.slice(i, i + size), runBatch, onFailure);
  }
}

async function runSplitting<I>(
  batch: I[],
  runBatch: (batch: I[]) => Promise<void>,
  onFailure: (item: I, error: unknown) => void,
): Promise<void> {
  try {
    await runBatch(batch);
  } catch (error) {
    if (error instanceof GitHubError && error.kind === 'budget') throw error;
    if (batch.length > 1 && isSizeProblem(error)) {
      const half = Math.ceil(batch.length / 2);
      await runSplitting(batch.slice(0, half), runBatch, onFailure);
      await runSplitting(batch.slice(half), runBatch, onFailure);
      return;
    }
    if (endsTheRun(error) || isRateLimited(error)) throw error;
    for (const item of batch) onFailure(item, error);
  }
}
