// Sends GraphQL documents: keeps partial data when some aliases fail, records cost and budget,
// refuses to start a request that would eat into the reserve, and splits batches GitHub refuses
// for size or time.
import { GraphqlResponseError } from '@octokit/graphql';
import type { GitHubClient } from './client.js';
import type { RateLimitInfo } from './queries.js';
import { toGitHubError } from './errors.js';
import { AuthError, GitHubError, type GitHubErrorKind, GitHubUnreachableError, isRateLimited, isSizeProblem } from '../errors.js';
import type { Logger } from '../log.js';

export interface GraphqlErrorItem {
  type?: string;
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
    this.stats.requests[operation] = (this.stats.requests[operation] ?? 0) + 1;
    try {
      const data = await this.client.graphql<T & { rateLimit?: RateLimitInfo }>(query, {
        ...variables,
        ...(opts.splittable ? { request: { retries: SPLITTABLE_RETRIES } } : {}),
      });
      this.record(data.rateLimit);
      return { data, errors: [] };
    } catch (error) {
      if (error instanceof GraphqlResponseError) {
        const data = (error.data ?? {}) as T & { rateLimit?: RateLimitInfo };
        this.record(data.rateLimit);
        const errors = error.errors as GraphqlErrorItem[];
        // Errors without a path concern the whole document (rate limit, validation, server trouble).
        const global = errors.find((e) => !e.path || e.path.length === 0);
        if (global || error.data == null) {
          const type = global?.type ?? errors[0]?.type;
          throw new GitHubError(`GitHub refused ${operation}: ${global?.message ?? errors[0]?.message ?? 'no data'}`, graphqlKind(type), {
            type,
            // Not the GraphqlResponseError itself: it holds the request options.
            cause: new Error(error.message),
          });
        }
        return { data, errors };
      }
      throw toGitHubError(error, operation);
    }
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
