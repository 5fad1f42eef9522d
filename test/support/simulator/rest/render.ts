// World objects rendered as GitHub's REST JSON, with the fields the OpenAPI schemas require.
import { createHash } from 'node:crypto';
import type { SimComment, SimIssue, SimLabel, SimRepository, SimStatus, World } from '../world.js';

const WEB = 'https://github.com';

/** A login's account id: the world's, or a stable one derived from the login for accounts the world lacks (the token's bot). */
export function accountId(world: World, login: string): number {
  const user = world.user(login);
  if (user) return user.id;
  return createHash('sha1').update(login.toLowerCase()).digest().readUInt32BE(0) % 10_000_000;
}

export function simpleUser(world: World, apiBase: string, login: string): Record<string, unknown> {
  const id = accountId(world, login);
  const user = world.user(login);
  const url = `${apiBase}/users/${login}`;
  return {
    login: user?.login ?? login,
    id,
    node_id: world.nodeId('User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user?.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `GET /user`: the authenticated account, with the private fields. */
export function privateUser(world: World, apiBase: string, login: string): Record<string, unknown> {
  const user = world.user(login);
  return {
    ...simpleUser(world, apiBase, login),
    user_view_type: 'private',
    name: user?.name ?? null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: world.reposOf(login).filter((r) => !r.isPrivate).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    private_gists: 0,
    total_private_repos: world.reposOf(login).filter((r) => r.isPrivate).length,
    owned_private_repos: world.reposOf(login).filter((r) => r.isPrivate).length,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

export function repoUrl(apiBase: string, repo: SimRepository): string {
  return `${apiBase}/repos/${repo.owner}/${repo.name}`;
}

export function label(apiBase: string, repo: SimRepository, l: SimLabel): Record<string, unknown> {
  return {
    id: l.id,
    node_id: l.nodeId,
    url: `${repoUrl(apiBase, repo)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}

function statusFields(world: World, apiBase: string, repo: SimRepository, sha: string, s: SimStatus) {
  return {
    url: `${repoUrl(apiBase, repo)}/statuses/${sha}`,
    avatar_url: simpleUser(world, apiBase, s.creator).avatar_url as string,
    id: s.id,
    node_id: s.nodeId,
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function status(world: World, apiBase: string, repo: SimRepository, sha: string, s: SimStatus): Record<string, unknown> {
  return { ...statusFields(world, apiBase, repo, sha, s), creator: simpleUser(world, apiBase, s.creator) };
}

/** The items of a combined status, which carry no `creator`. */
export function simpleCommitStatus(world: World, apiBase: string, repo: SimRepository, sha: string, s: SimStatus): Record<string, unknown> {
  return statusFields(world, apiBase, repo, sha, s);
}

export function minimalRepository(world: World, apiBase: string, repo: SimRepository): Record<string, unknown> {
  const url = repoUrl(apiBase, repo);
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: full,
    owner: simpleUser(world, apiBase, repo.owner),
    private: repo.isPrivate,
    html_url: `${WEB}/${full}`,
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    hooks_url: `${url}/hooks`,
  };
}

export function fullRepository(world: World, apiBase: string, repo: SimRepository): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const open = [...repo.pullRequests.values()].filter((p) => p.state === 'OPEN').length;
  const owner = world.user(repo.owner);
  return {
    ...minimalRepository(world, apiBase, repo),
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${WEB}/${full}.git`,
    svn_url: `${WEB}/${full}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: open,
    open_issues: open,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.isArchived,
    disabled: false,
    visibility: repo.isPrivate ? 'private' : 'public',
    pushed_at: '2026-01-01T00:00:00Z',
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    network_count: 0,
    subscribers_count: 0,
    ...(owner?.type === 'Organization' ? { organization: simpleUser(world, apiBase, repo.owner) } : {}),
  };
}

export function issueComment(
  world: World,
  apiBase: string,
  repo: SimRepository,
  number: number,
  c: SimComment,
): Record<string, unknown> {
  const url = repoUrl(apiBase, repo);
  return {
    id: c.id,
    node_id: c.nodeId,
    url: `${url}/issues/comments/${c.id}`,
    html_url: `${WEB}/${repo.owner}/${repo.name}/pull/${number}#issuecomment-${c.id}`,
    body: c.body,
    user: simpleUser(world, apiBase, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${url}/issues/${number}`,
    author_association: 'NONE',
    performed_via_github_app: null,
    reactions: {
      url: `${url}/issues/comments/${c.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}

/** An issue as `POST /repos/{owner}/{repo}/issues` and `PATCH .../issues/{issue_number}` answer it (the `issue` schema). */
export function issue(world: World, apiBase: string, repo: SimRepository, i: SimIssue): Record<string, unknown> {
  const url = `${repoUrl(apiBase, repo)}/issues/${i.number}`;
  return {
    id: i.id,
    node_id: i.nodeId,
    url,
    repository_url: repoUrl(apiBase, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${WEB}/${repo.owner}/${repo.name}/issues/${i.number}`,
    number: i.number,
    state: i.state === 'OPEN' ? 'open' : 'closed',
    // The schema's enum has no null, though the field is nullable: left out while the issue is open.
    ...(i.state === 'CLOSED' ? { state_reason: 'completed' } : {}),
    title: i.title,
    body: i.body,
    user: simpleUser(world, apiBase, i.author),
    labels: [],
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: i.closedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_by: null,
    author_association: 'NONE',
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}
