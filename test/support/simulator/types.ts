// The contracts between the simulator's HTTP server, its GraphQL executor and its REST routes.
import type { Credential, Identity } from './auth/identity.js';
import type { World } from './world.js';

export type RequestKind = 'graphql-query' | 'graphql-mutation' | 'rest-read' | 'rest-write';

export interface RequestRecord {
  kind: RequestKind;
  method: string;
  /** URL path without the query string. */
  path: string;
  /** GraphQL operation name, when there is one. */
  operationName?: string;
  /** GraphQL cost points charged. */
  cost?: number;
  status: number;
  /** "owner/name#number" for writes to a pull request (statuses are attributed through the head SHA). */
  pullRequest?: string;
}

export interface Counters {
  requests: Record<RequestKind, number>;
  /** GraphQL cost points charged in total. */
  costPoints: number;
  /** Writes (REST non-GET and GraphQL mutations) per "owner/name#number". */
  writesPerPullRequest: Map<string, number>;
  /** The most requests in flight at the same time. */
  maxInFlight: number;
  /** Every request, in arrival order. */
  log: RequestRecord[];
}

/** A budget that resets hourly, as GitHub's primary rate limits do. */
export interface RateBudget {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds. */
  resetAt: number;
}

export interface Faults {
  /** Delay before every answer. */
  latencyMs: number;
  /** Share (0..1) of requests answered with a 502/503/500. */
  serverErrorRate: number;
  /** Share (0..1) of GraphQL queries answered 200 with "Something went wrong while executing your query". */
  graphqlErrorRate: number;
  /** When more than this many requests are in flight, answer 403 secondary rate limit with `retry-after`. 0: off. */
  secondaryLimitConcurrency: number;
  /** `retry-after` seconds sent with a secondary rate limit. */
  secondaryRetryAfterSeconds: number;
  /** A GraphQL query that could return more nodes than this times out (502), as a too-large query does on GitHub. 0: off. */
  timeoutAboveNodes: number;
  /** Seed of the pseudo-random choice of faulty requests, so runs are repeatable. */
  seed: number;
  /**
   * Repositories ("owner/name") of an organisation enforcing SAML SSO the token is not authorised
   * for: wherever GraphQL reaches one it answers null there, with a FORBIDDEN error (saml_failure)
   * at that path, and answers the rest of the query.
   */
  samlRepositories: string[];
  /** Pull requests ("owner/name#n") answered null wherever they appear (`nodes` lists included), with a FORBIDDEN error at each path. */
  forbiddenPullRequests: string[];
  /** Pull requests ("owner/name#n") whose `labels` connection answers null, with a FORBIDDEN error at its path. */
  nullLabels: string[];
  /** How a spent GraphQL budget is answered: the classic `RATE_LIMITED` or the newer `RATE_LIMIT` (code graphql_rate_limit). */
  graphqlRateLimitType: 'RATE_LIMITED' | 'RATE_LIMIT';
  /** Once this many requests have arrived, answer requests with a secondary rate limit. 0: off. */
  secondaryLimitAfterRequests: number;
  /** How many requests a tripped `secondaryLimitAfterRequests` refuses before it lifts (Infinity: it never does). */
  secondaryLimitRequests: number;
  /** How GraphQL answers a secondary rate limit: 403 (the REST body) or 200 (a GraphQL errors body). Both are documented. */
  secondaryLimitGraphqlStatus: 200 | 403;
  /** A GraphQL query that could return more nodes than this answers partial data and RESOURCE_LIMITS_EXCEEDED. 0: off. */
  resourceLimitAboveNodes: number;
  /** `Repository.label(name:)` and the `labels:` filter of `pullRequests` match names exactly, as reported of GitHub. */
  caseSensitiveLabelLookup: boolean;
}

export interface SimulatorState {
  world: World;
  counters: Counters;
  faults: Faults;
  graphqlBudget: RateBudget;
  restBudget: RateBudget;
  /** Classic personal tokens: token -> login of the account, with access to every repository (the legacy option). */
  tokens: Map<string, string>;
  /** Every other token: fine-grained or per-repository personal tokens, and installation tokens (given or minted). */
  credentials: Map<string, Credential>;
  /** The simulated GitHub's clock runs this far ahead of the machine's (negative: behind); JWTs, token expiry and the Date header use it. */
  clockOffsetMs: number;
  /** Lifetime of installation tokens minted by `POST /app/installations/{id}/access_tokens` (GitHub: one hour). */
  installationTokenSeconds: number;
}

/** What the GraphQL executor returns to the server. */
export interface GraphqlOutcome {
  /** HTTP status: 200 for every GraphQL answer, errors included, as GitHub does; 400 for a body that is not a GraphQL request. */
  status: number;
  body: unknown;
  /** Points charged against `graphqlBudget` (0 when the document was refused before execution). */
  cost: number;
  isMutation: boolean;
  operationName?: string;
  /** Pull requests written to by a mutation, "owner/name#number". */
  writes?: string[];
}

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** Login of the authenticated account (`slug[bot]` for an installation token). */
  viewer: string;
  /** Who the token is, and what it may do. */
  identity: Identity;
}

export interface RestOutcome {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** "owner/name#number" this write touched, for the per-pull-request write counter. */
  pullRequest?: string;
}
