// Lists open pull requests, several repositories per request, with labels and our statuses on
// each cached head; a quick read also tells which remembered ones were closed or merged since.
import { z } from 'zod';
import { GitHubError, isSizeProblem } from '../errors.js';
import { laterTime } from '../reconcile/memory.js';
import type { ListedPullRequest } from '../reconcile/model.js';
import type { ListingFailure, ListingResult, ListTarget, RepoListing } from '../reconcile/ports.js';
import { CommitOnHead, errorsAt, LabelName, ListedNode, PageInfo, partFailure, shapeProblem } from './answers.js';
import { type GraphqlErrorItem, type GraphqlResult, type GraphqlRunner, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';
import { asGitHubError, isPerRepoFailure, movedAway } from './read-errors.js';
import { publishedOn, splitRepo } from './shapes.js';

/** Connection requests one listing request may hold: GitHub rounds units/100, so <150 costs 1 point. */
const UNITS_PER_REQUEST = 149;
/**
 * Repositories one listing request may hold. Pages of pull requests read by number (a quick read)
 * are a few small fields each, so they are bounded by cost alone: GitHub documents no limit on
 * aliases, only the 500,000 nodes and the time a request may take ("Rate limits and query limits
 * for the GraphQL API"); a request refused for its size is split (isSizeProblem).
 */
const MAX_ALIASES = 60;
const MAX_NUMBERED_ALIASES = UNITS_PER_REQUEST;
const PAGE_SLACK = 2;
/** `object(oid:)` lookups per page and per request: free in points, but they make the answer longer. */
const STATUSES_PER_PAGE = 100;
const STATUSES_PER_REQUEST = 400;

/**
 * Lists the open pull requests of `targets`, packing several repositories into each request,
 * and yields each repository as soon as all its pages are in. Our status on each cached head
 * is read by `object(oid:)` (no connection, so no cost) in the same requests, at most
 * STATUSES_PER_PAGE per page; what is left when the last page is in gets status-only pages.
 *
 * A target with `since` is read quickly: a probe of the newest pull requests of each repository by
 * `updatedAt`, in any state, tells which changed: when the probe saw every change, only the open
 * ones changed are read, by number, and those closed since are dropped; otherwise the repository's
 * pull requests are listed newest first in every state, up to the first one older than `since`.
 */
export async function* listOpenPullRequests(runner: GraphqlRunner, settings: q.ReadShape, targets: ListTarget[]): AsyncGenerator<ListingResult> {
  const progress = new Map<string, ListProgress>();
  let queue: q.ListPage[] = targets.filter((t) => t.since === undefined).map((t) => firstPage(t, progress));
  const quick = targets.filter((t) => t.since !== undefined);
  if (quick.length > 0) {
    const probes = await probeUpdates(runner, settings, quick.map((t) => t.repo));
    for (const t of quick) {
      const probed = probes.get(t.repo)!;
      if (probed instanceof GitHubError) yield { ok: false, repo: t.repo, error: probed };
      else if (probed === null) queue.push(firstPage(t, progress));
      else {
        const { nodes: probe, hasMergeQueue } = probed;
        const queueFlag = hasMergeQueue === undefined ? {} : { hasMergeQueue };
        const fresh = probe.filter((p) => p.state === 'OPEN' && isNew(p, t));
        // Closed or merged (since remembered, if they are): out of memory, with no read.
        const closed = probe.filter((p) => p.state !== 'OPEN').map((p) => p.number);
        const last = probe[probe.length - 1];
        // The probe saw every change when it is shorter than asked, or when its oldest is no change:
        // everything after it in GitHub's order was updated earlier still.
        const complete = probe.length < q.PROBE_SIZE || (last !== undefined && !isChange(last, t));
        const newestUpdate = probe[0]?.updatedAt ?? null;
        if (!complete) {
          // Listed newest first; the newest update of any state, a closing included, is known too.
          queue.push(firstPage(t, progress));
          progress.get(t.repo)!.listing.newestUpdate = newestUpdate;
        } else if (fresh.length === 0) {
          // The newest pull requests are as remembered: no page at all.
          yield {
            ok: true,
            listing: { repo: t.repo, isArchived: false, existingLabels: null, pullRequests: [], failures: [], since: t.since!, newestUpdate, closed, confirmsRemembered: true, ...queueFlag },
          };
          continue;
        } else {
          // Every change is among the probed: read just those pull requests, with what stands on
          // each remembered head in the same request (a new head's is read with its commits).
          const numbers = fresh.map((p) => p.number);
          const statusOf = numbers.flatMap((number) => {
            const sha = t.knownHeads.get(number);
            return sha === undefined ? [] : [{ number, sha }];
          });
          queue.push({ ...firstPage(t, progress), numbers, statusOf });
          Object.assign(progress.get(t.repo)!.listing, { newestUpdate, closed, confirmsRemembered: true });
        }
        Object.assign(progress.get(t.repo)?.listing ?? {}, queueFlag);
      }
    }
  }
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

/** Pull requests on the first page of a quick read: most sweeps find one or two changed. */
const QUICK_PAGE = 10;

function firstPage(t: ListTarget, progress: Map<string, ListProgress>): q.ListPage {
  const [owner, name] = splitRepo(t.repo);
  const quick = t.since !== undefined;
  const prog: ListProgress = {
    listing: { repo: t.repo, isArchived: false, existingLabels: [], pullRequests: [], failures: [], ...(quick ? { since: t.since, newestUpdate: null } : {}) },
    // A quick read asks only about the heads it lists (see listBatch).
    pendingStatus: quick ? [] : [...t.knownHeads].map(([number, sha]) => ({ number, sha })),
    statuses: new Map(),
    target: t,
  };
  progress.set(t.repo, prog);
  const first = quick ? QUICK_PAGE : t.expectedOpen == null ? 100 : Math.min(100, Math.max(1, t.expectedOpen + PAGE_SLACK));
  return { owner, name, first, after: null, withRepoFacts: true, statusOf: prog.pendingStatus.splice(0, STATUSES_PER_PAGE), newestFirst: quick };
}

type Probe = { number: number; updatedAt: string; state: 'OPEN' | 'CLOSED' | 'MERGED' }[];

/**
 * Whether an open pull request changed since it was remembered: new, or updated since. Ordered
 * newest first, the changed ones come before the others; one that GitHub lists late, behind newer
 * ones remembered already, is caught too as long as it is among the newest PROBE_SIZE.
 */
function isNew(p: Probe[number], t: ListTarget): boolean {
  const known = t.knownUpdates?.get(p.number);
  return known === undefined || Date.parse(p.updatedAt) > Date.parse(known);
}

/**
 * Whether a probed pull request may have been updated after the repository was last known in full,
 * so that pull requests GitHub orders after it may have changed too: an open one new or updated
 * since remembered, a closed or merged one updated after the watermark.
 */
function isChange(p: Probe[number], t: ListTarget): boolean {
  if (p.state === 'OPEN') return isNew(p, t);
  return t.watermark === undefined || Date.parse(p.updatedAt) > Date.parse(t.watermark);
}

const ProbeAnswer = z.object({
  pullRequests: z.object({ nodes: z.array(z.object({ number: z.number().int(), updatedAt: z.string(), state: z.enum(['OPEN', 'CLOSED', 'MERGED']) })) }),
  mergeQueue: z.object({ id: z.string() }).nullable().optional(),
});

interface Probed {
  nodes: Probe;
  /** Asked only with `mergeQueue: true`. */
  hasMergeQueue?: boolean;
}

/**
 * The newest pull requests of each repository by `updatedAt`, newest first; null when GitHub
 * answered the probe only in part (a null among them): the repository is then listed, not probed.
 */
async function probeUpdates(runner: GraphqlRunner, settings: q.ReadShape, repos: string[]): Promise<Map<string, Probed | GitHubError | null>> {
  const out = new Map<string, Probed | GitHubError | null>();
  await runInBatches(
    repos,
    UNITS_PER_REQUEST,
    async (batch) => {
      const vars: Record<string, unknown> = {};
      batch.forEach((r, i) => {
        [vars[`o${i}`], vars[`n${i}`]] = splitRepo(r);
      });
      const { data, errors } = await runner.run<Record<string, unknown>>('ProbeUpdatedPullRequests', q.probeUpdates(batch.length, settings), vars, Math.max(1, Math.round(batch.length / 100)), {
        splittable: batch.length > 1,
      });
      batch.forEach((r, i) => {
        const node = data[`r${i}`];
        const problems = errorsAt(errors, [`r${i}`]);
        const inNodes = errorsAt(errors, [`r${i}`, 'pullRequests', 'nodes']);
        // A merge queue GitHub would not tell of is not known: it is read, as without the question.
        const queueUnknown = errorsAt(errors, [`r${i}`, 'mergeQueue']).length > 0;
        const read = ProbeAnswer.safeParse(node);
        // The repository (or its pull requests) not answered at all: it fails as a listing would.
        if (node == null || problems.length > inNodes.length + (queueUnknown ? 1 : 0)) out.set(r, partFailure(r, problems, null));
        // Some pull requests not answered: which changed is not known, so the repository is listed.
        else if (!read.success || inNodes.length > 0) out.set(r, null);
        else out.set(r, { nodes: read.data.pullRequests.nodes, ...(settings.mergeQueue && !queueUnknown ? { hasMergeQueue: read.data.mergeQueue != null } : {}) });
      });
    },
    (r, error) => out.set(r, asGitHubError(error, r)),
  );
  return out;
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
    if (p.numbers) p.numbers.forEach((n, j) => { vars[`p${i}_${j}`] = n; });
    else if (!p.statusOnly) {
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
      if (page.hasMergeQueue !== undefined) listing.hasMergeQueue = page.hasMergeQueue;
    }
    for (const [number, status] of page.statuses) prog.statuses.set(number, status);
    listing.failures.push(...page.failures);
    if (page.closed.length > 0) listing.closed = [...(listing.closed ?? []), ...page.closed];
    const since = prog.target.since === undefined ? null : Date.parse(prog.target.since);
    const nodes = page.pullRequests;
    // A quick listing stops at the first pull request older than `since` (newest first), in any
    // state; those read by number are taken whatever their time (the probe saw them change).
    const changed = since === null || p.numbers || !nodes.every((pr) => pr.updatedAt) ? nodes : nodes.filter((pr) => Date.parse(pr.updatedAt!) >= since);
    const reachedSince = since !== null && (changed.length < nodes.length || (page.oldestUpdate !== null && Date.parse(page.oldestUpdate) < since));
    if (since !== null && p.after === null && !p.numbers) listing.newestUpdate = laterTime(listing.newestUpdate ?? null, page.newestUpdate);
    for (const pr of changed) {
      listing.pullRequests.push(pr);
      const known = prog.target.knownHeads.get(pr.number) === pr.headSha;
      // Offboarding reads what stands on every head; a quick read on the known heads it lists (a new
      // head's is read with its commits).
      const asked = prog.statuses.has(pr.number) || prog.pendingStatus.some((st) => st.number === pr.number);
      if ((prog.target.readAllPublished && !known) || (since !== null && known && !asked)) {
        prog.pendingStatus.push({ number: pr.number, sha: pr.headSha });
      }
    }
    const statusOf = prog.pendingStatus.splice(0, STATUSES_PER_PAGE);
    if (!p.numbers && page.next && !reachedSince) {
      out.push({ next: { ...p, first: 100, after: page.next, withRepoFacts: false, statusOf } });
    } else if (statusOf.length > 0) {
      out.push({ next: { ...p, numbers: undefined, withRepoFacts: false, statusOnly: true, statusOf } });
    } else {
      progress.delete(key);
      out.push({ result: { ok: true, listing: finishListing(prog, settings) } });
    }
  });
  return out;
}

