// Every GraphQL document cla-sweeper sends, each with an operation name so that logs and the
// simulator can tell them apart. Batched documents are built from aliases; every value travels
// as a variable, never spliced into the text.
//
// Cost: GitHub charges round(sum of connection requests / 100), at least 1 point. Listing pull
// requests costs 1 request for each repository's `pullRequests` plus 1 per pull request for its
// `labels`; statuses are read through `object(oid:)`, which is not a connection and costs nothing.
// Batches are packed so that one request stays at about 1 point. Check runs, read instead of
// statuses with `publish: check-run`, are reached through connections and do cost (check-runs.ts).
import { checkRunFields, checkRunUnits } from './check-runs.js';

export const RATE_LIMIT_FIELDS = 'rateLimit { cost remaining resetAt limit }';

export interface RateLimitInfo {
  cost: number;
  remaining: number;
  resetAt: string;
  limit: number;
}

export const LIST_OWNER_REPOSITORIES = `query ListOwnerRepositories($login: String!, $after: String) {
  repositoryOwner(login: $login) {
    login
    repositories(first: 100, after: $after, ownerAffiliations: [OWNER], orderBy: { field: NAME, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        nameWithOwner
        isArchived
        pullRequests(states: OPEN, first: 1) { totalCount }
      }
    }
  }
  ${RATE_LIMIT_FIELDS}
}`;

