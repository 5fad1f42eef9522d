// One sweep: read (GitHub, cache) → plan (pure) → guard → apply. Repositories stream through the
// read and plan phases; only the planned writes are held until the guard has seen them all.
import pLimit from 'p-limit';
import { isBudgetStop, isRateLimited } from '../github/graphql-runner.js';
import type { CacheStore } from '../cache/store.js';
import { AuthError, MassChangeError } from '../errors.js';
import type { CommitsRequest, CommitsResult, GitHubReader, RepoListing, RepoTarget } from '../github/reader.js';
import type { Writer } from '../github/writer.js';
import { describeTarget } from '../github/writer.js';
import type { Logger } from '../log.js';
import { checkMassChange, type MassChangeGuard } from './guard.js';
import { identitiesOfCommits } from './identities.js';
import type { Action, AuthorsRecord, PullRequestSnapshot } from './model.js';
import { type PlanSettings, type PullRequestInput, planOffboard, planRepository } from './plan.js';
import type { Policy } from './policy.js';
import { type SweepSummary, emptySummary, exitCodeOf } from './summary.js';
import type { Shard } from './shard.js';
import { offboardTarget, resolveTargets } from './targets.js';
import { decide } from './verdict.js';

export interface SweepOptions {
  repositories: string[];
  exclude: string[];
  /** `--repo`: restrict to these configured repositories. */
  only: string[];
  /** `--full`: ignore cached authors. */
  full: boolean;
  dryRun: boolean;
  allowMassChange: boolean;
  /** `--offboard`: remove the project's labels from this repository instead of sweeping. */
  offboard: string | null;
  /** `--shard I/N`: sweep only this share of the repositories. */
  shard?: Shard | null;
  plan: PlanSettings;
  guard: MassChangeGuard;
  /** Pull requests written to at once (`github.maxConcurrency`). */
  concurrency: number;
  /** `github.writeIntervalMs`: how fast writes go, to keep open-state checks fresh. */
  writeIntervalMs: number;
  configFile: string;
}

