// What the simulated GitHub answers when it refuses a request before handling it (missing
// User-Agent, credentials, rate limits, injected faults), and the seeded dice that pick faulty requests.
import type { Faults } from './types.js';
import { seededRandom } from '../seeded-random.js';

export interface Refusal {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as it is; anything else as JSON. */
  body: unknown;
}

const RATE_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

export function missingUserAgent(): Refusal {
  return {
    status: 403,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body:
      'Request forbidden by administrative rules. Please make sure your request has a User-Agent header ' +
      '(https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). ' +
      'Check https://developer.github.com for other possible causes.\n',
  };
}

export function unauthenticated(graphql: boolean): Refusal {
  const body = graphql
    ? {
        message: 'This endpoint requires you to be authenticated.',
        documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      }
    : { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' };
  return { status: 401, body };
}

export function badCredentials(): Refusal {
  return {
    status: 401,
    body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
  };
}

/** `subject`: a user id, or "installation ID N" for an installation token (renovatebot/renovate#21861's wording). */
export function primaryRateLimit(subject: number | string, requestId: string, now: Date): Refusal {
  const who = typeof subject === 'number' ? `user ID ${subject}` : subject;
  return {
    status: 403,
    body: {
      message:
        `API rate limit exceeded for ${who}. If you reach out to GitHub Support for help, ` +
        `please include the request ID ${requestId} and timestamp ${now.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}.`,
      documentation_url: `${RATE_DOCS}#about-the-primary-rate-limit`,
      status: '403',
    },
  };
}

export function secondaryRateLimit(retryAfterSeconds: number, requestId: string): Refusal {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
        `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: `${RATE_DOCS}#about-secondary-rate-limits`,
      status: '403',
    },
  };
}

/**
 * A secondary limit on GraphQL answered with HTTP 200: the docs say "the response status will be
 * `200` or `403`, and you will receive an error message that indicates that you hit a secondary
 * rate limit" ("Rate limits and query limits for the GraphQL API", Exceeding the rate limit). No
 * public report shows the 200 body; the simulator puts the 403 form's message in a GraphQL `errors`
 * list, without a `type`, and keeps the `retry-after` header, which is what a client can go by.
 */
export function graphqlSecondaryRateLimit(retryAfterSeconds: number, requestId: string): Refusal {
  const refused = secondaryRateLimit(retryAfterSeconds, requestId);
  return {
    status: 200,
    headers: refused.headers,
    body: { errors: [{ message: (refused.body as { message: string }).message }] },
  };
}

export function serverError(status: 500 | 502 | 503): Refusal {
  const message =
    status === 503
      ? 'No server is currently available to service your request. Sorry about that. Please try resubmitting your request and contact us if the problem persists.'
      : 'Server Error';
  return { status, body: { message } };
}

export function graphqlSomethingWentWrong(requestId: string): Refusal {
  return {
    status: 200,
    body: {
      data: null,
      errors: [
        {
          message:
            'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. ' +
            `Please include \`${requestId}\` when reporting this issue.`,
        },
      ],
    },
  };
}

/** GitHub gives up on a query after about ten seconds and answers 502 with this message. */
export function graphqlTimeout(): Refusal {
  return {
    status: 502,
    body: {
      message:
        "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
      documentation_url: 'https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#timeouts',
    },
  };
}

export function problemsParsingJson(): Refusal {
  return {
    status: 400,
    body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest', status: '400' },
  };
}


export interface Roll {
  serverError: 500 | 502 | 503 | undefined;
  graphqlError: boolean;
}

/**
 * Draws the same three numbers for every request whatever the rates are, so that the n-th request's
 * fate depends only on the seed and n. Changing `faults.seed` restarts the sequence, and so does
 * `reseed()` (setFaults with a seed).
 */
export class FaultDice {
  private seed: number;
  private next: () => number;

  constructor(private readonly faults: Faults) {
    this.seed = faults.seed;
    this.next = seededRandom(faults.seed);
  }

  /** Starts the sequence again from `faults.seed`. */
  reseed(): void {
    this.seed = this.faults.seed;
    this.next = seededRandom(this.seed);
  }

  roll(): Roll {
    if (this.faults.seed !== this.seed) this.reseed();
    const server = this.next();
    const graphql = this.next();
    const which = this.next();
    const statuses = [502, 503, 500] as const;
    return {
      serverError: server < this.faults.serverErrorRate ? statuses[Math.floor(which * statuses.length)] : undefined,
      graphqlError: graphql < this.faults.graphqlErrorRate,
    };
  }
}
