// The simulated GitHub's state: users, repositories, pull requests, commits, labels, statuses,
// with builders that make a world in a few lines. Shared by the GraphQL and REST handlers.
import { createHash } from 'node:crypto';
import { type PermissionSet, allAt } from './auth/permissions.js';

export interface SimUser {
  id: number;
  login: string;
  type: 'User' | 'Bot' | 'Organization';
  /** Emails linked to the account (verified emails, as GitHub links commit authors). */
  emails: string[];
  name: string | null;
}

export interface SimPerson {
  name: string;
  email: string;
}

export interface SimCommit {
  sha: string;
  message: string;
  author: SimPerson & { date: string };
  committer: SimPerson & { date: string };
  parents: string[];
}

export interface SimStatus {
  id: number;
  nodeId: string;
  state: 'success' | 'failure' | 'error' | 'pending';
  description: string | null;
  targetUrl: string | null;
  context: string;
  createdAt: string;
  updatedAt: string;
  creator: string;
}

/** GitHub's check run statuses and conclusions (REST spelling; GraphQL upper-cases them). */
export type CheckStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type CheckConclusion =
  | 'action_required'
  | 'cancelled'
  | 'failure'
  | 'neutral'
  | 'success'
  | 'skipped'
  | 'stale'
  | 'timed_out'
  | 'startup_failure';

