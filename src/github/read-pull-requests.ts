// Lists open pull requests, several repositories per request, with labels and our statuses on
// each cached head.
import { isSizeProblem } from '../errors.js';
import type { ListingResult, ListTarget, RepoListing } from '../reconcile/ports.js';
import type { GraphqlResult, GraphqlRunner } from './graphql-runner.js';
import * as q from './queries.js';
import { asGitHubError, isPerRepoFailure, notFound, repoError } from './read-errors.js';
import { publishedOn, splitRepo } from './shapes.js';

/** Connection requests one listing request may hold: GitHub rounds units/100, so <150 costs 1 point. */
const UNITS_PER_REQUEST = 149;
type GqlCommit = ({ oid: string } & Record<string, unknown>) | null;
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
      listing: { repo: t.repo, isArchived: false, existingLabels: [], pullRequests: [] },
      pendingStatus: [...t.knownHeads].map(([number, sha]) => ({ number, sha })),
      statuses: new Map(),
      target: t,
    };
    progress.set(t.repo, prog);
    const first = t.expectedOpen == null ? 100 : Math.min(100, Math.max(1, t.expectedOpen + PAGE_SLACK));
    return { owner, name, first, after: null, withRepoFacts: true, statusOf: prog.pendingStatus.splice(0, STATUSES_PER_PAGE) };
  });
  while (queue.length > 0) {
    const batch = takeBatch(queue, settings);
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
  if (batch.some((p) => p.statusOf.length > 0)) Object.assign(vars, q.contextValues(settings));
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
  type Repo = {
    nameWithOwner: string;
    isArchived?: boolean;
    pullRequests?: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { number: number; isDraft: boolean; headRefOid: string; updatedAt: string; labels: { nodes: { name: string }[] } }[];
    };
  } & Record<string, unknown>;
  const out: ({ next: q.ListPage } | { result: ListingResult })[] = [];
  let response: GraphqlResult<Record<string, Repo | null>>;
  try {
    response = await runner.run<Record<string, Repo | null>>(
      'ListOpenPullRequests',
      q.listOpenPullRequests(batch, settings),
      vars,
      Math.max(1, Math.round(batchUnits(batch, settings) / 100)),
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
    const node = response.data[`r${i}`];
    if (!node) {
      progress.delete(key);
      out.push({ result: { ok: false, repo: key, error: repoError(key, notFound(response.errors, `r${i}`)?.message) } });
      return;
    }
    const listing = prog.listing;
    if (p.withRepoFacts) {
      listing.isArchived = node.isArchived ?? false;
      listing.existingLabels = settings.labels
        .map((_, j) => (node[`l${j}`] as { name: string } | null | undefined)?.name)
        .filter((x): x is string => !!x);
    }
    for (const st of p.statusOf) prog.statuses.set(st.number, (node[`s${st.number}`] ?? null) as GqlCommit);
    for (const pr of node.pullRequests?.nodes ?? []) {
      listing.pullRequests.push({
        repo: key,
        number: pr.number,
        headSha: pr.headRefOid,
        isDraft: pr.isDraft,
        updatedAt: pr.updatedAt,
        labels: pr.labels.nodes.map((l) => l.name),
        published: {},
      });
      // Offboarding reads what stands on every head, not only on those the cache knows.
      if (prog.target.readAllPublished && prog.target.knownHeads.get(pr.number) !== pr.headRefOid) {
        prog.pendingStatus.push({ number: pr.number, sha: pr.headRefOid });
      }
    }
    const page = node.pullRequests?.pageInfo;
    const statusOf = prog.pendingStatus.splice(0, STATUSES_PER_PAGE);
    if (page?.hasNextPage) {
      out.push({ next: { ...p, first: 100, after: page.endCursor, withRepoFacts: false, statusOf } });
    } else if (statusOf.length > 0) {
      out.push({ next: { ...p, withRepoFacts: false, statusOnly: true, statusOf } });
    } else {
      progress.delete(key);
      out.push({ result: { ok: true, listing: finishListing(prog, settings) } });
    }
  });
  return out;
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
  statuses: Map<number, GqlCommit>;
  target: ListTarget;
}

/** Applies the statuses read by SHA, only where the head has not moved; elsewhere they stay unknown. */
function finishListing(prog: ListProgress, shape: q.ReadShape): RepoListing {
  const { listing } = prog;
  for (const pr of listing.pullRequests) {
    const st = prog.statuses.get(pr.number);
    if (st && st.oid === pr.headSha) pr.published = publishedOn(st, shape);
  }
  return listing;
}

/**
 * Connection requests a page costs: `pullRequests` and each pull request's `labels`, and what
 * reading what stands on each head costs (nothing for statuses; check runs, check-runs.ts).
 */
function pageUnits(p: q.ListPage, shape: q.ReadShape): number {
  return (p.statusOnly ? 0 : 1 + p.first) + p.statusOf.length * q.publishedUnits(shape);
}

function batchUnits(batch: q.ListPage[], shape: q.ReadShape): number {
  return batch.reduce((sum, p) => sum + pageUnits(p, shape), 0);
}

/**
 * Requests are packed up to just under a rounding step: 149 requests cost 1 point. With check
 * runs, a full page (100 pull requests, and the runs on 100 heads) is 101 + 200 requests per
 * check, 3 points for one check: the limit grows by what the heads add, staying under the step.
 */
function unitsPerRequest(shape: q.ReadShape): number {
  return UNITS_PER_REQUEST + STATUSES_PER_PAGE * q.publishedUnits(shape);
}

function takeBatch(queue: q.ListPage[], shape: q.ReadShape): q.ListPage[] {
  const batch: q.ListPage[] = [];
  let units = 0;
  let statuses = 0;
  const limit = unitsPerRequest(shape);
  for (const p of queue) {
    const u = pageUnits(p, shape);
    const full = units + u > limit || batch.length >= MAX_ALIASES || statuses + p.statusOf.length > STATUSES_PER_REQUEST;
    if (batch.length > 0 && full) break;
    batch.push(p);
    units += u;
    statuses += p.statusOf.length;
  }
  return batch;
}
