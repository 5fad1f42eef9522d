// User, Organization and Bot fields.
import { canSee } from '../access.js';
import { paginate } from '../connection.js';
import { type ActorSrc, repoSrc, type TypeResolvers, WEB_URL } from '../sources.js';
import { ordered } from './order.js';

const kindOf = (src: ActorSrc): string => src.user.type;

export const actorResolvers: TypeResolvers<ActorSrc> = {
  id: (src, _, ctx) => ctx.world.nodeId(kindOf(src), src.user.id),
  databaseId: ({ user }) => user.id,
  login: ({ user }) => user.login,
  name: ({ user }) => user.name,
  // Email is private unless the user makes it public; GitHub answers "" then.
  email: () => '',
  url: ({ user }) => `${WEB_URL}/${user.type === 'Bot' ? `apps/${user.login.replace(/\[bot\]$/, '')}` : user.login}`,
  resourcePath: ({ user }) => `/${user.login}`,
  avatarUrl: ({ user }) => `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
  repositories: ({ user }, args, ctx) => {
    const repos = ctx.world
      .reposOf(user.login)
      .filter(
        (r) =>
          canSee(ctx, r) &&
          (args.isArchived == null || r.isArchived === args.isArchived) &&
          (args.privacy == null || (args.privacy === 'PRIVATE') === r.isPrivate) &&
          (args.visibility == null || (args.visibility === 'PRIVATE') === r.isPrivate) &&
          // The world does not mark forks; only repositories that head a pull request elsewhere are forks.
          (args.isFork == null ||
            args.isFork ===
              [...ctx.world.repos.values()].some(
                (o) =>
                  o !== r &&
                  [...o.pullRequests.values()].some(
                    (pr) => pr.headRepo.toLowerCase() === `${r.owner}/${r.name}`.toLowerCase(),
                  ),
              )),
      )
      .sort((a, b) => a.id - b.id);
    const sorted = ordered(repos, args, {
      NAME: (r) => r.name.toLowerCase(),
      CREATED_AT: (r) => r.id,
      UPDATED_AT: (r) => r.id,
      PUSHED_AT: (r) => r.id,
      STARGAZERS: () => 0,
    });
    return paginate(sorted.map(repoSrc), args, (r) => String(r.repo.id));
  },
};