/** One App's check suite on one commit: GitHub makes one when the App's first run on that commit is created. */
export interface SimCheckSuite {
  id: number;
  nodeId: string;
  appId: number;
  headSha: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimCheckRun {
  id: number;
  nodeId: string;
  suiteId: number;
  appId: number;
  name: string;
  headSha: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
}

export interface CheckRunSpec {
  /** The App creating it (slug or id). */
  app: string | number;
  name: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  detailsUrl?: string | null;
  externalId?: string | null;
  output?: Partial<SimCheckRun['output']>;
}

export type MergeQueueEntryState = 'AWAITING_CHECKS' | 'LOCKED' | 'MERGEABLE' | 'QUEUED' | 'UNMERGEABLE';

/** A pull request in a merge queue, with the group commit GitHub built for it. */
export interface SimMergeQueueEntry {
  id: number;
  nodeId: string;
  pullRequest: number;
  /** The merge group's head commit: this entry merged on top of those ahead of it. */
  headSha: string;
  /** The base branch commit the queue builds on. */
  baseSha: string;
  /** `gh-readonly-queue/{base}/pr-{number}-{base sha}`, the branch the group commit is pushed to. */
  headRef: string;
  enqueuedAt: string;
  enqueuer: string;
  state: MergeQueueEntryState;
  jump: boolean;
  solo: boolean;
}

export interface SimMergeQueue {
  id: number;
  nodeId: string;
  branch: string;
  /** In queue order: the first is next to merge. */
  entries: SimMergeQueueEntry[];
}

export interface SimLabel {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface SimComment {
  id: number;
  nodeId: string;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export type PullState = 'OPEN' | 'CLOSED' | 'MERGED';

/** A plain issue (the dashboard): numbered with the repository's pull requests. */
export interface SimIssue {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string;
  state: 'OPEN' | 'CLOSED';
  /** Login of the account that opened it. */
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface SimPullRequest {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  state: PullState;
  isDraft: boolean;
  author: string;
  /** "owner/name" of the repository the head branch lives in (differs from the base for forks). */
  headRepo: string;
  headRefName: string;
  baseRefName: string;
  /** Commit SHAs, oldest first; the last is the head. */
  commits: string[];
  /** Label names, in the order they were added. */
  labels: string[];
  comments: SimComment[];
  createdAt: string;
  updatedAt: string;
  /**
   * Serve only this many commits while `totalCount` counts them all: GitHub sometimes gives fewer
   * commits than it counts (the REST list stops at 250, https://docs.github.com/en/rest/pulls/pulls#list-commits-on-a-pull-request;
   * the DCO app guards against short GraphQL lists too, dcoapp/app index.js:287-417).
   */
  commitsServed?: number;
}

export interface SimRepository {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  isArchived: boolean;
  isPrivate: boolean;
  defaultBranch: string;
  /** Keyed by lower-cased name: GitHub label names are case-insensitive. */
  labels: Map<string, SimLabel>;
  pullRequests: Map<number, SimPullRequest>;
  /** Plain issues by number (pull requests are not among them). */
  issues: Map<number, SimIssue>;
  /** Statuses per commit SHA, oldest first (GitHub keeps every status ever posted). */
  statuses: Map<string, SimStatus[]>;
  /** Branches the world pushed outside pull requests (merge groups' `gh-readonly-queue/...`): name -> head SHA. */
  branches: Map<string, string>;
  /** Merge queues by base branch (a branch with a queue-requiring ruleset). */
  mergeQueues: Map<string, SimMergeQueue>;
  /** Check suites and runs, oldest first. */
  checkSuites: SimCheckSuite[];
  checkRuns: SimCheckRun[];
  /** File path -> content, on the default branch. */
  files: Map<string, string>;
  /** Next issue/pull request number. */
  nextNumber: number;
}

/** A GitHub App: its bot account is `slug[bot]`; its public key verifies the JWTs it signs. */
export interface SimApp {
  id: number;
  nodeId: string;
  slug: string;
  name: string;
  /** GitHub's client ids look like `Iv23li...`; a JWT's `iss` may be the client id or the App id. */
  clientId: string;
  /** Login of the account that owns the App. */
  owner: string;
  /** PEM (SPKI) of the key its JWTs are signed with; without one, no JWT of this App verifies. */
  publicKey: string | null;
  /** What the App asks for; its installations grant these unless told otherwise. */
  permissions: PermissionSet;
  /** `slug[bot]`, the account its installation tokens act as. */
  botLogin: string;
  createdAt: string;
}

/** An App installed on an account (user or organisation), on all its repositories or selected ones. */
export interface SimInstallation {
  id: number;
  appId: number;
  /** Login of the account the App is installed on. */
  account: string;
  repositorySelection: 'all' | 'selected';
  /** "owner/name" of the selected repositories (empty when the selection is all). */
  repositories: string[];
  permissions: PermissionSet;
  createdAt: string;
}

export interface AppSpec {
  /** Defaults to a fresh world id; give 15368 to stand for GitHub Actions' App. */
  id?: number;
  name?: string;
  owner?: string;
  publicKey?: string;
  permissions?: PermissionSet;
}

/** What an App asks for by default: everything the sweep needs, writable. */
export const DEFAULT_APP_PERMISSIONS: PermissionSet = { ...allAt('write'), metadata: 'read', contents: 'read' };

export interface CommitSpec {
  /** A login of a world user (their first email is used), or an explicit name and email. */
  author: string | SimPerson;
  /** Each becomes a `Co-authored-by:` trailer. */
  coAuthors?: (string | SimPerson)[];
  message?: string;
  committer?: string | SimPerson;
  /** A `Signed-off-by:` trailer: `true` for the author, or another person. */
  signOff?: true | string | SimPerson;
  /** Further lines appended to the message, as written (remediation statements, say). */
  lines?: string[];
  /** A merge commit: a second parent, on the base branch, is made for it. */
  merge?: boolean;
}

export interface PullRequestSpec {
  author?: string;
  title?: string;
  commits: CommitSpec[];
  state?: PullState;
  draft?: boolean;
  /** "owner/name" of a fork the head branch lives in. */
  fork?: string;
  labels?: string[];
  headRefName?: string;
}

export const GITHUB_WEB_FLOW: SimPerson = { name: 'GitHub', email: 'noreply@github.com' };

const EPOCH = Date.parse('2026-01-01T00:00:00Z');

export interface WorldOptions {
  /**
   * The GitHub host: `github.com` (default), or a GitHub Enterprise Server's host name. No-reply
   * addresses are `ID+login@users.noreply.HOST` (PRODUCT.md and issue 11 item 4 for GHES; GitHub's
   * docs give the github.com form, e.g. `41898282+github-actions[bot]@users.noreply.github.com`).
   */
  host?: string;
}

export class World {
  readonly users = new Map<string, SimUser>();
  readonly repos = new Map<string, SimRepository>();
  readonly commits = new Map<string, SimCommit>();
  readonly apps = new Map<number, SimApp>();
  readonly installations = new Map<number, SimInstallation>();
  private nextId = 1000;
  private clockMs = EPOCH;
  private hostName: string;

