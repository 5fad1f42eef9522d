// Root query fields.
import type { SimPullRequest, SimRepository, SimUser, World } from '../../world.js';
import { canSee } from '../access.js';
import { notFound } from '../errors.js';
import { isForbiddenPull, isSamlProtected, samlForbidden } from '../partial.js';
import {
  type ActorSrc,
  actorSrc,
  type Ctx,
  commitNodeId,
  commitSrc,
  labelSrc,
  pullSrc,
  repoSrc,
  type TypeResolvers,
} from '../sources.js';

// GitHub's NOT_FOUND wording, as API answers and the GitHub CLI show it.
const nodeNotFound = (id: string): Error => notFound(`Could not resolve to a node with the global id of '${id}'.`);

function viewerUser(ctx: Ctx): SimUser {
  return ctx.world.user(ctx.viewer) ?? { id: 0, login: ctx.viewer, type: 'User', emails: [], name: null };
}

/** Finds the object a node id names; only the kinds the simulator mints are searched. */
export function findNode(world: World, id: string): unknown {
  const text = Buffer.from(id, 'base64').toString('utf8');
  const match = /^0:([A-Za-z]+)(\d+)(?::([0-9a-f]{40}))?$/.exec(text);
  if (!match) return null;
  const [, kind, num, sha] = match;
  const dbId = Number(num);
  for (const repo of world.repos.values()) {
    if (kind === 'Repository' && repo.id === dbId) return repoSrc(repo);
    if (kind === 'Commit' && repo.id === dbId && sha) {
      const commit = world.commits.get(sha);
      return commit && commitNodeId(repo, sha) === id ? commitSrc(repo, commit) : null;
    }
    if (kind === 'PullRequest') {
      for (const pr of repo.pullRequests.values()) if (pr.id === dbId) return pullSrc(repo, pr);
    }
    if (kind === 'Label') {
      for (const label of repo.labels.values()) if (label.id === dbId) return labelSrc(repo, label);
    }
  }
  if (kind === 'User' || kind === 'Organization' || kind === 'Bot') {
    for (const user of world.users.values()) if (user.id === dbId) return actorSrc(user);
  }
  return null;
}

/** A pull request or repository the partial-answer faults forbid. */
function forbiddenNode(ctx: Ctx, found: unknown): boolean {
  const node = found as { __typename?: string; repo?: SimRepository; pr?: SimPullRequest };
  if (node.__typename === 'PullRequest' && node.repo && node.pr) return isForbiddenPull(ctx, node.repo, node.pr);
  if (node.__typename === 'Repository' && node.repo) return isSamlProtected(ctx, node.repo);
  return false;
}

export const queryResolvers: TypeResolvers<unknown> = {
  repository: (_, args, ctx) => {
    const owner = String(args.owner);
    const name = String(args.name);
    const repo = ctx.world.repo(`${owner}/${name}`);
    // A repository the token cannot see answers as one that does not exist.
    if (!repo || !canSee(ctx, repo)) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
    if (isSamlProtected(ctx, repo)) throw samlForbidden();
    return repoSrc(repo);
  },
  // Nullable and answered without an error when nothing has the login (docs silent; as observed).
  repositoryOwner: (_, args, ctx): ActorSrc | null => {
    const user = ctx.world.user(String(args.login));
    return user && user.type !== 'Bot' ? actorSrc(user) : null;
  },
  organization: (_, args, ctx) => {
    const user = ctx.world.user(String(args.login));
    if (user?.type !== 'Organization') {
      throw notFound(`Could not resolve to an Organization with the login of '${String(args.login)}'.`);
    }
    return actorSrc(user);
  },
  user: (_, args, ctx) => {
    const user = ctx.world.user(String(args.login));
    if (user?.type !== 'User') throw notFound(`Could not resolve to a User with the login of '${String(args.login)}'.`);
    return actorSrc(user);
  },
  viewer: (_, __, ctx) => actorSrc(viewerUser(ctx)),
  rateLimit: (_, __, ctx) => {
    const budget = ctx.state.graphqlBudget;
    return {
      limit: budget.limit,
      cost: ctx.rateLimit.cost,
      remaining: budget.remaining,
      used: budget.used,
      resetAt: new Date(budget.resetAt * 1000).toISOString(),
      nodeCount: ctx.rateLimit.nodeCount,
    };
  },
  node: (_, args, ctx) => {
    const found = findNode(ctx.world, String(args.id));
    if (!found) throw nodeNotFound(String(args.id));
    if (forbiddenNode(ctx, found)) throw samlForbidden();
    return found;
  },
  // A missing id becomes null in the list plus a NOT_FOUND error at its index, as GitHub answers;
  // a pull request the token may not read becomes null plus a FORBIDDEN error there.
  nodes: (_, args, ctx) =>
    (args.ids as string[]).map((id) => {
      const found = findNode(ctx.world, id);
      if (!found) return nodeNotFound(id);
      return forbiddenNode(ctx, found) ? samlForbidden() : found;
    }),
};
