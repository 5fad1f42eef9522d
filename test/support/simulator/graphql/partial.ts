// Partial answers: GitHub answers what it can and puts an error, with the path of each part it
// could not answer, beside the data ("data with nulls and an errors array").
//
// SAML: jasperapp/jasper#187 and fwouts/prmonitor#1042 show the exact entries, e.g.
//   {"type":"FORBIDDEN","path":["repository","pullRequest"],"extensions":{"saml_failure":true},
//    "locations":[{"line":4,"column":13}],"message":"Resource protected by organization SAML
//    enforcement. You must grant your Personal Access token access to this organization."}
// with `data: { repository: { pullRequest: null } }`, and nulls inside lists
// (`"path":["nodes",3,"timelineItems","nodes",21]`; cli/cli#7881 `repositoryOwner.repositories.nodes.4.parent`).
//
// Resource limits: yoshi389111/github-profile-3d-contrib#163 quotes
//   {"data":{"user":null},"errors":[{"type":"RESOURCE_LIMITS_EXCEEDED",
//    "path":["user","contributionsCollection","contributionCalendar"],"message":"Resource limits for this query exceeded."}]}
// and the docs ("Rate limits and query limits for the GraphQL API", Other resource limits): GitHub
// "will terminate the request and return partial results along with an error indicating that
// resource limits were exceeded". The simulator fails the first connection under each root field
// (each item of a root list), and graphql-js carries the null up to the nearest nullable field, as
// GitHub's answer shows.
import type { SimPullRequest, SimRepository } from '../world.js';
import type { Page } from './connection.js';
import { SimGraphqlError } from './errors.js';
import type { Ctx } from './sources.js';

const SAML_MESSAGE =
  'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.';

export function samlForbidden(): SimGraphqlError {
  return new SimGraphqlError('FORBIDDEN', SAML_MESSAGE, { saml_failure: true });
}

export const resourceLimitsExceeded = (): SimGraphqlError =>
  new SimGraphqlError('RESOURCE_LIMITS_EXCEEDED', 'Resource limits for this query exceeded.');

const listed = (list: string[], key: string): boolean => list.some((k) => k.toLowerCase() === key.toLowerCase());

export function isSamlProtected(ctx: Ctx, repo: SimRepository): boolean {
  return listed(ctx.state.faults.samlRepositories, `${repo.owner}/${repo.name}`);
}

export function isForbiddenPull(ctx: Ctx, repo: SimRepository, pr: SimPullRequest): boolean {
  return isSamlProtected(ctx, repo) || listed(ctx.state.faults.forbiddenPullRequests, `${repo.owner}/${repo.name}#${pr.number}`);
}

export function hasNullLabels(ctx: Ctx, repo: SimRepository, pr: SimPullRequest): boolean {
  return listed(ctx.state.faults.nullLabels, `${repo.owner}/${repo.name}#${pr.number}`);
}

/** A page whose forbidden items answer null with an error at their path (graphql-js turns an Error item into null plus an error). */
export function withForbiddenNulls<T>(page: Page<T>, forbidden: (item: T) => boolean): Page<T | Error> {
  return {
    ...page,
    nodes: page.nodes.map((n) => (forbidden(n) ? samlForbidden() : n)),
    edges: page.edges.map((e) => (forbidden(e.node) ? { cursor: e.cursor, node: samlForbidden() } : e)),
  };
}
