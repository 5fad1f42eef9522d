// Repository.issues and the Issue fields the dashboard reads.
import { accountId } from '../../rest/render.js';
import type { SimIssue, SimRepository, SimUser } from '../../world.js';
import { type Args, paginate } from '../connection.js';
import { actorSrc, fullName, issueSrc, type IssueSrc, repoSrc, repoUrl, type Ctx, type TypeResolvers } from '../sources.js';
import { ordered } from './order.js';

/**
 * `Repository.issues(states:, filterBy: { createdBy, states }, orderBy:)`. The schema: IssueFilters
 * `createdBy` "List issues created by given name", `states` "List issues filtered by the list of
 * states given"; Renovate finds its dependency dashboard the same way
 * (lib/modules/platform/github/graphql.ts, `filterBy: { createdBy: $user }`). The login is compared
 * case-insensitively, as GitHub compares logins.
 */
export function filterIssues(repo: SimRepository, args: Args): SimIssue[] {
  const filterBy = (args.filterBy ?? {}) as { createdBy?: string | null; states?: string[] | null };
  const states = (args.states as string[] | null | undefined) ?? filterBy.states ?? null;
  const by = filterBy.createdBy?.toLowerCase() ?? null;
  const list = [...repo.issues.values()]
    .filter((i) => (!states || states.includes(i.state)) && (by === null || i.author.toLowerCase() === by))
    .sort((a, b) => a.number - b.number);
  return ordered(list, args, { CREATED_AT: (i) => i.createdAt, UPDATED_AT: (i) => i.updatedAt, COMMENTS: () => 0 });
}

/** The author as an actor, also when the world has no account of that login (the token's own bot). */
function authorOf(ctx: Ctx, login: string) {
  const user: SimUser = ctx.world.user(login) ?? {
    id: accountId(ctx.world, login),
    login,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    emails: [],
    name: null,
  };
  return actorSrc(user);
}

export const issueResolvers: TypeResolvers<IssueSrc> = {
  id: ({ issue }) => issue.nodeId,
  databaseId: ({ issue }) => issue.id,
  number: ({ issue }) => issue.number,
  title: ({ issue }) => issue.title,
  body: ({ issue }) => issue.body,
  state: ({ issue }) => issue.state,
  closed: ({ issue }) => issue.state === 'CLOSED',
  closedAt: ({ issue }) => issue.closedAt,
  createdAt: ({ issue }) => issue.createdAt,
  updatedAt: ({ issue }) => issue.updatedAt,
  url: ({ repo, issue }) => `${repoUrl(repo)}/issues/${issue.number}`,
  resourcePath: ({ repo, issue }) => `/${fullName(repo)}/issues/${issue.number}`,
  author: ({ issue }, _, ctx) => authorOf(ctx, issue.author),
  repository: ({ repo }) => repoSrc(repo),
};

export const repositoryIssueResolvers: TypeResolvers<{ repo: SimRepository }> = {
  issues: ({ repo }, args) => paginate(filterIssues(repo, args).map((i) => issueSrc(repo, i)), args, (i) => String(i.issue.number)),
  issue: ({ repo }, args) => {
    const issue = repo.issues.get(Number(args.number));
    return issue ? issueSrc(repo, issue) : null;
  },
};