const ListingRepo = z.object({
  nameWithOwner: z.string(),
  isArchived: z.boolean().optional(),
  mergeQueue: z.object({ id: z.string() }).nullable().optional(),
  pullRequests: z.object({ pageInfo: PageInfo, nodes: z.array(z.unknown()) }).optional(),
});

/** A pull request read by number (a quick read): it says whether it is still open. */
const NumberedNode = ListedNode.extend({ state: z.enum(['OPEN', 'CLOSED', 'MERGED']) });

type PageRead =
  | { failure: GitHubError }
  | {
      isArchived: boolean;
      /** Asked with the repository's facts when `mergeQueue: true`. */
      hasMergeQueue?: boolean;
      existingLabels: string[];
      /** The open pull requests read in full, in GitHub's order. */
      pullRequests: ListedPullRequest[];
      /** Pull requests read (by number, or in a listing of every state) that are closed, merged or gone. */
      closed: number[];
      /** The `updatedAt` of the page's first and last pull requests, in whatever state (null: not told). */
      newestUpdate: string | null;
      oldestUpdate: string | null;
      failures: ListingFailure[];
      statuses: Map<number, CommitOnHead>;
      /** The cursor of the next page, when there is one. */
      next: string | null;
    };

/**
 * One repository's part of a listing answer. An error at the repository's path, or a shape that
 * does not fit, fails the repository; an error or a null at one pull request's path (its node, its
 * labels, its head's statuses) fails only that pull request, which is left alone.
 */
