// Builds a SimulatorState with GitHub's defaults, for the executor's tests and the HTTP server.
import { type Credential, type TokenSpec, credentialOf } from '../auth/identity.js';
import type { Counters, Faults, RateBudget, SimulatorState } from '../types.js';
import type { World } from '../world.js';

export const DEFAULT_TOKEN = 'sim-token';
export const DEFAULT_VIEWER = 'cla-bot';

/** A fresh hourly budget of `limit` points (GitHub's default for a user token is 5,000). */
export function freshBudget(limit = 5000, nowMs = Date.now()): RateBudget {
  return { limit, remaining: limit, used: 0, resetAt: Math.floor(nowMs / 1000) + 3600 };
}

export function zeroCounters(): Counters {
  return {
    requests: { 'graphql-query': 0, 'graphql-mutation': 0, 'rest-read': 0, 'rest-write': 0 },
    costPoints: 0,
    writesPerPullRequest: new Map(),
    maxInFlight: 0,
    log: [],
  };
}

export function noFaults(): Faults {
  return {
    latencyMs: 0,
    serverErrorRate: 0,
    graphqlErrorRate: 0,
    secondaryLimitConcurrency: 0,
    secondaryRetryAfterSeconds: 60,
    timeoutAboveNodes: 0,
    seed: 1,
    samlRepositories: [],
    forbiddenPullRequests: [],
    nullLabels: [],
    graphqlRateLimitType: 'RATE_LIMITED',
    secondaryLimitAfterRequests: 0,
    secondaryLimitRequests: Number.POSITIVE_INFINITY,
    secondaryLimitGraphqlStatus: 403,
    resourceLimitAboveNodes: 0,
    caseSensitiveLabelLookup: false,
  };
}

export interface StateOverrides {
  faults?: Partial<Faults>;
  graphqlBudget?: Partial<RateBudget>;
  restBudget?: Partial<RateBudget>;
  /**
   * Replaces the default token map `{ 'sim-token': 'cla-bot' }`. A string value is a classic token
   * of that login with access everywhere; an object is a fine-grained or per-repository personal
   * token (`{ login, kind, repositories }`) or an installation token (`{ installation }`).
   */
  tokens?: Map<string, string> | Record<string, TokenSpec>;
  /** Seconds the simulated clock runs ahead of the machine's (negative: behind). */
  clockSkewSeconds?: number;
  /** Lifetime of minted installation tokens; default 3600 (GitHub's one hour). */
  installationTokenSeconds?: number;
}

/** Splits token specs into the legacy login map and the richer credentials. */
export function tokenTables(specs: Record<string, TokenSpec>): { tokens: Map<string, string>; credentials: Map<string, Credential> } {
  const tokens = new Map<string, string>();
  const credentials = new Map<string, Credential>();
  for (const [token, spec] of Object.entries(specs)) {
    if (typeof spec === 'string') tokens.set(token, spec);
    else credentials.set(token, credentialOf(spec));
  }
  return { tokens, credentials };
}

export function createState(world: World, overrides: StateOverrides = {}): SimulatorState {
  const { tokens, credentials } =
    overrides.tokens instanceof Map
      ? { tokens: overrides.tokens, credentials: new Map<string, Credential>() }
      : tokenTables(overrides.tokens ?? { [DEFAULT_TOKEN]: DEFAULT_VIEWER });
  return {
    world,
    counters: zeroCounters(),
    faults: { ...noFaults(), ...overrides.faults },
    graphqlBudget: { ...freshBudget(), ...overrides.graphqlBudget },
    restBudget: { ...freshBudget(), ...overrides.restBudget },
    tokens,
    credentials,
    clockOffsetMs: (overrides.clockSkewSeconds ?? 0) * 1000,
    installationTokenSeconds: overrides.installationTokenSeconds ?? 3600,
  };
}
