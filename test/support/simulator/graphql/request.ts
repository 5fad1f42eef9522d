// Reads the body of POST /graphql, refusing what GitHub refuses with 400.
import type { GraphqlOutcome } from '../types.js';

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

const DOCS = 'https://docs.github.com/graphql';

function refused(message: string): GraphqlOutcome {
  return { status: 400, body: { message, documentation_url: DOCS }, cost: 0, isMutation: false };
}

function parsed(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The request, or the 400 answer GitHub gives for a body that is not a GraphQL request. */
export function readRequest(body: unknown): GraphqlRequest | GraphqlOutcome {
  let value = body;
  if (typeof value === 'string') {
    const json = parsed(value);
    if (!json) return refused('Problems parsing JSON');
    value = json.value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refused('A query attribute must be specified and must be a string.');
  }
  const { query, variables, operationName } = value as Record<string, unknown>;
  if (typeof query !== 'string') return refused('A query attribute must be specified and must be a string.');
  let vars = variables;
  // GitHub also takes variables as a JSON-encoded string.
  if (typeof vars === 'string') {
    const json = vars.trim() === '' ? { value: {} } : parsed(vars);
    if (!json) return refused('Problems parsing JSON');
    vars = json.value;
  }
  if (vars != null && (typeof vars !== 'object' || Array.isArray(vars))) return refused('Problems parsing JSON');
  return {
    query,
    ...(vars ? { variables: vars as Record<string, unknown> } : {}),
    ...(typeof operationName === 'string' && operationName !== '' ? { operationName } : {}),
  };
}
