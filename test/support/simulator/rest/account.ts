// The account and repository reads: `GET /user`, `GET /rate_limit`, `GET /repos/{owner}/{repo}`.
import type { RateBudget } from '../types.js';
import { forbiddenFor } from './access.js';
import type { RouteHandler } from './context.js';
import { findRepo, isOutcome } from './lookup.js';
import { fullRepository, privateUser } from './render.js';

function rate(b: RateBudget) {
  return { limit: b.limit, remaining: b.remaining, reset: b.resetAt, used: b.used };
}

// An installation token is no user: `GET /user` answers 403 "Resource not accessible by integration"
// (actions/create-github-app-token#258 shows the exact answer).
export const getViewer: RouteHandler = (call) =>
  call.identity.kind === 'installation'
    ? forbiddenFor(call.identity, 'https://docs.github.com/rest/users/users#get-the-authenticated-user')
    : { status: 200, body: privateUser(call.state.world, call.apiBase, call.viewer) };

export const getRateLimit: RouteHandler = (call) => {
  const core = rate(call.state.restBudget);
  const graphql = rate(call.state.graphqlBudget);
  // Budgets the simulator does not model are reported full, as for an account that has not used them.
  const resetAt = call.state.restBudget.resetAt;
  const search = { limit: 30, remaining: 30, reset: resetAt, used: 0 };
  return {
    status: 200,
    body: {
      resources: {
        core,
        graphql,
        search,
        code_search: { limit: 10, remaining: 10, reset: resetAt, used: 0 },
        integration_manifest: { limit: 5000, remaining: 5000, reset: resetAt, used: 0 },
      },
      rate: core,
    },
  };
};

export const getRepository: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  return { status: 200, body: fullRepository(call.state.world, call.apiBase, repo) };
};