  constructor(opts: WorldOptions = {}) {
    this.hostName = opts.host ?? 'github.com';
  }

  /** The GitHub host no-reply addresses are built on. */
  get host(): string {
    return this.hostName;
  }

  /** `users.noreply.HOST`. */
  get noreplyDomain(): string {
    return `users.noreply.${this.hostName}`;
  }

  /**
   * Moves the world to another host (a GHES-style simulator); the users' no-reply addresses follow.
   * Commits already made keep the addresses they were made with, as git history does.
   */
  setHost(host: string): void {
    const old = `@${this.noreplyDomain}`;
    this.hostName = host;
    for (const user of this.users.values()) {
      user.emails = user.emails.map((e) => (e.toLowerCase().endsWith(old) ? `${e.slice(0, -old.length)}@${this.noreplyDomain}` : e));
    }
  }

  /** A deterministic clock: every call moves time on by one second. */
  now(): string {
    this.clockMs += 1000;
    return new Date(this.clockMs).toISOString();
  }

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  nodeId(kind: string, id: number): string {
    return Buffer.from(`0:${kind}${id}`).toString('base64').replace(/=+$/, '');
  }

  addUser(login: string, opts: { emails?: string[]; name?: string; type?: SimUser['type'] } = {}): SimUser {
    const id = this.id();
    const user: SimUser = {
      id,
      login,
      type: opts.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
      emails: opts.emails ?? [`${login.toLowerCase()}@users.example.org`],
      name: opts.name ?? login,
    };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  addBot(login: string): SimUser {
    const user = this.addUser(login, { type: 'Bot', emails: [] });
    user.emails.push(`${user.id}+${login}@${this.noreplyDomain}`);
    return user;
  }

  user(login: string): SimUser | undefined {
    return this.users.get(login.toLowerCase());
  }

  /** The account an email is linked to, as GitHub links commit authors (no-reply addresses included). */
  userByEmail(email: string): SimUser | undefined {
    const lower = email.toLowerCase();
    const at = lower.lastIndexOf('@');
    const noreply =
      at > 0 && lower.slice(at + 1) === this.noreplyDomain.toLowerCase() ? /^(?:(\d+)\+)?(.+)$/.exec(lower.slice(0, at)) : null;
    for (const user of this.users.values()) {
      if (user.emails.some((e) => e.toLowerCase() === lower)) return user;
      if (noreply && user.login.toLowerCase() === noreply[2]) return user;
    }
    return undefined;
  }

  addRepo(fullName: string, opts: { archived?: boolean; private?: boolean; defaultBranch?: string } = {}): SimRepository {
    const [owner, name] = fullName.split('/');
    if (!owner || !name) throw new Error(`addRepo: "${fullName}" is not owner/name`);
    if (!this.user(owner)) this.addUser(owner, { type: 'Organization', emails: [] });
    const id = this.id();
    const repo: SimRepository = {
      id,
      nodeId: this.nodeId('Repository', id),
      owner,
      name,
      isArchived: opts.archived ?? false,
      isPrivate: opts.private ?? false,
      defaultBranch: opts.defaultBranch ?? 'main',
      labels: new Map(),
      pullRequests: new Map(),
      issues: new Map(),
      statuses: new Map(),
      branches: new Map(),
      mergeQueues: new Map(),
      checkSuites: [],
      checkRuns: [],
      files: new Map(),
      nextNumber: 1,
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  repo(fullName: string): SimRepository | undefined {
    const key = fullName.toLowerCase();
    return this.repos.get(key) ?? this.repos.get(this.movedFrom.get(key) ?? '');
  }

  /** Old names of renamed or transferred repositories, to their current (lower-cased) names. */
  private readonly movedFrom = new Map<string, string>();

  /**
   * Renames or transfers a repository. As on GitHub, its old name still finds it: GraphQL's
   * `repository(owner:, name:)` follows renames by default (`followRenames`, GraphQL reference,
   * Query.repository) and REST requests to the old name are redirected, writes included ("Best
   * practices for using the REST API", Follow redirects); fetch follows the redirect, so here the
   * old name simply resolves to the repository.
   */
  moveRepo(from: string, to: string): SimRepository {
    const repo = this.mustRepo(from);
    const [owner, name] = to.split('/');
    if (!owner || !name) throw new Error(`moveRepo: "${to}" is not owner/name`);
    if (!this.user(owner)) this.addUser(owner, { type: 'Organization', emails: [] });
    this.repos.delete(from.toLowerCase());
    repo.owner = owner;
    repo.name = name;
    this.repos.set(to.toLowerCase(), repo);
    this.movedFrom.set(from.toLowerCase(), to.toLowerCase());
    return repo;
  }

  mustRepo(fullName: string): SimRepository {
    const repo = this.repo(fullName);
    if (!repo) throw new Error(`no repository ${fullName} in the world`);
    return repo;
  }

  addLabel(fullName: string, name: string, opts: { color?: string; description?: string } = {}): SimLabel {
    const repo = this.mustRepo(fullName);
    const id = this.id();
    const label: SimLabel = {
      id,
      nodeId: this.nodeId('Label', id),
      name,
      color: opts.color ?? 'ededed',
      description: opts.description ?? null,
      default: false,
    };
    repo.labels.set(name.toLowerCase(), label);
    return label;
  }

  setFile(fullName: string, path: string, content: string): void {
    this.mustRepo(fullName).files.set(path, content);
  }

  person(who: string | SimPerson): SimPerson {
    if (typeof who !== 'string') return who;
    const user = this.user(who);
    if (!user) throw new Error(`no user ${who} in the world`);
    const email = user.emails[0] ?? `${user.id}+${user.login}@${this.noreplyDomain}`;
    return { name: user.name ?? user.login, email };
  }

  /** Creates a commit object; its SHA is derived from its content and parent, like git's. */
  makeCommit(spec: CommitSpec, parent: string | null): SimCommit {
    const author = this.person(spec.author);
    const committer = spec.committer ? this.person(spec.committer) : author;
    const trailers = (spec.coAuthors ?? []).map((c) => {
      const p = this.person(c);
      return `Co-authored-by: ${p.name} <${p.email}>`;
    });
    if (spec.signOff) {
      const p = spec.signOff === true ? author : this.person(spec.signOff);
      trailers.push(`Signed-off-by: ${p.name} <${p.email}>`);
    }
    const subject = spec.message ?? `Change ${this.commits.size + 1}`;
    const lines = [...(spec.lines ?? []), ...trailers];
    const message = lines.length > 0 ? `${subject}\n\n${lines.join('\n')}` : subject;
    const base = spec.merge ? this.makeCommit({ author: spec.author, message: 'Upstream change' }, null).sha : null;
    const date = this.now();
    const sha = createHash('sha1')
      .update(`${parent ?? ''}\n${author.email}\n${message}\n${date}\n${this.commits.size}`)
      .digest('hex');
    const commit: SimCommit = {
      sha,
      message,
      author: { ...author, date },
      committer: { ...committer, date },
      parents: [...(parent ? [parent] : []), ...(base ? [base] : [])],
    };
    this.commits.set(sha, commit);
    return commit;
  }

  addPullRequest(fullName: string, spec: PullRequestSpec): SimPullRequest {
    const repo = this.mustRepo(fullName);
    if (spec.commits.length === 0) throw new Error('a pull request needs at least one commit');
    if (spec.fork && !this.repo(spec.fork)) this.addRepo(spec.fork);
    const shas: string[] = [];
    let parent: string | null = null;
    for (const c of spec.commits) {
      const commit = this.makeCommit(c, parent);
      shas.push(commit.sha);
      parent = commit.sha;
    }
    const number = repo.nextNumber++;
    const id = this.id();
    const first = spec.commits[0]!;
    const author = spec.author ?? (typeof first.author === 'string' ? first.author : 'ghost');
    const now = this.now();
    const pr: SimPullRequest = {
      id,
      nodeId: this.nodeId('PullRequest', id),
      number,
      title: spec.title ?? `Pull request ${number}`,
      state: spec.state ?? 'OPEN',
      isDraft: spec.draft ?? false,
      author,
      headRepo: spec.fork ?? `${repo.owner}/${repo.name}`,
      headRefName: spec.headRefName ?? `topic-${number}`,
      baseRefName: repo.defaultBranch,
      commits: shas,
      labels: [],
      comments: [],
      createdAt: now,
      updatedAt: now,
    };
    for (const name of spec.labels ?? []) {
      if (!repo.labels.has(name.toLowerCase())) this.addLabel(fullName, name);
      pr.labels.push(repo.labels.get(name.toLowerCase())!.name);
    }
    repo.pullRequests.set(number, pr);
    return pr;
  }

  /** Opens a plain issue as `author`, numbered after the repository's last issue or pull request. */
  addIssue(fullName: string, spec: { title: string; body?: string; author: string; state?: SimIssue['state'] }): SimIssue {
    const repo = this.mustRepo(fullName);
    const id = this.id();
    const now = this.now();
    const issue: SimIssue = {
      id,
      nodeId: this.nodeId('Issue', id),
      number: repo.nextNumber++,
      title: spec.title,
      body: spec.body ?? '',
      state: spec.state ?? 'OPEN',
      author: spec.author,
      createdAt: now,
      updatedAt: now,
      closedAt: spec.state === 'CLOSED' ? now : null,
    };
    repo.issues.set(issue.number, issue);
    return issue;
  }

  pullRequest(fullName: string, number: number): SimPullRequest {
    const pr = this.mustRepo(fullName).pullRequests.get(number);
    if (!pr) throw new Error(`no pull request ${fullName}#${number}`);
    return pr;
  }

  /** Pushes new commits on top of a pull request's head; returns the new head SHA. */
  pushCommits(fullName: string, number: number, specs: CommitSpec[]): string {
    const pr = this.pullRequest(fullName, number);
    let parent = pr.commits[pr.commits.length - 1] ?? null;
    for (const spec of specs) {
      const commit = this.makeCommit(spec, parent);
      pr.commits.push(commit.sha);
      parent = commit.sha;
    }
    pr.updatedAt = this.now();
    return parent!;
  }

  headSha(fullName: string, number: number): string {
    const pr = this.pullRequest(fullName, number);
    return pr.commits[pr.commits.length - 1]!;
  }

  /** Appends a status, as `POST /repos/{owner}/{repo}/statuses/{sha}` does. */
  addStatus(
    fullName: string,
    sha: string,
    s: { state: SimStatus['state']; context?: string; description?: string | null; targetUrl?: string | null; creator?: string },
  ): SimStatus {
    const repo = this.mustRepo(fullName);
    const id = this.id();
    const now = this.now();
    const status: SimStatus = {
      id,
      nodeId: this.nodeId('StatusContext', id),
      state: s.state,
      description: s.description ?? null,
      targetUrl: s.targetUrl ?? null,
      context: s.context ?? 'default',
      createdAt: now,
      updatedAt: now,
      creator: s.creator ?? 'cla-sweeper',
    };
    const list = repo.statuses.get(sha) ?? [];
    list.push(status);
    repo.statuses.set(sha, list);
    return status;
  }

  /** The latest status of each context on a commit, newest first, as GitHub's combined status shows. */
  latestStatuses(fullName: string, sha: string): SimStatus[] {
    const all = this.mustRepo(fullName).statuses.get(sha) ?? [];
    const seen = new Map<string, SimStatus>();
    for (let i = all.length - 1; i >= 0; i--) {
      const s = all[i]!;
      if (!seen.has(s.context.toLowerCase())) seen.set(s.context.toLowerCase(), s);
    }
    return [...seen.values()];
  }

  /** The latest status of one context on a commit, or undefined. */
  statusOf(fullName: string, sha: string, context: string): SimStatus | undefined {
    return this.latestStatuses(fullName, sha).find((s) => s.context.toLowerCase() === context.toLowerCase());
  }

  labelsOf(fullName: string, number: number): string[] {
    return [...this.pullRequest(fullName, number).labels];
  }

  /**
   * Closes or merges a pull request, as a maintainer would: an update of the pull request, its
   * `updatedAt` the closing time (reported: ralphbean/lightsaber#29, "for a closed PR [closed_at
   * and updated_at] should be the same").
   */
  closePullRequest(fullName: string, number: number, as: 'CLOSED' | 'MERGED' = 'CLOSED'): void {
    const pr = this.pullRequest(fullName, number);
    pr.state = as;
    pr.updatedAt = this.now();
  }

  /** Removes a label from a pull request by hand, as a maintainer would. */
  removeLabelByHand(fullName: string, number: number, name: string): void {
    const pr = this.pullRequest(fullName, number);
    pr.labels = pr.labels.filter((l) => l.toLowerCase() !== name.toLowerCase());
    // A label change is an update of the pull request (reported: actions/stale#842, #1184).
    pr.updatedAt = this.now();
  }

  /**
   * Links an email to an account, as a contributor does by adding (and verifying) the address in
   * their settings; commits by that address then show the account (issue 10 item 7).
   */
  linkEmail(login: string, email: string): SimUser {
    const user = this.user(login);
    if (!user) throw new Error(`linkEmail: no user ${login} in the world`);
    if (!user.emails.some((e) => e.toLowerCase() === email.toLowerCase())) user.emails.push(email);
    return user;
  }

  /** Registers a GitHub App and its bot account `slug[bot]`. */
  addApp(slug: string, spec: AppSpec = {}): SimApp {
    if (this.app(slug)) throw new Error(`addApp: an App with slug ${slug} exists already`);
    const id = spec.id ?? this.id();
    const owner = spec.owner ?? 'app-owner';
    if (!this.user(owner)) this.addUser(owner, { type: 'Organization', emails: [] });
    const app: SimApp = {
      id,
      nodeId: this.nodeId('App', id),
      slug,
      name: spec.name ?? slug,
      clientId: `Iv23li${createHash('sha1').update(slug).digest('hex').slice(0, 14)}`,
      owner,
      publicKey: spec.publicKey ?? null,
      permissions: { ...(spec.permissions ?? DEFAULT_APP_PERMISSIONS) },
      botLogin: `${slug}[bot]`,
      createdAt: this.now(),
    };
    this.apps.set(id, app);
    if (!this.user(app.botLogin)) this.addBot(app.botLogin);
    return app;
  }

  /** An App by id, slug or client id. */
  app(key: number | string): SimApp | undefined {
    if (typeof key === 'number') return this.apps.get(key);
    const lower = key.toLowerCase();
    for (const app of this.apps.values()) {
      if (app.slug.toLowerCase() === lower || app.clientId === key || String(app.id) === key) return app;
    }
    return undefined;
  }

  /** Installs an App on an account: on all its repositories, or on the ones listed. */
  installApp(
    slug: string,
    account: string,
    opts: { repositories?: string[]; permissions?: PermissionSet; id?: number } = {},
  ): SimInstallation {
    const app = this.app(slug);
    if (!app) throw new Error(`installApp: no App ${slug}`);
    if (!this.user(account)) this.addUser(account, { type: 'Organization', emails: [] });
    const id = opts.id ?? this.id();
    const installation: SimInstallation = {
      id,
      appId: app.id,
      account: this.user(account)!.login,
      repositorySelection: opts.repositories ? 'selected' : 'all',
      repositories: [...(opts.repositories ?? [])],
      permissions: { ...(opts.permissions ?? app.permissions) },
      createdAt: this.now(),
    };
    this.installations.set(id, installation);
    return installation;
  }

  /** Whether an installation covers a repository. */
  installationCovers(installation: SimInstallation, repo: SimRepository): boolean {
    if (repo.owner.toLowerCase() !== installation.account.toLowerCase()) return false;
    if (installation.repositorySelection === 'all') return true;
    const full = `${repo.owner}/${repo.name}`.toLowerCase();
    return installation.repositories.some((r) => r.toLowerCase() === full);
  }

  /** The App's check suite on a commit, made on first use as GitHub does when its first run is created. */
  checkSuiteFor(fullName: string, sha: string, appId: number): SimCheckSuite {
    const repo = this.mustRepo(fullName);
    const found = repo.checkSuites.find((s) => s.headSha === sha && s.appId === appId);
    if (found) return found;
    const id = this.id();
    const now = this.now();
    const suite: SimCheckSuite = { id, nodeId: this.nodeId('CheckSuite', id), appId, headSha: sha, createdAt: now, updatedAt: now };
    repo.checkSuites.push(suite);
    return suite;
  }

  /** Creates a check run as `POST /repos/{owner}/{repo}/check-runs` does (a conclusion completes it). */
  addCheckRun(fullName: string, sha: string, spec: CheckRunSpec): SimCheckRun {
    const app = this.app(spec.app);
    if (!app) throw new Error(`addCheckRun: no App ${spec.app}`);
    if (!this.commits.has(sha)) throw new Error(`addCheckRun: no commit ${sha}`);
    const suite = this.checkSuiteFor(fullName, sha, app.id);
    const id = this.id();
    const now = this.now();
    const conclusion = spec.conclusion ?? null;
    const status = conclusion ? 'completed' : (spec.status ?? 'queued');
    const run: SimCheckRun = {
      id,
      nodeId: this.nodeId('CheckRun', id),
      suiteId: suite.id,
      appId: app.id,
      name: spec.name,
      headSha: sha,
      status,
      conclusion,
      detailsUrl: spec.detailsUrl ?? null,
      externalId: spec.externalId ?? null,
      startedAt: now,
      completedAt: status === 'completed' ? now : null,
      output: { title: null, summary: null, text: null, ...spec.output },
    };
    this.mustRepo(fullName).checkRuns.push(run);
    suite.updatedAt = now;
    return run;
  }

  /** Changes a check run in place (what its App's `PATCH` does; a test's way to change one "by hand"). */
  updateCheckRun(fullName: string, id: number, patch: Partial<Omit<CheckRunSpec, 'app'>>): SimCheckRun {
    const run = this.mustRepo(fullName).checkRuns.find((r) => r.id === id);
    if (!run) throw new Error(`updateCheckRun: no check run ${id} in ${fullName}`);
    if (patch.name !== undefined) run.name = patch.name;
    if (patch.detailsUrl !== undefined) run.detailsUrl = patch.detailsUrl;
    if (patch.externalId !== undefined) run.externalId = patch.externalId;
    if (patch.output) run.output = { ...run.output, ...patch.output };
    if (patch.conclusion !== undefined) {
      run.conclusion = patch.conclusion;
      if (patch.conclusion) run.status = 'completed';
    }
    if (patch.status !== undefined && !patch.conclusion) run.status = patch.status;
    run.completedAt = run.status === 'completed' ? (run.completedAt ?? this.now()) : null;
    return run;
  }

  /** The check runs on a commit, oldest first; with `name`, only those of that name. */
  checkRunsOf(fullName: string, sha: string, name?: string): SimCheckRun[] {
    return this.mustRepo(fullName).checkRuns.filter((r) => r.headSha === sha && (name === undefined || r.name === name));
  }

  /** Turns on a merge queue for a branch (default: the default branch); `Repository.mergeQueue` answers it even when empty. */
  enableMergeQueue(fullName: string, branch?: string): SimMergeQueue {
    const repo = this.mustRepo(fullName);
    const name = branch ?? repo.defaultBranch;
    const found = repo.mergeQueues.get(name);
    if (found) return found;
    const id = this.id();
    const queue: SimMergeQueue = { id, nodeId: this.nodeId('MergeQueue', id), branch: name, entries: [] };
    repo.mergeQueues.set(name, queue);
    return queue;
  }

  /** The head of a branch pushed outside pull requests; the base branch gets an initial commit on first use. */
  branchSha(fullName: string, branch: string): string {
    const repo = this.mustRepo(fullName);
    const found = repo.branches.get(branch);
    if (found) return found;
    const initial = this.makeCommit({ author: GITHUB_WEB_FLOW, message: 'Initial commit' }, null);
    repo.branches.set(branch, initial.sha);
    return initial.sha;
  }

  /**
   * Adds a pull request to its base branch's merge queue, as "Merge when ready" does: GitHub builds a
   * merge group commit of the pull request on top of the entries ahead of it and pushes it to
   * `gh-readonly-queue/{base}/pr-{number}-{sha}` (docs, "Managing a merge queue": temporary branches
   * with the `gh-readonly-queue/{base_branch}` prefix; the suffix as workflows see it in
   * `merge_group.head_ref`, e.g. `refs/heads/gh-readonly-queue/main/pr-356-42bbd33...`). That commit
   * is an ordinary commit: statuses and check runs can be written to it.
   */
  enqueue(
    fullName: string,
    number: number,
    opts: { state?: MergeQueueEntryState; enqueuer?: string; jump?: boolean; solo?: boolean } = {},
  ): SimMergeQueueEntry {
    const pr = this.pullRequest(fullName, number);
    const queue = this.enableMergeQueue(fullName, pr.baseRefName);
    if (queue.entries.some((e) => e.pullRequest === number)) throw new Error(`enqueue: #${number} is queued already`);
    const id = this.id();
    const entry: SimMergeQueueEntry = {
      id,
      nodeId: this.nodeId('MergeQueueEntry', id),
      pullRequest: number,
      headSha: '',
      baseSha: '',
      headRef: '',
      enqueuedAt: this.now(),
      enqueuer: opts.enqueuer ?? pr.author,
      state: opts.state ?? 'AWAITING_CHECKS',
      jump: opts.jump ?? false,
      solo: opts.solo ?? false,
    };
    queue.entries.push(entry);
    this.rebuildQueue(fullName, queue, queue.entries.length - 1);
    return entry;
  }

  /** Takes a pull request out of its queue (merged, or removed); the groups behind it are built again on new commits, as GitHub does. */
  dequeue(fullName: string, number: number, as: 'merged' | 'removed' = 'removed'): void {
    const repo = this.mustRepo(fullName);
    for (const queue of repo.mergeQueues.values()) {
      const at = queue.entries.findIndex((e) => e.pullRequest === number);
      if (at < 0) continue;
      const [entry] = queue.entries.splice(at, 1);
      repo.branches.delete(entry!.headRef);
      if (as === 'merged') {
        repo.branches.set(queue.branch, entry!.headSha);
        const pr = this.pullRequest(fullName, number);
        pr.state = 'MERGED';
        pr.updatedAt = this.now();
      }
      this.rebuildQueue(fullName, queue, as === 'merged' ? 0 : at);
      return;
    }
    throw new Error(`dequeue: #${number} is not in a merge queue of ${fullName}`);
  }

  /** The queue entry of a pull request, or undefined. */
  queueEntry(fullName: string, number: number): SimMergeQueueEntry | undefined {
    for (const queue of this.mustRepo(fullName).mergeQueues.values()) {
      const entry = queue.entries.find((e) => e.pullRequest === number);
      if (entry) return entry;
    }
    return undefined;
  }

  /** Builds the group commits of the entries from `from` on (each on top of the one ahead of it). */
  private rebuildQueue(fullName: string, queue: SimMergeQueue, from: number): void {
    const repo = this.mustRepo(fullName);
    const base = this.branchSha(fullName, queue.branch);
    for (let i = from; i < queue.entries.length; i++) {
      const entry = queue.entries[i]!;
      if (entry.headRef) repo.branches.delete(entry.headRef);
      const parent = i === 0 ? base : queue.entries[i - 1]!.headSha;
      const pr = this.pullRequest(fullName, entry.pullRequest);
      const head = pr.commits[pr.commits.length - 1]!;
      const group = this.makeMergeCommit(parent, head, `Merge pull request #${pr.number} from ${pr.headRepo.split('/')[0]}/${pr.headRefName}`);
      entry.baseSha = base;
      entry.headSha = group.sha;
      entry.headRef = `gh-readonly-queue/${queue.branch}/pr-${pr.number}-${base}`;
      repo.branches.set(entry.headRef, group.sha);
    }
  }

  /** A merge commit GitHub makes (committed by GitHub web-flow), with two parents. */
  private makeMergeCommit(first: string, second: string, message: string): SimCommit {
    const date = this.now();
    const sha = createHash('sha1').update(`merge\n${first}\n${second}\n${message}\n${date}\n${this.commits.size}`).digest('hex');
    const commit: SimCommit = {
      sha,
      message,
      author: { ...GITHUB_WEB_FLOW, date },
      committer: { ...GITHUB_WEB_FLOW, date },
      parents: [first, second],
    };
    this.commits.set(sha, commit);
    return commit;
  }

  /** Every repository of an owner (user or organisation). */
  reposOf(owner: string): SimRepository[] {
    return [...this.repos.values()].filter((r) => r.owner.toLowerCase() === owner.toLowerCase());
  }
}