export function readPage(repo: string, alias: string, node: unknown, errors: readonly GraphqlErrorItem[], p: q.ListPage, settings: q.ReadShape): PageRead {
  const mine = errorsAt(errors, [alias]);
  const parsed = ListingRepo.safeParse(node);
  if (node == null || !parsed.success) return { failure: partFailure(repo, mine, parsed.success ? null : shapeProblem(parsed.error, alias)) };
  const moved = movedAway(repo, parsed.data.nameWithOwner);
  if (moved) return { failure: moved };
  const repoNode = node as Record<string, unknown>;
  // Errors that name a pull request (a node of the connection, one read by number, the status of a
  // head) concern it alone.
  const concernsPullRequest = (e: GraphqlErrorItem) =>
    (e.path![1] === 'pullRequests' && e.path![2] === 'nodes' && typeof e.path![3] === 'number') || /^[sp]\d+$/.test(String(e.path![1]));
  // An error on the merge queue question only leaves it unknown (the queue is then read).
  const whole = mine.filter((e) => !concernsPullRequest(e) && e.path![1] !== 'mergeQueue');
  const labels: string[] = [];
  for (const [j] of (p.withRepoFacts ? settings.labels : []).entries()) {
    const label = LabelName.nullable().optional().safeParse(repoNode[`l${j}`]);
    if (!label.success) return { failure: partFailure(repo, whole, shapeProblem(label.error, `${alias}.l${j}`)) };
    if (label.data) labels.push(label.data.name);
  }
  if (whole.length > 0 || (!p.statusOnly && !p.numbers && !parsed.data.pullRequests)) return { failure: partFailure(repo, whole, `${alias}.pullRequests: missing`) };

  const failures: ListingFailure[] = [];
  const failed = new Set<number>();
  const pullRequests: ListedPullRequest[] = [];
  const closed: number[] = [];
  const take = (raw: unknown, at: (string | number)[], what: (number: number | null) => string, byNumber: number | null) => {
    const number = typeof (raw as { number?: unknown } | null)?.number === 'number' ? (raw as { number: number }).number : byNumber;
    const pr = (byNumber === null ? ListedNode : NumberedNode).safeParse(raw);
    const problems = errorsAt(errors, at);
    // Read by number and answered null without an error: gone (GitHub does not delete pull requests, but a transfer moves them).
    if (byNumber !== null && raw == null && problems.length === 0) {
      closed.push(byNumber);
      return;
    }
    if (!pr.success || problems.length > 0) {
      failures.push({ number, error: partFailure(what(number), problems, pr.success ? null : shapeProblem(pr.error, at.join('.'))) });
      if (number !== null) failed.add(number);
      return;
    }
    const { data } = pr;
    if (data.state !== undefined && data.state !== 'OPEN') {
      closed.push(data.number);
      return;
    }
    pullRequests.push({ repo, number: data.number, headSha: data.headRefOid, isDraft: data.isDraft, updatedAt: data.updatedAt, labels: data.labels.nodes.map((l) => l.name), published: {} });
  };
  if (p.numbers) {
    for (const n of p.numbers) take(repoNode[`p${n}`], [alias, `p${n}`], () => `${repo}#${n}`, n);
  } else {
    const what = (n: number) => (number: number | null) => (number === null ? `a pull request of ${repo} (the ${ordinal(n + 1)} of a page)` : `${repo}#${number}`);
    for (const [n, raw] of (parsed.data.pullRequests?.nodes ?? []).entries()) take(raw, [alias, 'pullRequests', 'nodes', n], what(n), null);
  }
  const statuses = new Map<number, CommitOnHead>();
  const headOf = new Map(pullRequests.map((pr) => [pr.number, pr.headSha]));
  for (const st of p.statusOf) {
    // Asked with a pull request read by number, about its remembered head: moved since, that
    // head's statuses are not needed (the new head's are read with its commits).
    if (p.numbers && headOf.get(st.number) !== st.sha) continue;
    const at = `s${st.number}`;
    const status = CommitOnHead.safeParse(repoNode[at]);
    const problems = errorsAt(errors, [alias, at]);
    if (status.success && problems.length === 0) {
      statuses.set(st.number, status.data);
    } else if (!failed.has(st.number)) {
      failures.push({ number: st.number, error: partFailure(`the head of ${repo}#${st.number}`, problems, status.success ? null : shapeProblem(status.error, `${alias}.${at}`)) });
      failed.add(st.number);
    }
  }
  const page = parsed.data.pullRequests?.pageInfo;
  const timeOf = (node: unknown) => {
    const at = (node as { updatedAt?: unknown } | null | undefined)?.updatedAt;
    return typeof at === 'string' ? at : null;
  };
  return {
    newestUpdate: timeOf(parsed.data.pullRequests?.nodes[0]),
    oldestUpdate: timeOf(parsed.data.pullRequests?.nodes.at(-1)),
    isArchived: parsed.data.isArchived ?? false,
    ...(p.withRepoFacts && settings.mergeQueue && errorsAt(errors, [alias, 'mergeQueue']).length === 0 ? { hasMergeQueue: parsed.data.mergeQueue != null } : {}),
    existingLabels: labels,
    pullRequests: pullRequests.filter((pr) => !failed.has(pr.number)),
    closed,
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
  statuses: Map<number, CommitOnHead>;
  target: ListTarget;
}

/** Applies the statuses read by SHA, only where the head has not moved; elsewhere they stay unknown. */
function finishListing(prog: ListProgress, shape: q.ReadShape): RepoListing {
  const { listing } = prog;
  // A pull request whose head's statuses could not be read, though it was listed, is left alone too.
  const failed = new Set(listing.failures.map((f) => f.number));
  listing.pullRequests = listing.pullRequests.filter((pr) => !failed.has(pr.number));
  for (const pr of listing.pullRequests) {
    const st = prog.statuses.get(pr.number);
    if (st && st.oid === pr.headSha) pr.published = publishedOn(st, shape);
  }
  return listing;
}

/**
 * Connection requests a page costs: `pullRequests` and each pull request's `labels` (or, for
 * pull requests read by number, their `labels`), and what reading what stands on each head costs
 * (nothing for statuses; check runs, check-runs.ts).
 */
function pageUnits(p: q.ListPage, shape: q.ReadShape): number {
  const pulls = p.numbers ? p.numbers.length : p.statusOnly ? 0 : 1 + p.first;
  return pulls + p.statusOf.length * q.publishedUnits(shape);
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
    const aliases = batch.length >= (batch.every((b) => b.numbers) && p.numbers ? MAX_NUMBERED_ALIASES : MAX_ALIASES);
    const full = units + u > limit || aliases || statuses + p.statusOf.length > STATUSES_PER_REQUEST;
    if (batch.length > 0 && full) break;
    batch.push(p);
    units += u;
    statuses += p.statusOf.length;
  }
  return batch;
}
