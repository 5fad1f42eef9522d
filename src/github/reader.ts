// Reads what a sweep needs from GitHub's GraphQL API: repositories of owners, open pull requests
// with their labels and our status, and the commits (authors and co-authors) of new heads.
import type { CommitRecord, CommitStatus, PullRequestSnapshot } from '../reconcile/model.js';
import { parseCoAuthors } from '../reconcile/co-authors.js';
import { noReplyLogin } from '../reconcile/identities.js';
import { type GqlActor, type GqlStatusContext, linkCoAuthors, splitRepo, toActor, toStatus } from './shapes.js';
import { GitHubError } from '../errors.js';
import { type GraphqlResult, type GraphqlRunner, isBudgetStop, isSizeProblem, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';

/** A repository to list, with what the cache knows of it. */
export interface RepoTarget {
  repo: string;
  /** Open pull requests last time, to size the first page; null when unknown. */
  expectedOpen: number | null;
  /** Cached head SHA per pull request number: their statuses are read in the listing itself. */
  knownHeads: Map<number, string>;
}

export interface RepoListing {
  repo: string;
  isArchived: boolean;
  /** Which of the project's labels exist in the repository, as GitHub spells them. */
  existingLabels: string[];
  pullRequests: PullRequestSnapshot[];
  /** Numbers of pull requests whose status on `headSha` was not read yet (their head is new). */
  statusUnknown: Set<number>;
}

export type RepoReadResult = { ok: true; listing: RepoListing } | { ok: false; repo: string; error: GitHubError };

export interface RepoInfo {
  repo: string;
  isArchived: boolean;
  openCount: number;
}

export interface CommitsRequest {
  repo: string;
  number: number;
  listedSha: string;
  /** Read our status on `listedSha` together with the commits. */
  readStatus: boolean;
}

export interface CommitsResult {
  repo: string;
  number: number;
  /** The head SHA read together with the commits: the one the verdict is written to. */
  headSha: string;
  commits: CommitRecord[];
  total: number;
  /** Our status on `listedSha`, when asked for (null: none). */
  status?: CommitStatus | null;
  /** The pull request is no longer open. */
  closed: boolean;
}

export interface ReaderSettings {
  context: string;
  labels: { signed: string; missing: string };
}

/** Connection requests one listing request may hold: GitHub rounds units/100, so <150 costs 1 point. */
const UNITS_PER_REQUEST = 149;
const MAX_ALIASES = 60;
const PAGE_SLACK = 2;
/** `object(oid:)` lookups per page and per request: free in points, but they make the answer longer. */
const STATUSES_PER_PAGE = 100;
const STATUSES_PER_REQUEST = 400;
const COMMIT_PAGES_PER_REQUEST = 100;
const COUNT_PER_REQUEST = 100;
const COAUTHOR_LOOKUPS_PER_REQUEST = 100;

type GqlCommitStatus = { oid: string; status: { context: GqlStatusContext } | null } | null;

function notFound(errors: { path?: (string | number)[]; message: string; type?: string }[], alias: string) {
  return errors.find((e) => e.path?.[0] === alias);
}

export class GitHubReader {
  constructor(
    private readonly runner: GraphqlRunner,
    private readonly settings: ReaderSettings,
  ) {}

  /** Every repository of a user or organisation, with its open pull request count. */
  async listOwnerRepositories(owner: string): Promise<RepoInfo[]> {
    const repos: RepoInfo[] = [];
    let after: string | null = null;
    for (;;) {
      type Data = {
        repositoryOwner: {
          repositories: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            nodes: { nameWithOwner: string; isArchived: boolean; pullRequests: { totalCount: number } }[];
          };
        } | null;
      };
      const { data }: GraphqlResult<Data> = await this.runner.run<Data>('ListOwnerRepositories', q.LIST_OWNER_REPOSITORIES, { login: owner, after });
      if (!data.repositoryOwner) {
        throw new GitHubError(`no GitHub user or organisation named "${owner}" is visible to this token`, 404, 'NOT_FOUND');
      }
      const conn: NonNullable<Data['repositoryOwner']>['repositories'] = data.repositoryOwner.repositories;
      for (const n of conn.nodes) {
        repos.push({ repo: n.nameWithOwner, isArchived: n.isArchived, openCount: n.pullRequests.totalCount });
      }
      if (!conn.pageInfo.hasNextPage) return repos;
      after = conn.pageInfo.endCursor;
    }
  }

  /**
   * Which of `prs` ("owner/name#N") are still open. Ones whose state could not be read count as
   * open: the plan was made from a read minutes ago, and a failure here must not lose writes.
   */
  async stillOpen(prs: string[]): Promise<Set<string>> {
    const open = new Set(prs);
    await runInBatches(
      prs,
      COUNT_PER_REQUEST,
      async (batch) => {
        const vars: Record<string, unknown> = {};
        batch.forEach((key, i) => {
          const hash = key.lastIndexOf('#');
          [vars[`o${i}`], vars[`n${i}`]] = splitRepo(key.slice(0, hash));
          vars[`p${i}`] = Number(key.slice(hash + 1));
        });
        type Node = { pullRequest: { state: string } | null } | null;
        const { data } = await this.runner.run<Record<string, Node>>('PullRequestStates', q.pullRequestStates(batch.length), vars, 1, {
          splittable: batch.length > 1,
        });
        batch.forEach((key, i) => {
          const state = data[`p${i}`]?.pullRequest?.state;
          if (state && state !== 'OPEN') open.delete(key);
        });
      },
      () => undefined,
    );
    return open;
  }

  /** Open pull request counts and archived flags of named repositories (null: not found). */
  async describeRepositories(repos: string[]): Promise<Map<string, RepoInfo | GitHubError>> {
    const out = new Map<string, RepoInfo | GitHubError>();
    await runInBatches(
      repos,
      COUNT_PER_REQUEST,
      async (batch) => {
        const vars: Record<string, unknown> = {};
        batch.forEach((r, i) => {
          [vars[`o${i}`], vars[`n${i}`]] = splitRepo(r);
        });
        type Node = { nameWithOwner: string; isArchived: boolean; pullRequests: { totalCount: number } } | null;
        const { data, errors } = await this.runner.run<Record<string, Node>>(
          'CountOpenPullRequests',
          q.countOpenPullRequests(batch.length),
          vars,
          1,
          { splittable: batch.length > 1 },
        );
        batch.forEach((r, i) => {
          const node = data[`r${i}`];
          if (node) out.set(r, { repo: r, isArchived: node.isArchived, openCount: node.pullRequests.totalCount });
          else out.set(r, repoError(r, notFound(errors, `r${i}`)?.message));
        });
      },
      (r, error) => out.set(r, asGitHubError(error, r)),
    );
    return out;
  }

  /**
   * Lists the open pull requests of `targets`, packing several repositories into each request,
   * and yields each repository as soon as all its pages are in. Our status on each cached head
   * is read by `object(oid:)` (no connection, so no cost) in the same requests, at most
   * STATUSES_PER_PAGE per page; what is left when the last page is in gets status-only pages.
   */
  async *listOpenPullRequests(targets: RepoTarget[]): AsyncGenerator<RepoReadResult> {
    const progress = new Map<string, ListProgress>();
    let queue: q.ListPage[] = targets.map((t) => {
      const [owner, name] = splitRepo(t.repo);
      const prog: ListProgress = {
        listing: { repo: t.repo, isArchived: false, existingLabels: [], pullRequests: [], statusUnknown: new Set() },
        pendingStatus: [...t.knownHeads].map(([number, sha]) => ({ number, sha })),
        statuses: new Map(),
      };
      progress.set(t.repo, prog);
      const first = t.expectedOpen == null ? 100 : Math.min(100, Math.max(1, t.expectedOpen + PAGE_SLACK));
      return { owner, name, first, after: null, withRepoFacts: true, statusOf: prog.pendingStatus.splice(0, STATUSES_PER_PAGE) };
    });
    while (queue.length > 0) {
      const batch = takeBatch(queue);
      queue = queue.slice(batch.length);
      const results = await this.listBatch(batch, progress);
      for (const r of results) {
        if ('next' in r) queue.push(r.next);
        else yield r.result;
      }
    }
  }

  private async listBatch(
    batch: q.ListPage[],
    progress: Map<string, ListProgress>,
  ): Promise<({ next: q.ListPage } | { result: RepoReadResult })[]> {
    const vars: Record<string, unknown> = {};
    if (batch.some((p) => p.statusOf.length > 0)) vars.context = this.settings.context;
    if (batch.some((p) => p.withRepoFacts)) {
      vars.signed = this.settings.labels.signed;
      vars.missing = this.settings.labels.missing;
    }
    batch.forEach((p, i) => {
      vars[`o${i}`] = p.owner;
      vars[`n${i}`] = p.name;
      if (!p.statusOnly) {
        vars[`f${i}`] = p.first;
        vars[`a${i}`] = p.after;
      }
      p.statusOf.forEach((st, j) => {
        vars[`s${i}_${j}`] = st.sha;
      });
    });
    type Repo = {
      nameWithOwner: string;
      isArchived?: boolean;
      signedLabel?: { name: string } | null;
      missingLabel?: { name: string } | null;
      pullRequests?: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { number: number; isDraft: boolean; headRefOid: string; labels: { nodes: { name: string }[] } }[];
      };
    } & Record<string, unknown>;
    const out: ({ next: q.ListPage } | { result: RepoReadResult })[] = [];
    let response: GraphqlResult<Record<string, Repo | null>>;
    try {
      response = await this.runner.run<Record<string, Repo | null>>(
        'ListOpenPullRequests',
        q.listOpenPullRequests(batch),
        vars,
        Math.max(1, Math.round(batchUnits(batch) / 100)),
        { splittable: batch.length > 1 },
      );
    } catch (error) {
      if (batch.length > 1 && isSizeProblem(error)) {
        const half = Math.ceil(batch.length / 2);
        return [
          ...(await this.listBatch(batch.slice(0, half), progress)),
          ...(await this.listBatch(batch.slice(half), progress)),
        ];
      }
      if (!isPerRepoFailure(error)) throw error;
      for (const p of batch) {
        const repo = `${p.owner}/${p.name}`;
        progress.delete(repo);
        out.push({ result: { ok: false, repo, error: asGitHubError(error, repo) } });
      }
      return out;
    }
    batch.forEach((p, i) => {
      const key = `${p.owner}/${p.name}`;
      const prog = progress.get(key);
      if (!prog) return;
      const node = response.data[`r${i}`];
      if (!node) {
        progress.delete(key);
        out.push({ result: { ok: false, repo: key, error: repoError(key, notFound(response.errors, `r${i}`)?.message) } });
        return;
      }
      const listing = prog.listing;
      if (p.withRepoFacts) {
        listing.isArchived = node.isArchived ?? false;
        listing.existingLabels = [node.signedLabel?.name, node.missingLabel?.name].filter((x): x is string => !!x);
      }
      for (const st of p.statusOf) prog.statuses.set(st.number, (node[`s${st.number}`] ?? null) as GqlCommitStatus);
      for (const pr of node.pullRequests?.nodes ?? []) {
        listing.pullRequests.push({
          repo: key,
          number: pr.number,
          headSha: pr.headRefOid,
          isDraft: pr.isDraft,
          labels: pr.labels.nodes.map((l) => l.name),
          status: null,
        });
      }
      const page = node.pullRequests?.pageInfo;
      const statusOf = prog.pendingStatus.splice(0, STATUSES_PER_PAGE);
      if (page?.hasNextPage) {
        out.push({ next: { ...p, first: 100, after: page.endCursor, withRepoFacts: false, statusOf } });
      } else if (statusOf.length > 0) {
        out.push({ next: { ...p, withRepoFacts: false, statusOnly: true, statusOf } });
      } else {
        progress.delete(key);
        out.push({ result: { ok: true, listing: finishListing(prog) } });
      }
    });
    return out;
  }

  /**
   * Every commit of each requested pull request (all pages), with authors and co-authors.
   * Calls `onResult` per pull request as soon as it is complete, `onFailure` when it cannot be read.
   */
  async fetchCommits(
    requests: CommitsRequest[],
    onResult: (r: CommitsResult) => void,
    onFailure: (req: CommitsRequest, error: GitHubError) => void,
    /** When aborted, no further request starts; what is not complete yet is neither result nor failure. */
    signal?: AbortSignal,
  ): Promise<void> {
    interface Acc {
      req: CommitsRequest;
      result: CommitsResult;
      after: string | null;
      messages: Map<string, string>;
    }
    let pending: Acc[] = requests.map((req) => ({
      req,
      result: { repo: req.repo, number: req.number, headSha: req.listedSha, commits: [], total: 0, closed: false },
      after: null,
      messages: new Map(),
    }));
    let complete: Acc[] = [];
    // Pull requests are handed over as each round of pages completes, so that a sweep stopped by
    // the budget keeps (and caches) what it has read.
    const deliver = async () => {
      const done = complete.map((a) => a.result);
      complete = [];
      const lookUp = done.filter((r) => r.commits.some(needsCoAuthorLookup));
      for (const r of done) {
        if (!lookUp.includes(r)) onResult(r);
      }
      // Interrupted: those that need a lookup are read again next run.
      if (signal?.aborted) return;
      const unresolved = await this.resolveCoAuthorLogins(lookUp, onFailure);
      for (const r of lookUp) {
        if (!unresolved.has(r)) onResult(r);
      }
    };
    while (pending.length > 0) {
      const next: Acc[] = [];
      try {
        await runInBatches(
          pending,
          COMMIT_PAGES_PER_REQUEST,
          async (batch) => {
            if (signal?.aborted) return;
            const pages: q.CommitsPage[] = batch.map((a) => {
              const [owner, name] = splitRepo(a.req.repo);
              const first = a.after === null;
              return {
                owner,
                name,
                number: a.req.number,
                after: a.after,
                statusSha: first && a.req.readStatus ? a.req.listedSha : null,
              };
            });
            const vars: Record<string, unknown> = pages.some((p) => p.statusSha) ? { context: this.settings.context } : {};
            pages.forEach((p, i) => {
              vars[`o${i}`] = p.owner;
              vars[`n${i}`] = p.name;
              vars[`p${i}`] = p.number;
              vars[`a${i}`] = p.after;
              if (p.statusSha) vars[`h${i}`] = p.statusSha;
            });
            type PR = {
              number: number;
              state: string;
              headRefOid: string;
              commits: {
                totalCount: number;
                pageInfo: { hasNextPage: boolean; endCursor: string | null };
                nodes: { commit: { oid: string; message: string; author: GqlActor | null } }[];
              };
            };
            type Repo = { pullRequest: PR | null; head?: GqlCommitStatus };
            const { data, errors } = await this.runner.run<Record<string, Repo | null>>(
              'FetchPullRequestCommits',
              q.fetchPullRequestCommits(pages),
              vars,
              Math.max(1, Math.round(batch.length / 100)),
              { splittable: batch.length > 1 },
            );
            batch.forEach((a, i) => {
              const repo = data[`r${i}`];
              const pr = repo?.pullRequest;
              if (!repo || !pr) {
                onFailure(a.req, repoError(`${a.req.repo}#${a.req.number}`, notFound(errors, `r${i}`)?.message));
                return;
              }
              if (pages[i]!.statusSha) {
                const head = repo.head ?? null;
                a.result.status = head?.oid === a.req.listedSha ? toStatus(head.status?.context ?? null) : null;
              }
              if (a.after !== null && pr.headRefOid !== a.result.headSha) {
                // The head moved between pages: start again from the first page.
                a.result.commits = [];
                a.messages.clear();
                a.after = null;
                next.push(a);
                return;
              }
              a.result.headSha = pr.headRefOid;
              a.result.total = pr.commits.totalCount;
              a.result.closed = pr.state !== 'OPEN';
              for (const n of pr.commits.nodes) {
                a.result.commits.push({
                  sha: n.commit.oid,
                  headline: n.commit.message.split('\n', 1)[0] ?? '',
                  author: toActor(n.commit.author),
                  coAuthors: parseCoAuthors(n.commit.message),
                });
              }
              if (pr.commits.pageInfo.hasNextPage && pr.commits.nodes.length > 0) {
                a.after = pr.commits.pageInfo.endCursor;
                next.push(a);
              } else {
                complete.push(a);
              }
            });
          },
          (a, error) => onFailure(a.req, asGitHubError(error, `${a.req.repo}#${a.req.number}`)),
        );
      } catch (error) {
        // Hand over what is complete; lookups the budget no longer allows are simply not made.
        await deliver().catch(() => undefined);
        throw error;
      }
      await deliver();
      pending = next;
    }
  }

  /**
   * Co-authors come from the commit message for free; only those whose email GitHub might link
   * to an account (not a no-reply address, which names its login) are looked up, through
   * `Commit.authors`, a connection charged per commit.
   */
  private async resolveCoAuthorLogins(
    results: CommitsResult[],
    onFailure: (req: CommitsRequest, error: GitHubError) => void,
  ): Promise<Set<CommitsResult>> {
    const unresolved = new Set<CommitsResult>();
    type Lookup = q.CoAuthorLookup & { result: CommitsResult; commit: CommitRecord };
    const lookups: Lookup[] = [];
    for (const result of results) {
      for (const commit of result.commits) {
        if (needsCoAuthorLookup(commit)) {
          const [owner, name] = splitRepo(result.repo);
          lookups.push({ owner, name, sha: commit.sha, authors: commit.coAuthors.length + 1, result, commit });
        }
      }
    }
    const fail = (l: Lookup, error: unknown) => {
      if (unresolved.has(l.result)) return;
      unresolved.add(l.result);
      onFailure(
        { repo: l.result.repo, number: l.result.number, listedSha: l.result.headSha, readStatus: false },
        asGitHubError(error, `${l.result.repo}#${l.result.number}`),
      );
    };
    await runInBatches(
      lookups,
      COAUTHOR_LOOKUPS_PER_REQUEST,
      async (batch) => {
        const vars: Record<string, unknown> = {};
        batch.forEach((l, i) => {
          vars[`o${i}`] = l.owner;
          vars[`n${i}`] = l.name;
          vars[`c${i}`] = l.sha;
        });
        type Node = { object: { oid: string; authors: { nodes: GqlActor[] } } | null } | null;
        const { data, errors } = await this.runner.run<Record<string, Node>>('ResolveCoAuthors', q.resolveCoAuthors(batch), vars, 1, {
          splittable: batch.length > 1,
        });
        batch.forEach((l, i) => {
          const object = data[`c${i}`]?.object;
          if (!object) {
            // Without GitHub's link a signed co-author would look unlinked: fail the pull request instead.
            fail(l, new GitHubError(notFound(errors, `c${i}`)?.message ?? `commit ${l.sha} could not be read`));
            return;
          }
          l.commit.coAuthors = linkCoAuthors(l.commit.coAuthors, object.authors.nodes);
        });
      },
      (l, error) => fail(l, error),
    );
    return unresolved;
  }
}

