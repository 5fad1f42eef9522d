// Repository fields.
import type { SimPullRequest, SimRepository } from '../../world.js';
import { type Args, paginate } from '../connection.js';
import { notFound } from '../errors.js';
import { isForbiddenPull, samlForbidden, withForbiddenNulls } from '../partial.js';
import { branchHead, objectByExpression, objectByOid } from '../git-objects.js';
import {
  actorByLogin,
  fullName,
  labelSrc,
  pullSrc,
  type RefSrc,
  type RepoSrc,
  repoUrl,
  type TypeResolvers,
} from '../sources.js';
import { repositoryIssueResolvers } from './issue.js';
import { queueSrc } from './merge-queue.js';
import { ordered } from './order.js';

/**
 * Filters shared by Repository.pullRequests and Label.pullRequests. With `exactLabels` the `labels:`
 * filter matches names exactly, as cli/cli#1819 reports of GitHub ("TIL that labels filter is
 * case-sensitive", a GitHub CLI maintainer); otherwise case-insensitively, like the web UI.
 */
export function filterPulls(pulls: Iterable<SimPullRequest>, args: Args, exactLabels = false): SimPullRequest[] {
  const states = args.states as string[] | null | undefined;
  // GitHub matches any of the given labels (docs: "A list of label names to filter the pull requests by").
  const fold = (name: string): string => (exactLabels ? name : name.toLowerCase());
  const labels = (args.labels as string[] | null | undefined)?.map(fold);
  const list = [...pulls].filter(
    (pr) =>
      (!states || states.includes(pr.state)) &&
      (!labels || pr.labels.some((l) => labels.includes(fold(l)))) &&
      (args.headRefName == null || pr.headRefName === args.headRefName) &&
      (args.baseRefName == null || pr.baseRefName === args.baseRefName),
  );
  // Docs silent on the default order; GitHub lists oldest first (creation order).
  return ordered(
    list.sort((a, b) => a.number - b.number),
    args,
    {
      CREATED_AT: (pr) => pr.createdAt,
      UPDATED_AT: (pr) => pr.updatedAt,
      COMMENTS: (pr) => pr.comments.length,
    },
  );
}

export function refSrc(repo: SimRepository, name: string, commit: RefSrc['commit']): RefSrc {
  return { __typename: 'Ref', repo, name, commit };
}

export const repositoryResolvers: TypeResolvers<RepoSrc> = {
  ...repositoryIssueResolvers,
  id: ({ repo }) => repo.nodeId,
  databaseId: ({ repo }) => repo.id,
  name: ({ repo }) => repo.name,
  nameWithOwner: ({ repo }) => fullName(repo),
  owner: ({ repo }, _, ctx) => actorByLogin(ctx.world, repo.owner),
  isArchived: ({ repo }) => repo.isArchived,
  isPrivate: ({ repo }) => repo.isPrivate,
  isFork: ({ repo }, _, ctx) =>
    [...ctx.world.repos.values()].some(
      (other) =>
        other !== repo &&
        [...other.pullRequests.values()].some((pr) => pr.headRepo.toLowerCase() === fullName(repo).toLowerCase()),
    ),
  visibility: ({ repo }) => (repo.isPrivate ? 'PRIVATE' : 'PUBLIC'),
  description: () => null,
  url: ({ repo }) => repoUrl(repo),
  resourcePath: ({ repo }) => `/${fullName(repo)}`,
  defaultBranchRef: ({ repo }, _, ctx) => refSrc(repo, repo.defaultBranch, branchHead(ctx.world, repo, repo.defaultBranch)),
  pullRequests: ({ repo }, args, ctx) =>
    withForbiddenNulls(
      paginate(
        filterPulls(repo.pullRequests.values(), args, ctx.state.faults.caseSensitiveLabelLookup).map((pr) => pullSrc(repo, pr)),
        args,
        (p) => String(p.pr.number),
      ),
      (p) => isForbiddenPull(ctx, p.repo, p.pr),
    ),
  pullRequest: ({ repo }, args, ctx) => {
    const pr = repo.pullRequests.get(Number(args.number));
    if (!pr) throw notFound(`Could not resolve to a PullRequest with the number of ${Number(args.number)}.`);
    if (isForbiddenPull(ctx, repo, pr)) throw samlForbidden();
    return pullSrc(repo, pr);
  },
  // Label names are unique case-insensitively (a second "Bug" beside "bug" is refused, git-bug/git-bug#176),
  // yet `label(name:)` has been reported to answer null for a name in another case (same issue:
  // "having only one label named `bug` and trying to retrieve a label with name `Bug` will return a
  // null ID"); `caseSensitiveLabelLookup` models that report.
  label: ({ repo }, args, ctx) => {
    const name = String(args.name);
    const label = repo.labels.get(name.toLowerCase());
    if (!label || (ctx.state.faults.caseSensitiveLabelLookup && label.name !== name)) return null;
    return labelSrc(repo, label);
  },
  labels: ({ repo }, args) => {
    // The docs: "If provided, searches labels by name and description."
    const query = typeof args.query === 'string' ? args.query.toLowerCase() : undefined;
    const matching = [...repo.labels.values()].filter(
      (l) =>
        !query || l.name.toLowerCase().includes(query) || (l.description ?? '').toLowerCase().includes(query),
    );
    const sorted = ordered(matching, args, { NAME: (l) => l.name.toLowerCase(), CREATED_AT: (l) => l.id });
    return paginate(
      sorted.map((l) => labelSrc(repo, l)),
      args,
      (l) => l.label.name.toLowerCase(),
    );
  },
  object: ({ repo }, args, ctx) => {
    if (typeof args.oid === 'string') return objectByOid(ctx.world, repo, args.oid);
    if (typeof args.expression === 'string') return objectByExpression(ctx.world, repo, args.expression);
    return null;
  },
  mergeQueue: ({ repo }, args) => {
    const queue = repo.mergeQueues.get(typeof args.branch === 'string' ? args.branch : repo.defaultBranch);
    return queue ? queueSrc(repo, queue) : null;
  },
  ref: ({ repo }, args, ctx) => {
    const qualified = String(args.qualifiedName);
    const name = qualified.replace(/^refs\/heads\//, '');
    const commit = branchHead(ctx.world, repo, name);
    return commit || name === repo.defaultBranch ? refSrc(repo, name, commit) : null;
  },
};
