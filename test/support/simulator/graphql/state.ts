// Builds a SimulatorState with GitHub's defaults, for the executor's tests and the HTTP server.
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
  };
}

export interface StateOverrides {
  faults?: Partial<Faults>;
  graphqlBudget?: Partial<RateBudget>;
  restBudget?: Partial<RateBudget>;
  /** Replaces the default token map `{ 'sim-token': 'cla-bot' }`. */
  tokens?: Map<string, string> | Record<string, string>;
}

export function createState(world: World, overrides: StateOverrides = {}): SimulatorState {
  const tokens =
    overrides.tokens instanceof Map
      ? overrides.tokens
      : new Map(Object.entries(overrides.tokens ?? { [DEFAULT_TOKEN]: DEFAULT_VIEWER }));
  return {
    world,
    counters: zeroCounters(),
    faults: { ...noFaults(), ...overrides.faults },
    graphqlBudget: { ...freshBudget(), ...overrides.graphqlBudget },
    restBudget: { ...freshBudget(), ...overrides.restBudget },
    tokens,
  };
}
