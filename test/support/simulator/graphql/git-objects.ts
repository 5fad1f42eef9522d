// Resolves Repository.object(oid:|expression:) over the world: commits of the repository's pull
// requests (and of pull requests whose head lives in it), branch heads, refs/pull/N/head, files.
import type { SimCommit, SimRepository, World } from '../world.js';
import { type BlobSrc, type CommitSrc, commitSrc, fullName } from './sources.js';

/** Every commit reachable in a repository: its pull requests' commits and those pushed to its branches. */
export function repoCommits(world: World, repo: SimRepository): Set<string> {
  const shas = new Set<string>();
  const name = fullName(repo).toLowerCase();
  for (const other of world.repos.values()) {
    for (const pr of other.pullRequests.values()) {
      if (other === repo || pr.headRepo.toLowerCase() === name) for (const sha of pr.commits) shas.add(sha);
    }
  }
  // Branches the world pushed (merge groups, the base they build on), with every ancestor.
  const pending = [...repo.branches.values()];
  while (pending.length > 0) {
    const sha = pending.pop()!;
    if (shas.has(sha)) continue;
    shas.add(sha);
    pending.push(...(world.commits.get(sha)?.parents ?? []));
  }
  return shas;
}

/** The head of a branch of this repository: the newest pull request opened from it. */
export function branchHead(world: World, repo: SimRepository, branch: string): SimCommit | null {
  const pushed = repo.branches.get(branch);
  if (pushed) return world.commits.get(pushed) ?? null;
  const name = fullName(repo).toLowerCase();
  let head: string | undefined;
  for (const other of world.repos.values()) {
    for (const pr of other.pullRequests.values()) {
      if (pr.headRepo.toLowerCase() === name && pr.headRefName === branch) head = pr.commits[pr.commits.length - 1];
    }
  }
  return head ? (world.commits.get(head) ?? null) : null;
}

function revision(world: World, repo: SimRepository, rev: string): SimCommit | null {
  const pull = /^refs\/pull\/(\d+)\/head$/.exec(rev);
  if (pull) {
    const pr = repo.pullRequests.get(Number(pull[1]));
    const sha = pr?.commits[pr.commits.length - 1];
    return sha ? (world.commits.get(sha) ?? null) : null;
  }
  if (/^[0-9a-f]{4,40}$/i.test(rev)) {
    const lower = rev.toLowerCase();
    for (const sha of repoCommits(world, repo)) if (sha.startsWith(lower)) return world.commits.get(sha) ?? null;
  }
  return branchHead(world, repo, rev.replace(/^refs\/heads\//, ''));
}

export function objectByOid(world: World, repo: SimRepository, oid: string): CommitSrc | null {
  const commit = world.commits.get(oid.toLowerCase());
  return commit && inRepository(world, repo, commit.sha) ? commitSrc(repo, commit) : null;
}

/** Whether a commit is reachable in a repository: its own pull requests first (the common case), then forks'. */
function inRepository(world: World, repo: SimRepository, sha: string): boolean {
  for (const pr of repo.pullRequests.values()) if (pr.commits.includes(sha)) return true;
  return repoCommits(world, repo).has(sha);
}

/**
 * A git revision expression: a SHA, a branch, `refs/pull/N/head`, or `REV:path` for a file.
 * Files live on the default branch only (the world keeps no history of them).
 */
export function objectByExpression(world: World, repo: SimRepository, expression: string): CommitSrc | BlobSrc | null {
  const colon = expression.indexOf(':');
  if (colon >= 0) {
    const rev = expression.slice(0, colon);
    const path = expression.slice(colon + 1);
    if (rev !== '' && rev !== 'HEAD' && rev !== repo.defaultBranch && rev !== `refs/heads/${repo.defaultBranch}`) return null;
    const text = repo.files.get(path);
    return text === undefined ? null : { __typename: 'Blob', repo, path, text };
  }
  const commit = revision(world, repo, expression);
  return commit ? commitSrc(repo, commit) : null;
}
