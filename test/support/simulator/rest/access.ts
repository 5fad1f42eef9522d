// Whether the token may use a route on a repository, and GitHub's refusal when it may not.
//
// - A repository the token cannot see at all answers 404, whatever the route ("Troubleshooting the
//   REST API": GitHub answers 404 rather than 403 so as not to confirm that a private resource exists).
// - A classic token whose account may read but not write: a commit status write answers 404 (the
//   same rule; reported for createCommitStatus, e.g. KostyaSha/github-integration-plugin#46 and
//   jonnyzzz/TeamCity.GitHub#73), other writes 403 "Must have admin rights to Repository." (GitHub's
//   wording for a write the account's role does not allow, as clients quote it).
// - A fine-grained token or an installation lacking the permission: 403 "Resource not accessible by
//   personal access token" / "... by integration" (octokit/octokit.js#2758; apache/kafka#17142 for a
//   status write with the Actions token) with `X-Accepted-GitHub-Permissions` naming the permission
//   sets that would do (github.blog changelog 2023-08-10; real answers quote
//   `'x-accepted-github-permissions': 'issues=write; pull_requests=write'` on label and comment writes).
//   GitHub sends that header to fine-grained actors on every answer, so the simulator does too.
import type { Identity } from '../auth/identity.js';
import { heldPermissions, repoAccess } from '../auth/identity.js';
import { type Level, asRole, satisfies } from '../auth/permissions.js';
import type { RestOutcome } from '../types.js';
import type { RestCall } from './context.js';
import { errorBody, notFound } from './errors.js';

export interface RouteAccess {
  /** GitHub's X-Accepted-GitHub-Permissions value for the route. */
  accepted: string;
  /** The role a classic token's account needs. */
  role: Level;
  /** How a classic account lacking `role` is refused: 404 (statuses) or 403. */
  classicRefusal?: 'not-found' | 'forbidden';
  docs?: string;
}

export const NOT_ACCESSIBLE = {
  integration: 'Resource not accessible by integration',
  personal: 'Resource not accessible by personal access token',
  role: 'Must have admin rights to Repository.',
} as const;

const isFineGrained = (identity: Identity): boolean => identity.kind === 'fine-grained' || identity.kind === 'installation';

/** The headers GitHub adds for this identity on this route. */
export function accessHeaders(identity: Identity, access: RouteAccess | undefined): Record<string, string> {
  return access && isFineGrained(identity) ? { 'x-accepted-github-permissions': access.accepted } : {};
}

export function forbiddenFor(identity: Identity, docs?: string): RestOutcome {
  const message =
    identity.kind === 'installation' || identity.kind === 'app'
      ? NOT_ACCESSIBLE.integration
      : identity.kind === 'fine-grained'
        ? NOT_ACCESSIBLE.personal
        : NOT_ACCESSIBLE.role;
  return { status: 403, body: errorBody(403, message, docs) };
}

/** The refusal for a call the token may not make, or undefined when it may (or the repository does not exist). */
export function refuseWithoutAccess(call: RestCall, params: Record<string, string>, access: RouteAccess): RestOutcome | undefined {
  if (!params.owner || !params.repo) return undefined;
  const repo = call.state.world.repo(`${params.owner}/${params.repo}`);
  if (!repo) return undefined;
  const identity = call.identity;
  const granted = repoAccess(call.state.world, identity, repo);
  if (granted === 'none') return notFound(access.docs);
  if (isFineGrained(identity)) {
    return satisfies(heldPermissions(call.state.world, identity, repo), access.accepted)
      ? undefined
      : forbiddenFor(identity, access.docs);
  }
  const role = asRole(granted);
  if (access.role === 'read' || role === 'write') return undefined;
  return access.classicRefusal === 'not-found' ? notFound(access.docs) : forbiddenFor(identity, access.docs);
}