/** Whether pull requests are still open, read just before writing to them (no connection: 1 point). */
export function pullRequestStates(count: number): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!, $n${i}: String!, $p${i}: Int!`);
    fields.push(`p${i}: repository(owner: $o${i}, name: $n${i}) { pullRequest(number: $p${i}) { state } }`);
  }
  return `query PullRequestStates(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/** Pull requests a probe asks about per repository: scalars only, so any number costs the same. */
export const PROBE_SIZE = 10;

/**
 * Which pull requests changed last in each repository, in any state: the newest few by
 * `updatedAt`, number, time and state only, so that one closed or merged since shows as such
 * (closing updates a pull request). One connection per repository and no nested one, so about 150
 * repositories cost 1 point (GitHub charges per connection requested, not per node).
 */
export function probeUpdates(count: number, shape: Pick<ReadShape, 'mergeQueue'> = {}): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!, $n${i}: String!`);
    fields.push(
      `r${i}: repository(owner: $o${i}, name: $n${i}) {${queueField(shape)} pullRequests(first: ${PROBE_SIZE}, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { number updatedAt state } } }`,
    );
  }
  return `query ProbeUpdatedPullRequests(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/** Counts open pull requests of repositories the cache does not know, to size listing pages. */
export function countOpenPullRequests(count: number): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!, $n${i}: String!`);
    fields.push(
      `r${i}: repository(owner: $o${i}, name: $n${i}) { nameWithOwner isArchived pullRequests(states: OPEN, first: 1) { totalCount } }`,
    );
  }
  return `query CountOpenPullRequests(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/** What the listing and the commit reads ask about: our status contexts, and the labels we own. */
export interface ReadShape {
  /** Status contexts of the configured checks, aliased `c0`, `c1`… in the answers. */
  contexts: string[];
  /** Label names of the configured checks, aliased `l0`, `l1`… in the answers. */
  labels: string[];
  /** Read each commit's committer (dco). */
  committer: boolean;
  /** `publish: check-run`: read the check runs of this App (check-runs.ts) where statuses are read otherwise. */
  checkRunsOf?: { appId: number } | null;
  /**
   * `mergeQueue: true`: ask, with each repository's facts and in each probe, whether it has a merge
   * queue (`mergeQueue { id }`, an object and no connection, so free), so that only the queues there
   * are get read.
   */
  mergeQueue?: boolean;
}

/** Whether the repository has a merge queue on its default branch (null where it has none). */
const queueField = (shape: Pick<ReadShape, 'mergeQueue'>) => (shape.mergeQueue ? ' mergeQueue { id }' : '');

const contextVars = (shape: ReadShape) => [...shape.contexts.map((_, i) => `$c${i}: String!`), ...(shape.checkRunsOf ? ['$app: Int!'] : [])];
const statusFields = (shape: ReadShape) =>
  shape.checkRunsOf
    ? checkRunFields(shape.contexts)
    : `status { ${shape.contexts.map((_, i) => `c${i}: context(name: $c${i}) { state description targetUrl createdAt }`).join(' ')} }`;

/** The values of the variables `contextVars` declares. */
export function contextValues(shape: ReadShape): Record<string, unknown> {
  const vars: Record<string, unknown> = Object.fromEntries(shape.contexts.map((c, i) => [`c${i}`, c]));
  if (shape.checkRunsOf) vars.app = shape.checkRunsOf.appId;
  return vars;
}

/** Connection requests reading what stands on one commit adds (statuses: none; check runs: check-runs.ts). */
export function publishedUnits(shape: ReadShape): number {
  return shape.checkRunsOf ? checkRunUnits(shape.contexts) : 0;
}

export interface ListPage {
  owner: string;
  name: string;
  first: number;
  after: string | null;
  /** Whether to read the repository-level facts (archived, our labels) in this page. */
  withRepoFacts: boolean;
  /** Head SHAs whose statuses to read in the same request, keyed by pull request number. */
  statusOf: { number: number; sha: string }[];
  /** Only statuses are read: the repository's pull requests are all listed already. */
  statusOnly?: boolean;
  /**
   * Newest first by `updatedAt`, in every state (a quick sweep's read of what changed: a pull
   * request closed since shows as such), instead of the open ones oldest first.
   */
  newestFirst?: boolean;
  /** Only these pull requests, by number (a quick sweep's read of the few a probe found changed). */
  numbers?: number[];
}

export function listOpenPullRequests(pages: ListPage[], shape: ReadShape): string {
  // GraphQL refuses declared variables that are not used, so each is declared only when needed.
  const vars: string[] = [];
  if (pages.some((p) => p.statusOf.length > 0)) vars.push(...contextVars(shape));
  const withFacts = pages.some((p) => p.withRepoFacts);
  if (withFacts) vars.push(...shape.labels.map((_, i) => `$l${i}: String!`));
  const fields: string[] = [];
  pages.forEach((p, i) => {
    const statuses = p.statusOf.map((s, j) => {
      vars.push(`$s${i}_${j}: GitObjectID!`);
      return `s${s.number}: object(oid: $s${i}_${j}) { ... on Commit { oid ${statusFields(shape)} } }`;
    });
    const facts = p.withRepoFacts ? `isArchived${queueField(shape)} ${shape.labels.map((_, j) => `l${j}: label(name: $l${j}) { name }`).join(' ')}` : '';
    if (p.statusOnly) {
      vars.push(`$o${i}: String!`, `$n${i}: String!`);
      fields.push(`r${i}: repository(owner: $o${i}, name: $n${i}) {\n    nameWithOwner\n    ${statuses.join('\n    ')}\n  }`);
      return;
    }
    if (p.numbers) {
      vars.push(`$o${i}: String!`, `$n${i}: String!`);
      // `pullRequest(number:)` is no connection: only each one's `labels` is charged.
      const pulls = p.numbers.map((n, j) => {
        vars.push(`$p${i}_${j}: Int!`);
        return `p${n}: pullRequest(number: $p${i}_${j}) { number state isDraft headRefOid updatedAt labels(first: 100) { totalCount nodes { name } } }`;
      });
      fields.push(`r${i}: repository(owner: $o${i}, name: $n${i}) {\n    nameWithOwner ${facts}\n    ${[...pulls, ...statuses].join('\n    ')}\n  }`);
      return;
    }
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$f${i}: Int!`, `$a${i}: String`);
    fields.push(`r${i}: repository(owner: $o${i}, name: $n${i}) {
    nameWithOwner ${facts}
    pullRequests(${p.newestFirst ? '' : 'states: OPEN, '}first: $f${i}, after: $a${i}, orderBy: ${p.newestFirst ? '{ field: UPDATED_AT, direction: DESC }' : '{ field: CREATED_AT, direction: ASC }'}) {
      pageInfo { hasNextPage endCursor }
      nodes { number isDraft headRefOid updatedAt${p.newestFirst ? ' state' : ''} labels(first: 100) { totalCount nodes { name } } }
    }
    ${statuses.join('\n    ')}
  }`);
  });
  return `query ListOpenPullRequests(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

export interface CommitsPage {
  owner: string;
  name: string;
  number: number;
  after: string | null;
  /** Read our statuses on this SHA too (the head listed for a pull request whose head is new). */
  statusSha: string | null;
}

const ACTOR_FIELDS = 'name email user { login }';

export function fetchPullRequestCommits(pages: CommitsPage[], shape: ReadShape): string {
  const vars = pages.some((p) => p.statusSha) ? contextVars(shape) : [];
  const committer = shape.committer ? ' committer { name email }' : '';
  const fields: string[] = [];
  pages.forEach((p, i) => {
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$p${i}: Int!`, `$a${i}: String`);
    let status = '';
    if (p.statusSha) {
      vars.push(`$h${i}: GitObjectID!`);
      status = `head: object(oid: $h${i}) { ... on Commit { oid ${statusFields(shape)} } }`;
    }
    fields.push(`r${i}: repository(owner: $o${i}, name: $n${i}) {
    pullRequest(number: $p${i}) {
      number state headRefOid
      commits(first: 100, after: $a${i}) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { commit { oid message author { ${ACTOR_FIELDS} }${committer} } }
      }
    }
    ${status}
  }`);
  });
  return `query FetchPullRequestCommits(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/**
 * How many parents commits have, asked only of commits whose verdict depends on it (a commit without
 * a valid sign-off may be a merge commit, which the DCO check skips). `parents` is a connection, so
 * it is charged per commit: asking it of every commit would double the cost of reading commits.
 */
export function readParentCounts(count: number): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$c${i}: GitObjectID!`);
    fields.push(`c${i}: repository(owner: $o${i}, name: $n${i}) { object(oid: $c${i}) { ... on Commit { oid parents(first: 0) { totalCount } } } }`);
  }
  return `query ReadParentCounts(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

export interface CoAuthorLookup {
  owner: string;
  name: string;
  sha: string;
  /** Expected number of authors (git author + trailers), the page size asked for. */
  authors: number;
}

/** Resolves co-author emails to logins, only for commits whose trailers need it. */
export function resolveCoAuthors(lookups: CoAuthorLookup[]): string {
  const vars: string[] = [];
  const fields: string[] = [];
  lookups.forEach((l, i) => {
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$c${i}: GitObjectID!`);
    fields.push(
      `c${i}: repository(owner: $o${i}, name: $n${i}) { object(oid: $c${i}) { ... on Commit { oid authors(first: ${Math.min(100, Math.max(1, l.authors))}) { nodes { ${ACTOR_FIELDS} } } } } }`,
    );
  });
  return `query ResolveCoAuthors(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/**
 * Who GitHub links the authors of commits to now, for addresses it linked to nobody when they were
 * read. `authors` lists the git author and the Co-authored-by trailers' people; it is a
 * connection, so 100 lookups cost a point.
 */
export function readLinkedAuthors(count: number): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$c${i}: GitObjectID!`);
    fields.push(`c${i}: repository(owner: $o${i}, name: $n${i}) { object(oid: $c${i}) { ... on Commit { oid authors(first: 100) { nodes { email user { login } } } } } }`);
  }
  return `query ReadLinkedAuthors(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/** Every commit of one pull request with each author, for `explain` (one pull request, so cost is small). */
export function explainPullRequest(read: ReadShape): string {
  // `explain` shows statuses only: check runs per commit would cost 2 points per check and page.
  const shape = { ...read, checkRunsOf: null };
  return `query ExplainPullRequest($owner: String!, $name: String!, $number: Int!, $after: String, ${contextVars(shape).join(', ')}) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      number title state isDraft headRefOid url
      labels(first: 100) { nodes { name } }
      commits(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { commit { oid messageHeadline message author { ${ACTOR_FIELDS} } committer { name email } parents(first: 0) { totalCount } authors(first: 20) { nodes { ${ACTOR_FIELDS} } } ${statusFields(shape)} } }
      }
    }
  }
  ${RATE_LIMIT_FIELDS}
}`;
}

/**
 * The merge queue of each repository's default branch (`mergeQueue(branch:)`: "otherwise the
 * default branch if not provided"; null where it has none): each entry's position, pull request
 * and the head commit of its group. One connection per repository, so about 100 repositories per
 * point; statuses on the group heads come along free. Check runs are read separately, and only
 * for the heads there are (`readCommitsPublished`). GitHub builds at most 100 groups at once
 * (docs, "Managing a merge queue": build concurrency between 1 and 100).
 */
export function readMergeQueues(count: number, shape: ReadShape): string {
  const statuses = !shape.checkRunsOf;
  const vars: string[] = statuses ? contextVars(shape) : [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!`, `$n${i}: String!`);
    fields.push(`q${i}: repository(owner: $o${i}, name: $n${i}) {
    mergeQueue { entries(first: 100) { nodes { position headCommit { oid ${statuses ? statusFields(shape) : ''} } pullRequest { number headRefOid } } } }
  }`);
  }
  return `query ReadMergeQueues(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/** What stands for each check on commits named by SHA: group heads, with check runs (2 requests per check each). */
export function readCommitsPublished(count: number, shape: ReadShape): string {
  const vars = contextVars(shape);
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$h${i}: GitObjectID!`);
    fields.push(`h${i}: repository(owner: $o${i}, name: $n${i}) { object(oid: $h${i}) { ... on Commit { oid ${statusFields(shape)} } } }`);
  }
  return `query ReadCommitsPublished(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/** The token's account (`SLUG[bot]` for an installation token): whose issues the dashboard may edit. */
export const VIEWER_LOGIN = `query ViewerLogin {
  viewer { login }
  ${RATE_LIMIT_FIELDS}
}`;

/**
 * The issues an account opened in a repository, oldest first, to find the dashboard by its marker.
 * `filterBy: { createdBy }` keeps the page to the token's own issues, as Renovate finds its
 * dependency dashboard (lib/modules/platform/github/graphql.ts); bodies are read to find the marker.
 * One connection of 25: 1 point a page.
 */
export const FIND_OWN_ISSUES = `query FindOwnIssues($owner: String!, $name: String!, $login: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 25, after: $after, filterBy: { createdBy: $login }, orderBy: { field: CREATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes { number title body state url author { login } }
    }
  }
  ${RATE_LIMIT_FIELDS}
}`;
