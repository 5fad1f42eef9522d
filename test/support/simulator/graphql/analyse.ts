// Checks a GraphQL document the way GitHub does before running it: syntax, schema validation,
// pagination boundaries, the 500,000-node limit, and the documented point cost.
import {
  type DocumentNode,
  type FieldNode,
  GraphQLBoolean,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLInt,
  type GraphQLNamedType,
  GraphQLSkipDirective,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  parse,
  validate,
  valueFromAST,
} from 'graphql';
import { type GitHubGraphqlError, staticPaths, syntaxError, validationError } from './errors.js';
import { githubSchema } from './schema.js';

/** Documented in "Rate limits and node limits for the GraphQL API". */
export const MAX_NODES = 500_000;
export const MAX_PAGE = 100;

export type Analysed =
  | {
      ok: true;
      cost: number;
      nodeCount: number;
      isMutation: boolean;
      operationName?: string;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      variables: Record<string, unknown>;
      /** A root `rateLimit(dryRun: true)` asks for the cost only. */
      dryRun: boolean;
    }
  | { ok: false; errors: GitHubGraphqlError[]; isMutation: boolean; operationName?: string };

export type QueryAnalysis =
  | { ok: true; cost: number; nodeCount: number; isMutation: boolean; operationName?: string }
  | { ok: false; errors: unknown[] };

const format = (n: number): string => n.toLocaleString('en-US');

interface Tally {
  /** Requests needed to fill every connection (the cost before dividing by 100). */
  requests: number;
  nodes: number;
  /** The first connection whose own node count passes the limit. */
  overflow?: { field: string; nodes: number };
  errors: GitHubGraphqlError[];
}

function isConnection(type: GraphQLNamedType, argNames: string[]): boolean {
  return (
    isObjectType(type) && type.name.endsWith('Connection') && (argNames.includes('first') || argNames.includes('last'))
  );
}

function pageSize(
  field: FieldNode,
  name: 'first' | 'last',
  variables: Record<string, unknown>,
): number | null | undefined {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return valueFromAST(arg.value, GraphQLInt, variables) as number | null | undefined;
}

function countSelections(
  document: DocumentNode,
  set: SelectionSetNode | undefined,
  parentType: GraphQLNamedType,
  multiplier: number,
  path: string[],
  variables: Record<string, unknown>,
  tally: Tally,
): void {
  const schema = githubSchema();
  for (const sel of set?.selections ?? []) {
    const skip = getDirectiveValues(GraphQLSkipDirective, sel, variables);
    const include = getDirectiveValues(GraphQLIncludeDirective, sel, variables);
    if (skip?.if === true || include?.if === false) continue;
    if (sel.kind === 'InlineFragment') {
      const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parentType;
      if (type) countSelections(document, sel.selectionSet, type, multiplier, path, variables, tally);
      continue;
    }
    if (sel.kind === 'FragmentSpread') {
      const fragment = document.definitions.find(
        (d) => d.kind === 'FragmentDefinition' && d.name.value === sel.name.value,
      );
      if (fragment?.kind === 'FragmentDefinition') {
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type) countSelections(document, fragment.selectionSet, type, multiplier, path, variables, tally);
      }
      continue;
    }
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
    const def = parentType.getFields()[sel.name.value];
    if (!def) continue; // __typename and other meta fields
    const type = getNamedType(def.type);
    const fieldPath = [...path, sel.alias?.value ?? sel.name.value];
    let childMultiplier = multiplier;
    if (isConnection(type, def.args.map((a) => a.name))) {
      const first = pageSize(sel, 'first', variables);
      const last = pageSize(sel, 'last', variables);
      const name = sel.name.value;
      const locations = sel.loc ? [{ line: sel.loc.startToken.line, column: sel.loc.startToken.column }] : undefined;
      const fail = (type: string, message: string): void => {
        tally.errors.push({ type, path: fieldPath, ...(locations ? { locations } : {}), message });
      };
      if (first == null && last == null) {
        fail(
          'MISSING_PAGINATION_BOUNDARIES',
          `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
        );
        continue;
      }
      let bad = false;
      for (const [argName, value] of [
        ['first', first],
        ['last', last],
      ] as const) {
        if (value == null) continue;
        if (value > MAX_PAGE) {
          fail(
            'EXCESSIVE_PAGINATION',
            `Requesting ${value} records on the \`${name}\` connection exceeds the \`${argName}\` limit of ${MAX_PAGE} records.`,
          );
          bad = true;
        } else if (value < 0) {
          // The docs say 1-100 and are silent on the wording for a negative value; GitHub accepts 0.
          fail('INVALID_PAGINATION', `\`${argName}\` on the \`${name}\` connection cannot be less than zero.`);
          bad = true;
        }
      }
      if (bad) continue;
      const size = (first ?? last)!;
      tally.requests += multiplier;
      const nodes = multiplier * size;
      tally.nodes += nodes;
      if (nodes > MAX_NODES && !tally.overflow) tally.overflow = { field: name, nodes };
      childMultiplier = nodes;
    }
    countSelections(document, sel.selectionSet, type, childMultiplier, fieldPath, variables, tally);
  }
}

