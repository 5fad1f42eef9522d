// What is left of the hour's budgets, from `GET /rate_limit`, which GitHub does not charge against
// the core budget ("Accessing this endpoint does not count against your REST API rate limit", REST
// docs, "Get rate limit status for the authenticated user"). Null where GitHub does not say (an
// Enterprise Server with rate limiting off answers 404).
import type { GitHubClient } from './client.js';

export interface BudgetsLeft {
  rest: number | null;
  graphql: number | null;
}

export async function budgetsLeft(client: GitHubClient): Promise<BudgetsLeft> {
  try {
    const { data } = await client.request('GET /rate_limit');
    return { rest: data.resources.core?.remaining ?? null, graphql: data.resources.graphql?.remaining ?? null };
  } catch {
    return { rest: null, graphql: null };
  }
}
