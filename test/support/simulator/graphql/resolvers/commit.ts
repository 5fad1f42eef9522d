// Commit, GitActor, Status, StatusContext and Blob fields.
import { createHash } from 'node:crypto';
import type { SimCommit, SimPerson, SimStatus, World } from '../../world.js';
import { paginate } from '../connection.js';
import {
  actorByLogin,
  actorSrc,
  type BlobSrc,
  type CommitSrc,
  commitNodeId,
  commitSrc,
  fullName,
  type GitActorSrc,
  repoSrc,
  repoUrl,
  type StatusContextSrc,
  type StatusSrc,
  type TypeResolvers,
} from '../sources.js';

/**
 * `GitActor.user` is typed `User` ("The GitHub user corresponding to the email field. Null if no such
 * user exists."): an App's bot is a `Bot`, not a `User`, so a bot's commit answers `user: null` with
 * its no-reply address (bazel-contrib/publish-to-bcr#82 "Commit author is null when github-actions bot
 * is the release author"; linuxfoundation/crowd.dev#3681 handles bots beside deleted accounts, "both
 * null"). GitHub always answers so, hence no option.
 */
function gitActor(world: World, person: SimPerson, date: string): GitActorSrc {
  const user = world.userByEmail(person.email);
  return { name: person.name, email: person.email, date, user: user?.type === 'User' ? actorSrc(user) : null };
}

const CO_AUTHOR = /^co-authored-by:\s*(.*?)\s*<([^>]+)>\s*$/gim;

/**
 * The git author, then each `Co-authored-by:` trailer, as GitHub lists Commit.authors. A trailer
 * repeating an email already listed is dropped (docs silent; GitHub shows each person once).
 */
