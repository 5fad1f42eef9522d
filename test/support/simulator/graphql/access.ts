// GraphQL's side of the permission model: repositories a token cannot see do not resolve, and a
// mutation the token may not make answers FORBIDDEN at its path (the payload is null).
//
// Wording: a classic account without triage gets "LOGIN does not have the correct permissions to
// execute `AddLabelsToLabelable`" (as the GitHub CLI quotes it: "GraphQL: ... (addLabelsToLabelable)");
// an installation "Resource not accessible by integration" (sourcegraph/codenotify#19), a
// fine-grained token "Resource not accessible by personal access token".
import { heldPermissions, repoAccess } from '../auth/identity.js';
import { type Level, asRole, satisfies } from '../auth/permissions.js';
import type { SimRepository } from '../world.js';
import { SimGraphqlError } from './errors.js';
import type { Ctx } from './sources.js';

export function canSee(ctx: Ctx, repo: SimRepository): boolean {
  return repoAccess(ctx.world, ctx.identity, repo) !== 'none';
}

/**
 * Throws GitHub's FORBIDDEN unless the token may run `mutation` on `repo`: fine-grained actors need
 * one of the `accepted` permission sets, classic accounts the `role`.
 */
export function requireAccess(ctx: Ctx, repo: SimRepository, mutation: string, accepted: string, role: Level): void {
  const identity = ctx.identity;
  if (identity.kind === 'installation' || identity.kind === 'fine-grained') {
    if (satisfies(heldPermissions(ctx.world, identity, repo), accepted)) return;
    const by = identity.kind === 'installation' ? 'integration' : 'personal access token';
    throw new SimGraphqlError('FORBIDDEN', `Resource not accessible by ${by}`);
  }
  const held = asRole(repoAccess(ctx.world, identity, repo));
  if (role === 'read' ? held !== 'none' : held === 'write') return;
  throw new SimGraphqlError('FORBIDDEN', `${ctx.viewer} does not have the correct permissions to execute \`${mutation}\``);
}
