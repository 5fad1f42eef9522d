// The simulator's GraphQL endpoint: checks a request as GitHub does, charges its cost, runs it
// over the world. Synchronous: every resolver reads the in-memory world.
import {
  type DocumentNode,
  execute,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
  getNamedType,
  type OperationDefinitionNode,
} from 'graphql';
import { type Identity, classicIdentity } from '../auth/identity.js';
import type { GraphqlOutcome, RateBudget, SimulatorState } from '../types.js';
import { analyse } from './analyse.js';
import { type RateSubject, executionError, rateLimitError, rateLimitedError } from './errors.js';
import { resourceLimitsExceeded } from './partial.js';
import { readRequest } from './request.js';
import { resolvers } from './resolvers/index.js';
import { githubSchema } from './schema.js';
import type { Ctx } from './sources.js';

export { analyseQuery, type QueryAnalysis } from './analyse.js';
export { githubSchema, schemaBuildMs } from './schema.js';
export { createState, freshBudget, type StateOverrides } from './state.js';

/** The response path as keys: `repo0.pullRequests.nodes.3`. */
function pathKeys(info: GraphQLResolveInfo): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) keys.unshift(p.key);
  return keys;
}

/** Under `resourceLimitAboveNodes`, the first connection below each root field (or root list item) fails. */
function failsForResources(ctx: Ctx, info: GraphQLResolveInfo): boolean {
  if (!ctx.resourceLimited || !getNamedType(info.returnType).name.endsWith('Connection')) return false;
  const keys = pathKeys(info);
  if (keys.length < 2) return false;
  const root = typeof keys[1] === 'number' ? `${keys[0]}.${keys[1]}` : String(keys[0]);
  if (ctx.limitFailed.has(root)) return false;
  ctx.limitFailed.add(root);
  return true;
}

const fieldResolver: GraphQLFieldResolver<unknown, Ctx> = (source, args, ctx, info) => {
  if (failsForResources(ctx, info)) throw resourceLimitsExceeded();
  const resolve = resolvers[info.parentType.name]?.[info.fieldName];
  if (resolve) return resolve(source, args, ctx);
  if (typeof source === 'object' && source !== null && info.fieldName in source) {
    return (source as Record<string, unknown>)[info.fieldName];
  }
  throw new Error(`The GitHub simulator does not implement ${info.parentType.name}.${info.fieldName}`);
};

const typeResolver: GraphQLTypeResolver<unknown, Ctx> = (value) => (value as { __typename?: string }).__typename;

/** Starts a new hourly window once the old one has ended, as GitHub's primary limit does. */
export function renewBudget(budget: RateBudget, nowMs = Date.now()): void {
  const now = Math.floor(nowMs / 1000);
  if (now < budget.resetAt) return;
  budget.remaining = budget.limit;
  budget.used = 0;
  budget.resetAt = now + 3600;
}

/** `rateLimit(dryRun: true)` reports the cost without running the rest of the query. */
function onlyRateLimit(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  const selections = operation.selectionSet.selections.filter((s) => s.kind === 'Field' && s.name.value === 'rateLimit');
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d === operation ? { ...operation, selectionSet: { ...operation.selectionSet, selections } } : d,
    ),
  };
}

/** Answers one POST /graphql body (already JSON-parsed, or the raw text) for `who` (a login stands for a classic token). */
export function executeGraphql(state: SimulatorState, who: string | Identity, body: unknown): GraphqlOutcome {
  const identity = typeof who === 'string' ? classicIdentity(who) : who;
  const viewer = identity.login;
  const request = readRequest(body);
  if ('status' in request) return request;
  const analysed = analyse(request.query, request.variables, request.operationName);
  const described = { isMutation: analysed.isMutation, ...(analysed.operationName ? { operationName: analysed.operationName } : {}) };
  if (!analysed.ok) return { status: 200, body: { errors: analysed.errors }, cost: 0, ...described };

  const budget = state.graphqlBudget;
  renewBudget(budget);
  const charged = analysed.dryRun ? 0 : analysed.cost;
  if (budget.remaining < charged) {
    const subject: RateSubject =
      identity.kind === 'installation'
        ? { kind: 'installation', id: identity.installationId }
        : { kind: 'user', id: state.world.user(viewer)?.id ?? 0 };
    const error = state.faults.graphqlRateLimitType === 'RATE_LIMIT' ? rateLimitError(subject) : rateLimitedError(subject);
    return { status: 200, body: { errors: [error] }, cost: 0, ...described };
  }
  budget.remaining -= charged;
  budget.used += charged;

  const ctx: Ctx = {
    world: state.world,
    state,
    viewer,
    identity,
    rateLimit: { cost: analysed.cost, nodeCount: analysed.nodeCount },
    writes: new Set(),
    resourceLimited:
      !analysed.isMutation && state.faults.resourceLimitAboveNodes > 0 && analysed.nodeCount > state.faults.resourceLimitAboveNodes,
    limitFailed: new Set(),
  };
  const result = execute({
    schema: githubSchema(),
    document: analysed.dryRun ? onlyRateLimit(analysed.document, analysed.operation) : analysed.document,
    variableValues: request.variables ?? {},
    ...(request.operationName ? { operationName: request.operationName } : {}),
    contextValue: ctx,
    fieldResolver,
    typeResolver,
  });
  if ('then' in result) throw new Error('simulator: a resolver returned a promise');
  const errors = result.errors?.map(executionError);
  return {
    status: 200,
    body: { data: result.data ?? null, ...(errors ? { errors } : {}) },
    cost: charged,
    ...described,
    ...(ctx.writes.size > 0 ? { writes: [...ctx.writes] } : {}),
  };
}