function selectOperation(
  document: DocumentNode,
  operationName: string | undefined,
): OperationDefinitionNode | GitHubGraphqlError {
  const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
  // graphql-ruby's wording; GitHub's docs do not show these two errors.
  if (operationName) {
    const found = operations.find((o) => o.name?.value === operationName);
    return found ?? { message: `No operation named "${operationName}"` };
  }
  if (operations.length > 1) return { message: 'An operation name is required' };
  return operations[0] ?? { message: 'No operations in query document' };
}

export function analyse(query: string, rawVariables?: Record<string, unknown>, operationName?: string): Analysed {
  const schema = githubSchema();
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, errors: [syntaxError(error)], isMutation: false };
    throw error;
  }
  const picked = selectOperation(document, operationName);
  if (!('kind' in picked)) return { ok: false, errors: [picked], isMutation: false };
  const operation = picked;
  const isMutation = operation.operation === 'mutation';
  const name = operation.name?.value;
  const base = { isMutation, ...(name ? { operationName: name } : {}) };

  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    const paths = staticPaths(document);
    return { ok: false, errors: invalid.map((e) => validationError(e, paths)), ...base };
  }

  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) {
    const errors = coerced.errors.map((e) => {
      const variable = /Variable "\$(\w+)"/.exec(e.message)?.[1] ?? '';
      const def = operation.variableDefinitions?.find((d) => d.variable.name.value === variable);
      const typeName = def ? query.slice(def.type.loc?.start, def.type.loc?.end) : '';
      return {
        extensions: { value: rawVariables?.[variable] ?? null, problems: [{ path: [], explanation: e.message }] },
        ...(e.locations ? { locations: e.locations.map((l) => ({ line: l.line, column: l.column })) } : {}),
        message: `Variable $${variable} of type ${typeName} was provided invalid value`,
      };
    });
    return { ok: false, errors, ...base };
  }
  const variables = coerced.coerced;

  const rootType = isMutation ? schema.getMutationType() : schema.getQueryType();
  const tally: Tally = { requests: 0, nodes: 0, errors: [] };
  if (rootType) countSelections(document, operation.selectionSet, rootType, 1, [], variables, tally);
  if (tally.errors.length > 0) return { ok: false, errors: tally.errors, ...base };
  if (tally.overflow) {
    const { field, nodes } = tally.overflow;
    return {
      ok: false,
      errors: [
        {
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          message: `By the time this query traverses to the ${field} connection, it is requesting up to ${format(nodes)} possible nodes which exceeds the maximum limit of ${format(MAX_NODES)}.`,
        },
      ],
      ...base,
    };
  }
  if (tally.nodes > MAX_NODES) {
    return {
      ok: false,
      errors: [
        {
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          message: `This query requests up to ${format(tally.nodes)} possible nodes which exceeds the maximum limit of ${format(MAX_NODES)}.`,
        },
      ],
      ...base,
    };
  }

  const dryRun = operation.selectionSet.selections.some(
    (s) =>
      s.kind === 'Field' &&
      s.name.value === 'rateLimit' &&
      s.arguments?.some(
        (a) => a.name.value === 'dryRun' && valueFromAST(a.value, GraphQLBoolean, variables) === true,
      ),
  );
  // The docs: add up the requests, divide by 100, round to the nearest whole number, minimum 1.
  const cost = Math.max(1, Math.round(tally.requests / 100));
  return { ok: true, cost, nodeCount: tally.nodes, document, operation, variables, dryRun, ...base };
}

/** The cost and node count of a document, or the errors GitHub would answer it with (HTTP 200, no data). */
export function analyseQuery(
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): QueryAnalysis {
  const result = analyse(query, variables, operationName);
  if (!result.ok) return { ok: false, errors: result.errors };
  const { cost, nodeCount, isMutation } = result;
  return { ok: true, cost, nodeCount, isMutation, ...(result.operationName ? { operationName: result.operationName } : {}) };
}
