// Lists open pull requests, several repositories per request, with labels and our statuses on
// each cached head.
import { z } from 'zod';
import { type GitHubError, isSizeProblem } from '../errors.js';
import type { ListedPullRequest } from '../reconcile/model.js';
import type { ListingFailure, ListingResult, ListTarget, RepoListing } from '../reconcile/ports.js';
import { CommitStatus, errorsAt, LabelName, ListedNode, PageInfo, partFailure, shapeProblem } from './answers.js';
import type { GraphqlErrorItem, GraphqlResult, GraphqlRunner } from './graphql-runner.js';
import * as q from './queries.js';
import { asGitHubError, isPerRepoFailure } from './read-errors.js';
import { publishedOf, splitRepo } from './shapes.js';

/** Connection requests one listing request may hold: GitHub rounds units/100, so <150 costs 1 point. */
const UNITS_PER_REQUEST = 149;
const MAX_ALIASES = 60;
const PAGE_SLACK = 2;
/** `object(oid:)` lookups per page and per request: free in points, but they make the answer longer. */
const STATUSES_PER_PAGE = 100;
const STATUSES_PER_REQUEST = 400;

/**
 * Lists the open pull requests of `targets`, packing several repositories into each request,
 * and yields each repository as soon as all its pages are in. Our status on each cached head
 * is read by `object(oid:)` (no connection, so no cost) in the same requests, at most
 * STATUSES_PER_PAGE per page; what is left when the last page is in gets status-only pages.
 */
export async function* listOpenPullRequests(runner: GraphqlRunner, settings: q.ReadShape, targets: ListTarget[]): AsyncGenerator<ListingResult> {
  const progress = new Map<string, ListProgress>();
  let queue: q.ListPage[] = targets.map((t) => {
    const [owner, name] = splitRepo(t.repo);
    const prog: ListProgress = {
      listing: { repo: t.repo, isArchived: false, existingLabels: [], pullRequests: [], failures: [] },
      pendingStatus: [...t.knownHeads].map(([number, sha]) => ({ number, sha })),
      statuses: new Map(),
      target: t,
    };
    progress.set(t.repo, prog);
    const first = t.expectedOpen == null ? 100 : Math.min(100, Math.max(1, t.expectedOpen + PAGE_SLACK));
    return { owner, name, first, after: null, withRepoFacts: true, statusOf: prog.pendingStatus.splice(0, STATUSES_PER_PAGE) };
  });
  while (queue.length > 0) {
    const batch = takeBatch(queue);
    queue = queue.slice(batch.length);
    const results = await listBatch(runner, settings, batch, progress);
    for (const r of results) {
      if ('next' in r) queue.push(r.next);
      else yield r.result;
    }
  }
}

