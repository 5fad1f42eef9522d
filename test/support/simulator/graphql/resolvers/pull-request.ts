// PullRequest and PullRequestCommit fields.
import { paginate } from '../connection.js';
import {
  actorByLogin,
  type CommentSrc,
  commitSrc,
  fullName,
  headRepoOf,
  labelSrc,
  mustCommit,
  type PullCommitSrc,
  type PullSrc,
  repoSrc,
  repoUrl,
  type TypeResolvers,
} from '../sources.js';
import { hasNullLabels, samlForbidden } from '../partial.js';
import { refSrc } from './repository.js';

const pullUrl = ({ repo, pr }: PullSrc): string => `${repoUrl(repo)}/pull/${pr.number}`;

export const pullRequestResolvers: TypeResolvers<PullSrc> = {
  id: ({ pr }) => pr.nodeId,
  databaseId: ({ pr }) => pr.id,
  number: ({ pr }) => pr.number,
  title: ({ pr }) => pr.title,
  body: () => '',
  state: ({ pr }) => pr.state,
  closed: ({ pr }) => pr.state !== 'OPEN',
  merged: ({ pr }) => pr.state === 'MERGED',
  // The world keeps no close or merge time; the last update stands in for it.
  closedAt: ({ pr }) => (pr.state === 'OPEN' ? null : pr.updatedAt),
  mergedAt: ({ pr }) => (pr.state === 'MERGED' ? pr.updatedAt : null),
  isDraft: ({ pr }) => pr.isDraft,
  url: (src) => pullUrl(src),
  permalink: (src) => pullUrl(src),
  resourcePath: ({ repo, pr }) => `/${fullName(repo)}/pull/${pr.number}`,
  createdAt: ({ pr }) => pr.createdAt,
  updatedAt: ({ pr }) => pr.updatedAt,
  author: ({ pr }, _, ctx) => actorByLogin(ctx.world, pr.author),
  headRefOid: ({ pr }) => pr.commits[pr.commits.length - 1],
  headRefName: ({ pr }) => pr.headRefName,
  baseRefName: ({ pr }) => pr.baseRefName,
  isCrossRepository: ({ repo, pr }) => pr.headRepo.toLowerCase() !== fullName(repo).toLowerCase(),
  headRepository: ({ repo, pr }, _, ctx) => repoSrc(headRepoOf(ctx.world, repo, pr)),
  headRepositoryOwner: ({ repo, pr }, _, ctx) => actorByLogin(ctx.world, headRepoOf(ctx.world, repo, pr).owner),
  repository: ({ repo }) => repoSrc(repo),
  baseRepository: ({ repo }) => repoSrc(repo),
  // The head commit is looked up in the head repository, so a fork's statuses show through headRef.
  headRef: ({ repo, pr }, _, ctx) => {
    const head = headRepoOf(ctx.world, repo, pr);
    return refSrc(head, pr.headRefName, mustCommit(ctx.world, pr.commits[pr.commits.length - 1]!));
  },
  baseRef: ({ repo, pr }) => refSrc(repo, pr.baseRefName, null),
  // The schema lets `labels` be null; `nullLabels` makes it so, with an error at its path.
  labels: ({ repo, pr }, args, ctx) => {
    if (hasNullLabels(ctx, repo, pr)) throw samlForbidden();
    return paginate(
      pr.labels.flatMap((name) => {
        const label = repo.labels.get(name.toLowerCase());
        return label ? [labelSrc(repo, label)] : [];
      }),
      args,
      (l) => l.label.name.toLowerCase(),
    );
  },
  // Oldest first and without the REST API's 250-commit cap.
  commits: ({ repo, pr }, args, ctx) =>
    paginate(
      pr.commits.map(
        (sha): PullCommitSrc => ({ __typename: 'PullRequestCommit', repo, pr, commit: mustCommit(ctx.world, sha) }),
      ),
      args,
      (c) => c.commit.sha,
    ),
  comments: ({ repo, pr }, args) =>
    paginate(
      pr.comments.map((comment): CommentSrc => ({ __typename: 'IssueComment', repo, pr, comment })),
      args,
      (c) => String(c.comment.id),
    ),
};

export const pullRequestCommitResolvers: TypeResolvers<PullCommitSrc> = {
  id: ({ repo, pr, commit }) =>
    Buffer.from(`0:PullRequestCommit${pr.id}:${commit.sha}:${repo.id}`).toString('base64').replace(/=+$/, ''),
  commit: ({ repo, commit }) => commitSrc(repo, commit),
  pullRequest: ({ repo, pr }) => ({ __typename: 'PullRequest', repo, pr }),
  url: ({ repo, pr, commit }) => `${repoUrl(repo)}/pull/${pr.number}/commits/${commit.sha}`,
  resourcePath: ({ repo, pr, commit }) => `/${fullName(repo)}/pull/${pr.number}/commits/${commit.sha}`,
};

export const issueCommentResolvers: TypeResolvers<CommentSrc> = {
  id: ({ comment }) => comment.nodeId,
  databaseId: ({ comment }) => comment.id,
  body: ({ comment }) => comment.body,
  author: ({ comment }, _, ctx) => actorByLogin(ctx.world, comment.user),
  createdAt: ({ comment }) => comment.createdAt,
  updatedAt: ({ comment }) => comment.updatedAt,
  url: ({ repo, pr, comment }) => `${repoUrl(repo)}/pull/${pr.number}#issuecomment-${comment.id}`,
};