/** A co-author email GitHub may link to an account (a no-reply address names its login already). */
function needsCoAuthorLookup(commit: CommitRecord): boolean {
  return commit.coAuthors.some((c) => c.email && !noReplyLogin(c.email));
}

interface ListProgress {
  listing: RepoListing;
  /** Cached heads whose status is still to be asked for. */
  pendingStatus: { number: number; sha: string }[];
  statuses: Map<number, GqlCommitStatus>;
}

/** Applies the statuses read by cached SHA, only where the head has not moved. */
function finishListing(prog: ListProgress): RepoListing {
  const { listing } = prog;
  for (const snap of listing.pullRequests) {
    const st = prog.statuses.get(snap.number);
    if (st && st.oid === snap.headSha) snap.status = toStatus(st.status?.context ?? null);
    else listing.statusUnknown.add(snap.number);
  }
  return listing;
}

/** Connection requests a page costs: `pullRequests` and each pull request's `labels`. */
function pageUnits(p: q.ListPage): number {
  return p.statusOnly ? 0 : 1 + p.first;
}

function batchUnits(batch: q.ListPage[]): number {
  return batch.reduce((sum, p) => sum + pageUnits(p), 0);
}

function takeBatch(queue: q.ListPage[]): q.ListPage[] {
  const batch: q.ListPage[] = [];
  let units = 0;
  let statuses = 0;
  for (const p of queue) {
    const u = pageUnits(p);
    const full = units + u > UNITS_PER_REQUEST || batch.length >= MAX_ALIASES || statuses + p.statusOf.length > STATUSES_PER_REQUEST;
    if (batch.length > 0 && full) break;
    batch.push(p);
    units += u;
    statuses += p.statusOf.length;
  }
  return batch;
}

function repoError(what: string, message: string | undefined): GitHubError {
  return new GitHubError(message ?? `${what} could not be read (not found, or no access for this token)`, 404, 'NOT_FOUND');
}

function asGitHubError(error: unknown, what: string): GitHubError {
  if (error instanceof GitHubError) return error;
  return new GitHubError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}


/** Errors that concern these repositories only; others (auth, budget, rate limit) end the sweep. */
function isPerRepoFailure(error: unknown): boolean {
  return error instanceof GitHubError && !isBudgetStop(error);
}