async function listBatch(
  runner: GraphqlRunner,
  settings: q.ReadShape,
  batch: q.ListPage[],
  progress: Map<string, ListProgress>,
): Promise<({ next: q.ListPage } | { result: ListingResult })[]> {
  const vars: Record<string, unknown> = {};
  if (batch.some((p) => p.statusOf.length > 0)) settings.contexts.forEach((c, i) => { vars[`c${i}`] = c; });
  if (batch.some((p) => p.withRepoFacts)) settings.labels.forEach((l, i) => { vars[`l${i}`] = l; });
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
  const out: ({ next: q.ListPage } | { result: ListingResult })[] = [];
  let response: GraphqlResult<Record<string, unknown>>;
  try {
    response = await runner.run<Record<string, unknown>>(
      'ListOpenPullRequests',
      q.listOpenPullRequests(batch, settings),
      vars,
      Math.max(1, Math.round(batchUnits(batch) / 100)),
      // A batch can be halved, and one repository's page cut down: either way, retry a 5xx once only.
      { splittable: batch.length > 1 || batch[0]!.first > MIN_PAGE || batch[0]!.statusOf.length > 1 },
    );
  } catch (error) {
    if (batch.length > 1 && isSizeProblem(error)) {
      const half = Math.ceil(batch.length / 2);
      return [
        ...(await listBatch(runner, settings, batch.slice(0, half), progress)),
        ...(await listBatch(runner, settings, batch.slice(half), progress)),
      ];
    }
    const smaller = batch.length === 1 && isSizeProblem(error) ? shrink(batch[0]!, progress) : null;
    if (smaller) return listBatch(runner, settings, [smaller], progress);
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
    const page = readPage(key, `r${i}`, response.data[`r${i}`], response.errors, p, settings);
    if ('failure' in page) {
      progress.delete(key);
      out.push({ result: { ok: false, repo: key, error: page.failure } });
      return;
    }
    const listing = prog.listing;
    if (p.withRepoFacts) {
      listing.isArchived = page.isArchived;
      listing.existingLabels = page.existingLabels;
    }
    for (const [number, status] of page.statuses) prog.statuses.set(number, status);
    listing.failures.push(...page.failures);
    for (const pr of page.pullRequests) {
      listing.pullRequests.push(pr);
      // Offboarding reads what stands on every head, not only on those the cache knows.
      if (prog.target.readAllPublished && prog.target.knownHeads.get(pr.number) !== pr.headSha) {
        prog.pendingStatus.push({ number: pr.number, sha: pr.headSha });
      }
    }
    const statusOf = prog.pendingStatus.splice(0, STATUSES_PER_PAGE);
    if (page.next) {
      out.push({ next: { ...p, first: 100, after: page.next, withRepoFacts: false, statusOf } });
    } else if (statusOf.length > 0) {
      out.push({ next: { ...p, withRepoFacts: false, statusOnly: true, statusOf } });
    } else {
      progress.delete(key);
      out.push({ result: { ok: true, listing: finishListing(prog, settings.contexts) } });
    }
  });
  return out;
}

const ListingRepo = z.object({
  nameWithOwner: z.string(),
  isArchived: z.boolean().optional(),
  pullRequests: z.object({ pageInfo: PageInfo, nodes: z.array(z.unknown()) }).optional(),
});

type PageRead =
  | { failure: GitHubError }
  | {
      isArchived: boolean;
      existingLabels: string[];
      pullRequests: ListedPullRequest[];
      failures: ListingFailure[];
      statuses: Map<number, CommitStatus>;
      /** The cursor of the next page, when there is one. */
      next: string | null;
    };

/**
 * One repository's part of a listing answer. An error at the repository's path, or a shape that
 * does not fit, fails the repository; an error or a null at one pull request's path (its node,
 * its labels, its head's statuses) fails only that pull request, which is left alone.
 */