export function commitAuthors(world: World, commit: SimCommit): GitActorSrc[] {
  const people: SimPerson[] = [commit.author];
  for (const match of commit.message.matchAll(CO_AUTHOR)) people.push({ name: match[1]!, email: match[2]! });
  const seen = new Set<string>();
  return people
    .filter((p) => {
      const key = p.email.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((p) => gitActor(world, p, commit.author.date));
}

function headline(message: string): string {
  return message.split('\n', 1)[0] ?? '';
}

function body(message: string): string {
  const newline = message.indexOf('\n');
  return newline < 0 ? '' : message.slice(newline + 1).replace(/^\n+/, '');
}

/**
 * Combined state per GitHub's documented rules for the combined status: failure if any context is
 * error or failure, pending if any is pending, else success. (The GraphQL docs do not say whether
 * an error context makes the combination ERROR; the REST rule is followed.)
 */
export function combinedState(latest: SimStatus[]): string {
  if (latest.some((s) => s.state === 'error' || s.state === 'failure')) return 'FAILURE';
  if (latest.length === 0 || latest.some((s) => s.state === 'pending')) return 'PENDING';
  return 'SUCCESS';
}

function history(world: World, from: SimCommit): SimCommit[] {
  const list: SimCommit[] = [];
  let current: SimCommit | undefined = from;
  while (current) {
    list.push(current);
    const parent: string | undefined = current.parents[0];
    current = parent ? world.commits.get(parent) : undefined;
  }
  return list;
}

export const commitResolvers: TypeResolvers<CommitSrc> = {
  id: ({ repo, commit }) => commitNodeId(repo, commit.sha),
  oid: ({ commit }) => commit.sha,
  abbreviatedOid: ({ commit }) => commit.sha.slice(0, 7),
  message: ({ commit }) => commit.message,
  messageHeadline: ({ commit }) => headline(commit.message),
  messageBody: ({ commit }) => body(commit.message),
  url: ({ repo, commit }) => `${repoUrl(repo)}/commit/${commit.sha}`,
  commitUrl: ({ repo, commit }) => `${repoUrl(repo)}/commit/${commit.sha}`,
  resourcePath: ({ repo, commit }) => `/${fullName(repo)}/commit/${commit.sha}`,
  committedDate: ({ commit }) => commit.committer.date,
  authoredDate: ({ commit }) => commit.author.date,
  author: ({ commit }, _, ctx) => gitActor(ctx.world, commit.author, commit.author.date),
  committer: ({ commit }, _, ctx) => gitActor(ctx.world, commit.committer, commit.committer.date),
  authors: ({ commit }, args, ctx) => paginate(commitAuthors(ctx.world, commit), args, (a, i) => `${i}:${a.email}`),
  parents: ({ repo, commit }, args, ctx) =>
    paginate(
      commit.parents.flatMap((sha) => {
        const parent = ctx.world.commits.get(sha);
        return parent ? [commitSrc(repo, parent)] : [];
      }),
      args,
      (c) => c.commit.sha,
    ),
  history: ({ repo, commit }, args, ctx) =>
    paginate(
      history(ctx.world, commit).map((c) => commitSrc(repo, c)),
      args,
      (c) => c.commit.sha,
    ),
  repository: ({ repo }) => repoSrc(repo),
  // Statuses belong to the repository the commit was reached through.
  status: ({ repo, commit }, _, ctx): StatusSrc | null => {
    if ((repo.statuses.get(commit.sha) ?? []).length === 0) return null;
    return { __typename: 'Status', repo, commit, latest: ctx.world.latestStatuses(fullName(repo), commit.sha) };
  },
};

export const gitActorResolvers: TypeResolvers<GitActorSrc> = {
  avatarUrl: ({ email }) => `https://avatars.githubusercontent.com/u/e?email=${encodeURIComponent(email)}`,
};

const contextSrc = (src: StatusSrc, status: SimStatus): StatusContextSrc => ({
  __typename: 'StatusContext',
  repo: src.repo,
  commit: src.commit,
  status,
});

export const statusResolvers: TypeResolvers<StatusSrc> = {
  id: ({ repo, commit }) => Buffer.from(`0:Status${repo.id}:${commit.sha}`).toString('base64').replace(/=+$/, ''),
  state: ({ latest }) => combinedState(latest),
  commit: ({ repo, commit }) => commitSrc(repo, commit),
  contexts: (src) => src.latest.map((s) => contextSrc(src, s)),
  context: (src, args) => {
    const found = src.latest.find((s) => s.context.toLowerCase() === String(args.name).toLowerCase());
    return found ? contextSrc(src, found) : null;
  },
  combinedContexts: (src, args) =>
    paginate(
      src.latest.map((s) => contextSrc(src, s)),
      args,
      (c) => c.status.context,
    ),
};

export const statusContextResolvers: TypeResolvers<StatusContextSrc> = {
  id: ({ status }) => status.nodeId,
  context: ({ status }) => status.context,
  state: ({ status }) => status.state.toUpperCase(),
  description: ({ status }) => status.description,
  targetUrl: ({ status }) => status.targetUrl,
  createdAt: ({ status }) => status.createdAt,
  creator: ({ status }, _, ctx) => actorByLogin(ctx.world, status.creator),
  avatarUrl: () => null,
  commit: ({ repo, commit }) => commitSrc(repo, commit),
  isRequired: () => false,
};

/** git's blob id: sha1 of "blob <size>\0<content>". */
function blobOid(text: string): string {
  const content = Buffer.from(text);
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export const blobResolvers: TypeResolvers<BlobSrc> = {
  id: ({ repo, path }) => Buffer.from(`0:Blob${repo.id}:${path}`).toString('base64').replace(/=+$/, ''),
  text: ({ text }) => text,
  byteSize: ({ text }) => Buffer.byteLength(text),
  oid: ({ text }) => blobOid(text),
  abbreviatedOid: ({ text }) => blobOid(text).slice(0, 7),
  isBinary: () => false,
  isTruncated: () => false,
  repository: ({ repo }) => repoSrc(repo),
};
