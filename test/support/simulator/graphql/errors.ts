// GitHub-shaped GraphQL errors: GitHub answers with graphql-ruby's wording and a top-level `type`,
// not graphql-js's, so errors from graphql-js are rewritten here.
import type { ASTNode, DocumentNode, GraphQLError, SelectionSetNode } from 'graphql';

export interface GitHubGraphqlError {
  type?: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
  locations?: { line: number; column: number }[];
  message: string;
}

/** An error a resolver throws to answer the way GitHub does (`type` is GitHub's error type). */
export class SimGraphqlError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SimGraphqlError';
  }
}

export const notFound = (message: string): SimGraphqlError => new SimGraphqlError('NOT_FOUND', message);

/** Whom a rate limit message names: "user ID 123" or, for an installation token, "installation ID 456". */
export type RateSubject = { kind: 'user' | 'installation'; id: number };

// GitHub's RATE_LIMITED answer as @octokit/plugin-throttling matches it (type RATE_LIMITED) and
// as the GitHub CLI shows it ("API rate limit exceeded for user ID N."); for an installation token
// "API rate limit exceeded for installation ID 9306189." (renovatebot/renovate#21861). The docs
// only say the status stays 200 with an error message.
export function rateLimitedError(subject: RateSubject | number): GitHubGraphqlError {
  const who = typeof subject === 'number' ? { kind: 'user', id: subject } : subject;
  return { type: 'RATE_LIMITED', message: `API rate limit exceeded for ${who.kind} ID ${who.id}.` };
}

// The newer form, exactly as yanyongyu/githubkit#271 quotes it:
// {"errors":[{"type":"RATE_LIMIT","code":"graphql_rate_limit","message":"API rate limit already exceeded for user ID xxxxx."}]}
// (@octokit/plugin-throttling matches only RATE_LIMITED, so it does not retry this one.)
export function rateLimitError(subject: RateSubject): GitHubGraphqlError & { code: string } {
  return {
    type: 'RATE_LIMIT',
    code: 'graphql_rate_limit',
    message: `API rate limit already exceeded for ${subject.kind} ID ${subject.id}.`,
  };
}

const PUNCTUATION: Record<string, string> = {
  '{': 'LCURLY',
  '}': 'RCURLY',
  '(': 'LPAREN',
  ')': 'RPAREN',
  '[': 'LBRACKET',
  ']': 'RBRACKET',
  ':': 'COLON',
  $: 'VAR_SIGN',
  '@': 'DIR_SIGN',
  '=': 'EQUALS',
  '!': 'BANG',
  '...': 'ELLIPSIS',
  '|': 'PIPE',
  '&': 'AMP',
};
const KEYWORDS = new Set(['query', 'mutation', 'subscription', 'fragment', 'on', 'true', 'false', 'null']);

/** graphql-js describes a token as `"}"`, `Name "foo"`, `String "x"` or `<EOF>`; graphql-ruby as `RCURLY ("}")`. */
function rubyToken(description: string): string {
  if (description === '<EOF>') return '(none) ("")';
  const punct = /^"(.+)"$/.exec(description);
  if (punct) return `${PUNCTUATION[punct[1]!] ?? 'UNKNOWN_CHAR'} ("${punct[1]}")`;
  const typed = /^(\w+) "(.*)"$/.exec(description);
  if (typed) {
    const [, kind, value] = typed;
    const name = kind === 'Name' ? (KEYWORDS.has(value!) ? value!.toUpperCase() : 'IDENTIFIER') : kind!.toUpperCase();
    return `${name === 'BLOCKSTRING' ? 'STRING' : name} ("${value}")`;
  }
  return description;
}

function rubyExpected(description: string): string {
  if (description === 'Name') return 'NAME';
  const punct = /^"(.+)"$/.exec(description);
  return punct ? (PUNCTUATION[punct[1]!] ?? description) : description.toUpperCase();
}

/** A syntax error in graphql-ruby's wording as GitHub sends it, e.g. `Expected NAME, actual: RCURLY ("}") at [1, 12]`. */
export function syntaxError(error: GraphQLError): GitHubGraphqlError {
  const loc = error.locations?.[0] ?? { line: 1, column: 1 };
  const at = `at [${loc.line}, ${loc.column}]`;
  const text = error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
  const expected = /^Expected (.+?), found (.+)$/.exec(text);
  const unexpected = /^Unexpected (.+)$/.exec(text);
  let message: string;
  if (expected) message = `Expected ${rubyExpected(expected[1]!)}, actual: ${rubyToken(expected[2]!)} ${at}`;
  else if (unexpected) message = `Parse error on ${rubyToken(unexpected[1]!)} ${at}`;
  else message = `${text} ${at}`;
  return { message, locations: [{ line: loc.line, column: loc.column }] };
}