export function readPage(repo: string, alias: string, node: unknown, errors: readonly GraphqlErrorItem[], p: q.ListPage, settings: q.ReadShape): PageRead {
  const mine = errorsAt(errors, [alias]);
  const parsed = ListingRepo.safeParse(node);
  if (node == null || !parsed.success) return { failure: partFailure(repo, mine, parsed.success ? null : shapeProblem(parsed.error, alias)) };
  const repoNode = node as Record<string, unknown>;
  // Errors that name a pull request (a node of the connection, or the status of a head) concern it alone.
  const concernsPullRequest = (e: GraphqlErrorItem) =>
    (e.path![1] === 'pullRequests' && e.path![2] === 'nodes' && typeof e.path![3] === 'number') || /^s\d+$/.test(String(e.path![1]));
  const whole = mine.filter((e) => !concernsPullRequest(e));
  const labels: string[] = [];
  for (const [j] of (p.withRepoFacts ? settings.labels : []).entries()) {
    const label = LabelName.nullable().optional().safeParse(repoNode[`l${j}`]);
    if (!label.success) return { failure: partFailure(repo, whole, shapeProblem(label.error, `${alias}.l${j}`)) };
    if (label.data) labels.push(label.data.name);
  }
  if (whole.length > 0 || (!p.statusOnly && !parsed.data.pullRequests)) return { failure: partFailure(repo, whole, `${alias}.pullRequests: missing`) };

  const failures: ListingFailure[] = [];
  const failed = new Set<number>();
  const pullRequests: ListedPullRequest[] = [];
  (parsed.data.pullRequests?.nodes ?? []).forEach((raw, n) => {
    const at = [alias, 'pullRequests', 'nodes', n];
    const number = typeof (raw as { number?: unknown } | null)?.number === 'number' ? (raw as { number: number }).number : null;
    const pr = ListedNode.safeParse(raw);
    const problems = errorsAt(errors, at);
    if (!pr.success || problems.length > 0) {
      const what = number === null ? `a pull request of ${repo} (the ${ordinal(n + 1)} of a page)` : `${repo}#${number}`;
      failures.push({ number, error: partFailure(what, problems, pr.success ? null : shapeProblem(pr.error, at.join('.'))) });
      if (number !== null) failed.add(number);
      return;
    }
    const { data } = pr;
    pullRequests.push({
      repo,
      number: data.number,
      headSha: data.headRefOid,
      isDraft: data.isDraft,
      updatedAt: data.updatedAt,
      labels: data.labels.nodes.map((l) => l.name),
      published: {},
    });
  });
  const statuses = new Map<number, CommitStatus>();
  for (const st of p.statusOf) {
    const at = `s${st.number}`;
    const status = CommitStatus.safeParse(repoNode[at]);
    const problems = errorsAt(errors, [alias, at]);
    if (status.success && problems.length === 0) {
      statuses.set(st.number, status.data);
    } else if (!failed.has(st.number)) {
      failures.push({ number: st.number, error: partFailure(`the head of ${repo}#${st.number}`, problems, status.success ? null : shapeProblem(status.error, `${alias}.${at}`)) });
      failed.add(st.number);
    }
  }
  const page = parsed.data.pullRequests?.pageInfo;
  return {
    isArchived: parsed.data.isArchived ?? false,
    existingLabels: labels,
    pullRequests: pullRequests.filter((pr) => !failed.has(pr.number)),
    failures,
    statuses,
    next: page?.hasNextPage ? page.endCursor : null,
  };
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Smallest page a page that GitHub times out on is cut down to before the repository is given up. */
const MIN_PAGE = 10;

/**
 * One repository's page that GitHub refused for its size: ask for half as many pull requests and
 * half the statuses (the rest go back to the queue). Null when it cannot get smaller.
 */
function shrink(p: q.ListPage, progress: Map<string, ListProgress>): q.ListPage | null {
  const prog = progress.get(`${p.owner}/${p.name}`);
  const first = p.statusOnly ? p.first : Math.max(MIN_PAGE, Math.ceil(p.first / 2));
  if (!prog || (first === p.first && p.statusOf.length <= 1)) return null;
  const keep = Math.ceil(p.statusOf.length / 2);
  prog.pendingStatus.unshift(...p.statusOf.slice(keep));
  return { ...p, first, statusOf: p.statusOf.slice(0, keep) };
}

interface ListProgress {
  listing: RepoListing;
  /** Heads whose statuses are still to be asked for. */
  pendingStatus: { number: number; sha: string }[];
  statuses: Map<number, CommitStatus>;
  target: ListTarget;
}

/** Applies the statuses read by SHA, only where the head has not moved; elsewhere they stay unknown. */
function finishListing(prog: ListProgress, contexts: string[]): RepoListing {
  const { listing } = prog;
  // A pull request whose head's statuses could not be read, though it was listed, is left alone too.
  const failed = new Set(listing.failures.map((f) => f.number));
  listing.pullRequests = listing.pullRequests.filter((pr) => !failed.has(pr.number));
  for (const pr of listing.pullRequests) {
    const st = prog.statuses.get(pr.number);
    if (st && st.oid === pr.headSha) pr.published = publishedOf(st.status, contexts);
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