export interface SweepDeps {
  reader: GitHubReader;
  writer: Writer;
  cache: CacheStore;
  policy: Policy;
  log: Logger;
  /**
   * The state of these pull requests ("owner/name#N"): true open, false closed or merged; a pull
   * request left out could not be read. Absent: every pull request is taken as open.
   */
  pullRequestStates?: (prs: string[]) => Promise<Map<string, boolean>>;
  /** Aborted on SIGTERM/SIGINT: no new work starts; in-flight writes finish. */
  signal?: AbortSignal;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/**
 * Pull requests whose commits are fetched (and whose co-authors are looked up) together; the
 * cache is saved after each such chunk, so a killed run loses at most one chunk's reading.
 */
const FETCH_CHUNK = 500;

/**
 * A pull request read longer ago than this is confirmed open just before its writes. A quick
 * sweep writes seconds after reading and spends nothing on it; a long backfill, paced at one
 * write a second, may write an hour after reading, when a merged pull request must be left alone.
 */
const CONFIRM_AFTER_MS = 60_000;

const INTERRUPTED = 'interrupted: stopping before new work';

/**
 * Errors after which no further GitHub read can succeed this run, though the run is only partial:
 * the budget. (Refused credentials are not among them: they end the run with exit 1.)
 */
const endsReading = isBudgetStop;

export async function sweep(opts: SweepOptions, deps: SweepDeps): Promise<SweepSummary> {
  const summary = emptySummary();
  const { log, cache } = deps;
  const actions: Action[] = [];
  const snapshots: PullRequestSnapshot[] = [];

  const resolution = await (opts.offboard
    ? Promise.resolve(offboardTarget(opts.offboard, opts))
    : resolveTargets(deps.reader, {
        repositories: opts.repositories,
        exclude: opts.exclude,
        only: opts.only,
        known: new Set(cache.knownRepositories()),
        configFile: opts.configFile,
        shard: opts.shard ?? null,
      })
  ).catch((error: unknown) => {
    if (endsReading(error)) {
      summary.stopped = (error as Error).message;
      return { targets: [], archived: [], failures: [] };
    }
    throw error;
  });
  for (const repo of resolution.archived) log.warn({ repo }, 'repository is archived: skipped (GitHub refuses writes to it)');
  for (const f of resolution.failures) {
    log.error({ repo: f.repo, error: f.error.message }, 'could not read repository');
    summary.repositories.failed.push({ repo: f.repo, error: f.error.message });
  }
  summary.repositories.archived = resolution.archived;
  summary.repositories.selected = resolution.targets.length;

  const targets: RepoTarget[] = resolution.targets.map((t) => {
    const cached = cache.repository(t.repo);
    const knownHeads = new Map<number, string>();
    for (const [n, pr] of Object.entries(cached?.pullRequests ?? {})) knownHeads.set(Number(n), pr.headSha);
    return { repo: t.repo, expectedOpen: t.openCount ?? cached?.openCount ?? null, knownHeads };
  });

  // Listed repositories waiting for their new heads' commits.
  let waiting: { listing: RepoListing; requests: CommitsRequest[] }[] = [];
  let waitingCount = 0;
  const reached = new Set<string>();
  /** When each repository's pull requests were listed. */
  const readAt = new Map<string, number>();

  const flush = async () => {
    const batch = waiting;
    waiting = [];
    waitingCount = 0;
    const results = new Map<string, CommitsResult>();
    const failed = new Set<string>();
    const requests = batch.flatMap((w) => w.requests);
    if (requests.length > 0 && deps.signal?.aborted) {
      summary.stopped ??= INTERRUPTED;
    } else if (requests.length > 0) {
      try {
        await deps.reader.fetchCommits(
          requests,
          (r) => results.set(`${r.repo}#${r.number}`, r),
          (req, error) => {
            failed.add(`${req.repo}#${req.number}`);
            log.error({ pullRequest: `${req.repo}#${req.number}`, error: error.message }, 'could not read commits');
            summary.pullRequests.failed.push({ pullRequest: `${req.repo}#${req.number}`, error: error.message });
          },
          deps.signal,
        );
      } catch (error) {
        if (!endsReading(error)) throw error;
        summary.stopped ??= (error as Error).message;
      }
    }
    // Stopped by the budget or a signal: these are read next run.
    for (const req of requests) {
      const k = `${req.repo}#${req.number}`;
      if (!results.has(k) && !failed.has(k)) summary.pullRequests.notReached += 1;
    }
    if (summary.pullRequests.notReached > 0 && deps.signal?.aborted) summary.stopped ??= INTERRUPTED;
    for (const w of batch) planListing(w.listing, results);
    await cache.save();
  };

  const planListing = (listing: RepoListing, fetched: Map<string, CommitsResult>) => {
    const inputs: PullRequestInput[] = [];
    const open: number[] = [];
    for (const snap of listing.pullRequests) {
      const k = `${snap.repo}#${snap.number}`;
      const got = fetched.get(k);
      let authors: AuthorsRecord | undefined;
      let status = snap.status;
      if (got) {
        if (got.closed) continue;
        const { identities } = identitiesOfCommits(got.commits);
        authors = { headSha: got.headSha, identities, commitsRead: got.commits.length, commitsTotal: got.total };
        // An incomplete read gives `error` now and is read again next time, not remembered.
        if (authors.commitsRead >= authors.commitsTotal) cache.put(snap.repo, snap.number, authors);
        if (got.status !== undefined) status = got.status;
        summary.pullRequests.fetched += 1;
      } else if (!opts.full) {
        const cached = cache.get(snap.repo, snap.number);
        if (cached && cached.headSha === snap.headSha) {
          authors = cached;
          summary.pullRequests.unchanged += 1;
        }
      }
      open.push(snap.number);
      const snapshot = { ...snap, status };
      snapshots.push(snapshot);
      if (!authors) {
        inputs.push({ snapshot, decision: null });
        continue;
      }
      const verdict = decide(authors, deps.policy);
      summary.verdicts[verdict.state] += 1;
      inputs.push({ snapshot, decision: { verdict, sha: authors.headSha } });
    }
    cache.retainOpen(listing.repo, open);
    actions.push(...planRepository({ repo: listing.repo, existingLabels: listing.existingLabels, pullRequests: inputs }, opts.plan));
  };

  try {
    for await (const result of deps.reader.listOpenPullRequests(targets)) {
      if (!result.ok) {
        log.error({ repo: result.repo, error: result.error.message }, 'could not read repository');
        summary.repositories.failed.push({ repo: result.repo, error: result.error.message });
        continue;
      }
      const { listing } = result;
      reached.add(listing.repo);
      readAt.set(listing.repo, (deps.now ?? Date.now)());
      if (listing.isArchived) {
        log.warn({ repo: listing.repo }, 'repository is archived: skipped (GitHub refuses writes to it)');
        summary.repositories.archived.push(listing.repo);
        continue;
      }
      summary.repositories.listed += 1;
      summary.pullRequests.seen += listing.pullRequests.length;
      if (opts.offboard) {
        actions.push(...planOffboard({ repo: listing.repo, pullRequests: listing.pullRequests }, opts.plan));
        continue;
      }
      const requests: CommitsRequest[] = [];
      for (const snap of listing.pullRequests) {
        const cached = cache.get(snap.repo, snap.number);
        if (opts.full || !cached || cached.headSha !== snap.headSha) {
          requests.push({
            repo: snap.repo,
            number: snap.number,
            listedSha: snap.headSha,
            readStatus: listing.statusUnknown.has(snap.number),
          });
        }
      }
      waiting.push({ listing, requests });
      waitingCount += requests.length;
      if (waitingCount >= FETCH_CHUNK) await flush();
      if (deps.signal?.aborted) {
        summary.stopped ??= INTERRUPTED;
        break;
      }
    }
  } catch (error) {
    if (!endsReading(error)) throw error;
    summary.stopped ??= (error as Error).message;
  }
  if (waiting.length > 0) await flush();
  summary.repositories.notReached = targets.filter((t) => !reached.has(t.repo) && !summary.repositories.failed.some((f) => f.repo === t.repo)).map((t) => t.repo);

  summary.plan = actions;
  const guard = opts.offboard ? { ok: true as const, flips: 0 } : checkMassChange(actions, snapshots, opts.guard);
  if (!guard.ok && !opts.allowMassChange) {
    // A dry run still shows the plan the guard refused: that is when a maintainer wants to read it.
    await cache.save();
    if (!opts.dryRun) throw new MassChangeError(guard.message);
    summary.refused = guard.message;
    return summary;
  }
  if (!opts.dryRun) {
    const now = deps.now ?? Date.now;
    const states = deps.pullRequestStates;
    await apply(
      actions,
      {
        ...deps,
        pullRequestStates:
          states &&
          (async (prs) => {
            const stale = prs.filter((pr) => now() - (readAt.get(pr.slice(0, pr.lastIndexOf('#'))) ?? 0) > CONFIRM_AFTER_MS);
            const read = stale.length > 0 ? await states(stale) : new Map<string, boolean>();
            const fresh = prs.filter((pr) => !stale.includes(pr));
            return new Map([...read, ...fresh.map((pr): [string, boolean] => [pr, true])]);
          }),
      },
      summary,
      { concurrency: opts.concurrency, writeIntervalMs: opts.writeIntervalMs },
    );
  }
  // An offboarded repository is no longer ours: once its labels are gone, so is its cache entry.
  if (opts.offboard && !opts.dryRun && exitCodeOf(summary) === 0) cache.forget(opts.offboard);
  await cache.save();
  if (summary.stopped) log.warn({ reason: summary.stopped }, 'sweep stopped early: the next run continues');
  return summary;
}

/**
 * Performs the plan, recording each result; a failure is recorded and the rest goes on. Label
 * creations come first; then each pull request's actions run in order, several pull requests at
 * once up to `concurrency` (the client's throttle still paces writes as configured).
 */
/** At most this many pull requests' open state is read at once, in one 1-point request. */
const CONFIRM_CHUNK = 100;
/** Writes a pull request usually gets (a status and a label swap), to size chunks in time. */
const WRITES_PER_PULL_REQUEST = 3;

/** Pull requests checked together: few enough that the last is written within CONFIRM_AFTER_MS of its check. */
export function confirmChunk(writeIntervalMs: number): number {
  if (writeIntervalMs <= 0) return CONFIRM_CHUNK;
  return Math.max(1, Math.min(CONFIRM_CHUNK, Math.floor(CONFIRM_AFTER_MS / (writeIntervalMs * WRITES_PER_PULL_REQUEST))));
}

export async function apply(
  actions: Action[],
  deps: Pick<SweepDeps, 'writer' | 'log' | 'signal' | 'pullRequestStates'>,
  summary: SweepSummary,
  pace: { concurrency: number; writeIntervalMs: number } = { concurrency: 1, writeIntervalMs: 0 },
): Promise<void> {
  // Set when GitHub says the REST budget is spent: every further write would be refused too.
  let spent: string | null = null;
  // An object, so that the closure's assignment is seen after the awaits.
  const auth: { refused: AuthError | null } = { refused: null };
  const one = async (action: Action) => {
    if (deps.signal?.aborted || spent) {
      summary.stopped ??= spent ?? INTERRUPTED;
      summary.writes.skipped += 1;
      return;
    }
    try {
      await deps.writer.apply(action);
      summary.writes.done[action.kind] += 1;
      deps.log.info({ target: describeTarget(action), kind: action.kind, reason: action.reason }, 'wrote');
    } catch (error) {
      if (error instanceof AuthError) {
        // Credentials refused (an installation token expiring mid-run): nothing more can be written.
        auth.refused ??= error;
        spent ??= error.message;
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      summary.writes.failed.push({ target: describeTarget(action), kind: action.kind, error: message });
      deps.log.error({ target: describeTarget(action), kind: action.kind, error: message }, 'write failed');
      if (isRateLimited(error)) {
        spent ??= message;
        summary.stopped ??= message;
      }
    }
  };
  const groups = new Map<string, Action[]>();
  for (const action of actions) {
    if (action.kind === 'create-label') {
      await one(action);
      continue;
    }
    const key = describeTarget(action);
    const group = groups.get(key) ?? [];
    group.push(action);
    groups.set(key, group);
  }
  const readStates = async (prs: string[]): Promise<Map<string, boolean>> => {
    const everyOpen = () => new Map(prs.map((pr): [string, boolean] => [pr, true]));
    if (!deps.pullRequestStates) return everyOpen();
    if (deps.signal?.aborted || spent) return everyOpen(); // each write is skipped by `one` anyway
    try {
      return await deps.pullRequestStates(prs);
    } catch (error) {
      if (error instanceof AuthError) {
        auth.refused ??= error;
        spent ??= error.message;
        return everyOpen();
      }
      if (!isBudgetStop(error)) throw error;
      deps.log.warn({ error: (error as Error).message }, 'could not confirm pull requests are still open');
      return new Map();
    }
  };
  const limit = pLimit(Math.max(1, pace.concurrency));
  const chunkSize = confirmChunk(pace.writeIntervalMs);
  const keys = [...groups.keys()];
  for (let i = 0; i < keys.length; i += chunkSize) {
    const chunk = keys.slice(i, i + chunkSize);
    // Writing takes time (a second a write on github.com): a pull request merged since it was
    // read is left alone, and one whose state cannot be read now is left for the next run.
    const states = await readStates(chunk);
    for (const key of chunk) {
      if (states.get(key) === false) {
        summary.pullRequests.closedMeanwhile += 1;
        deps.log.info({ pullRequest: key }, 'closed since it was read: not written');
      } else if (!states.has(key)) {
        summary.writes.skipped += groups.get(key)!.length;
        summary.stopped ??= 'could not confirm that pull requests read a while ago are still open: left for the next run';
      }
    }
    await Promise.all(
      chunk
        .filter((k) => states.get(k) === true)
        .map((k) =>
          limit(async () => {
            for (const action of groups.get(k)!) await one(action);
          }),
        ),
    );
  }
  if (auth.refused) {
    // Nothing written: a fatal authentication problem (exit 1). Some written: a partial run (exit 2).
    if (Object.values(summary.writes.done).every((n) => n === 0)) throw auth.refused;
    summary.stopped ??= auth.refused.message;
  }
}