type StaticPath = string[];

/** graphql-ruby's static-validation paths: `["query Name", "repository", "... on Commit", "oid"]`. */
export function staticPaths(document: DocumentNode): Map<ASTNode, StaticPath> {
  const paths = new Map<ASTNode, StaticPath>();
  const walk = (set: SelectionSetNode | undefined, parent: StaticPath): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === 'Field') {
        const path = [...parent, sel.alias?.value ?? sel.name.value];
        paths.set(sel, path);
        for (const arg of sel.arguments ?? []) paths.set(arg, [...path, arg.name.value]);
        walk(sel.selectionSet, path);
      } else if (sel.kind === 'InlineFragment') {
        const path = [...parent, sel.typeCondition ? `... on ${sel.typeCondition.name.value}` : '...'];
        paths.set(sel, path);
        walk(sel.selectionSet, path);
      } else {
        paths.set(sel, [...parent, `... ${sel.name.value}`]);
      }
    }
  };
  for (const def of document.definitions) {
    if (def.kind === 'OperationDefinition') {
      const root = def.name ? `${def.operation} ${def.name.value}` : def.operation;
      paths.set(def, [root]);
      for (const v of def.variableDefinitions ?? []) paths.set(v, [root]);
      walk(def.selectionSet, [root]);
    } else if (def.kind === 'FragmentDefinition') {
      const root = `fragment ${def.name.value}`;
      paths.set(def, [root]);
      walk(def.selectionSet, [root]);
    }
  }
  return paths;
}

function locationsOf(error: GraphQLError): { line: number; column: number }[] | undefined {
  return error.locations?.map((l) => ({ line: l.line, column: l.column }));
}

/** A graphql-js validation error rewritten as graphql-ruby (GitHub) reports it, where the wording is known. */
export function validationError(error: GraphQLError, paths: Map<ASTNode, StaticPath>): GitHubGraphqlError {
  const node = error.nodes?.[0];
  const path = node ? paths.get(node) : undefined;
  const locations = locationsOf(error);
  const shaped = (message: string, extensions: Record<string, unknown>): GitHubGraphqlError => ({
    ...(path ? { path } : {}),
    extensions,
    ...(locations ? { locations } : {}),
    message,
  });
  const m = error.message;
  let match = /^Cannot query field "(.+?)" on type "(.+?)"\./.exec(m);
  if (match) {
    const [, fieldName, typeName] = match;
    return shaped(`Field '${fieldName}' doesn't exist on type '${typeName}'`, {
      code: 'undefinedField',
      typeName,
      fieldName,
    });
  }
  match = /^Unknown argument "(.+?)" on field "(.+?)\.(.+?)"\./.exec(m);
  if (match) {
    const [, argumentName, , field] = match;
    return shaped(`Field '${field}' doesn't accept argument '${argumentName}'`, {
      code: 'argumentNotAccepted',
      name: field,
      typeName: 'Field',
      argumentName,
    });
  }
  match = /^Field "(.+?)" argument "(.+?)" of type ".+?" is required, but it was not provided\./.exec(m);
  if (match) {
    const [, field, argument] = match;
    const name = field!.split('.').pop();
    return shaped(`Field '${name}' is missing required arguments: ${argument}`, {
      code: 'missingRequiredArguments',
      className: 'Field',
      name,
      arguments: argument,
    });
  }
  match = /^Field "(.+?)" of type "(.+?)" must have a selection of subfields/.exec(m);
  if (match) {
    const [, field, type] = match;
    const typeName = type!.replace(/[[\]!]/g, '');
    return shaped(
      `Field must have selections (field '${field}' returns ${typeName} but has no selections. Did you mean '${field} { ... }'?)`,
      { code: 'selectionMismatch', nodeName: `field '${field}'`, typeName },
    );
  }
  match = /^Unknown type "(.+?)"\./.exec(m);
  if (match) {
    return shaped(`No such type ${match[1]}, so it can't be a fragment condition`, {
      code: 'undefinedType',
      typeName: match[1],
    });
  }
  // Other validation failures keep graphql-js's wording: GitHub's exact text for them is not documented.
  return { ...(path ? { path } : {}), ...(locations ? { locations } : {}), message: m };
}

/** An error raised while executing, with GitHub's `type` when a resolver threw a SimGraphqlError. */
export function executionError(error: GraphQLError): GitHubGraphqlError {
  const original = error.originalError;
  const locations = locationsOf(error);
  return {
    ...(original instanceof SimGraphqlError ? { type: original.type } : {}),
    ...(error.path ? { path: [...error.path] } : {}),
    ...(original instanceof SimGraphqlError && original.extensions ? { extensions: original.extensions } : {}),
    ...(locations ? { locations } : {}),
    message: error.message,
  };
}
