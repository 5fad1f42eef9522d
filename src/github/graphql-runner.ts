// Sends GraphQL documents: keeps partial data when some aliases fail, records cost and budget,
// refuses to start a request that would eat into the reserve, and splits batches GitHub refuses
// for size or time.
import { GraphqlResponseError } from '@octokit/graphql';
import type { GitHubClient } from './client.js';
import type { RateLimitInfo } from './queries.js';
import { toGitHubError } from './errors.js';
import { AuthError, GitHubError, GitHubUnreachableError } from '../errors.js';
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

/** Raised before a request that would take the budget below the reserve. */
export class BudgetReservedError extends GitHubError {
  constructor(
    readonly remaining: number,
    readonly reserve: number,
    readonly resetAt: string | null,
  ) {
    super(
      `GraphQL budget low (${remaining} points left, reserve ${reserve}${resetAt ? `, resets at ${resetAt}` : ''}): stopping; the next run continues`,
    );
  }
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

  /** Throws BudgetReservedError when `estimate` points would take us under the reserve. */
  checkBudget(estimate = 1): void {
    const rl = this.stats.rateLimit;
    if (rl && rl.remaining - estimate < this.reservePoints) {
      throw new BudgetReservedError(rl.remaining, this.reservePoints, rl.resetAt);
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
          throw new GitHubError(
            `GitHub refused ${operation}: ${global?.message ?? errors[0]?.message ?? 'no data'}`,
            undefined,
            global?.type ?? errors[0]?.type,
            // Not the GraphqlResponseError itself: it holds the request options.
            { cause: new Error(error.message) },
          );
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

/**
 * Whether a failed batch may succeed when asked for less: GitHub timed out (502/504, or
 * "Something went wrong", which the retry plugin reports as a 500) or refused the size. Any 5xx
 * counts, since a batch answered 5xx was only retried once (SPLITTABLE_RETRIES) and its halves are
 * retried again.
 */
export function isSizeProblem(error: unknown): boolean {
  if (!(error instanceof GitHubError)) return false;
  if (error.status !== undefined && error.status >= 500) return true;
  return error.type === 'MAX_NODE_LIMIT_EXCEEDED' || error.type === 'TIMEOUT';
}

/** The primary budget is spent: nothing more can be read until it resets. */
export function isRateLimited(error: unknown): boolean {
  return error instanceof GitHubError && error.type === 'RATE_LIMITED';
}

/** Refused credentials, or a GITHUB_API_URL that cannot work: no item of any batch can succeed. */
export function endsTheRun(error: unknown): boolean {
  return error instanceof AuthError || error instanceof GitHubUnreachableError;
}

/** No further GitHub read can succeed this run: the budget is spent or kept in reserve. */
export function isBudgetStop(error: unknown): boolean {
  return error instanceof BudgetReservedError || isRateLimited(error);
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
    if (error instanceof BudgetReservedError) throw error;
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
