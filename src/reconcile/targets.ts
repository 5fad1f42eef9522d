// Which repositories a sweep covers: the configured names and `owner/*` expansions, minus
// `exclude` and archived ones, restricted by `--repo`.
import { ConfigError, GitHubError, isBudgetStop } from '../errors.js';
import { knownUpdates, sinceOf } from './memory.js';
import type { FactsCache, GitHubReads, ListTarget, RepoInfo } from './ports.js';
import type { ReadEvent } from './read.js';
import type { SweepSummary } from './summary.js';
import { inShard, type Shard } from './shard.js';

export interface Target {
  repo: string;
  /** Open pull requests when known (from an owner listing or a count query). */
  openCount: number | null;
}

export interface TargetResolution {
  targets: Target[];
  /** Archived repositories named explicitly: GitHub refuses writes to them. */
  archived: string[];
  /** Owners or repositories that could not be read. */
  failures: { repo: string; error: GitHubError }[];
}

const lower = (s: string) => s.toLowerCase();

/** Whether `repo` is covered by a configured entry (`owner/name` or `owner/*`). */
export function isConfigured(repo: string, configured: string[]): boolean {
  const [owner] = repo.split('/');
  return configured.some((c) => lower(c) === lower(repo) || (c.endsWith('/*') && lower(c.slice(0, -2)) === lower(owner ?? '')));
}

/** Which repositories the configuration and the command line select. */
export interface Selection {
  repositories: string[];
  exclude: string[];
  /** `--repo`: restrict to these configured repositories. */
  only: string[];
  configFile: string;
  /** `--shard I/N`: only the repositories in this share. */
  shard?: Shard | null;
}

export async function resolveTargets(
  reader: Pick<GitHubReads, 'listOwnerRepositories' | 'describeRepositories'>,
  opts: Selection,
  /** Repositories the cache knows (lower-cased): no count query is needed for them. */
  known: Set<string>,
): Promise<TargetResolution> {
  const excluded = new Set(opts.exclude.map(lower));
  for (const r of opts.only) {
    if (!isConfigured(r, opts.repositories)) {
      throw new ConfigError(opts.configFile, 'repositories', `--repo ${r} is not a configured repository; cla-sweeper never writes to one that is not`);
    }
    if (excluded.has(lower(r))) {
      throw new ConfigError(opts.configFile, 'exclude', `--repo ${r} is excluded by the configuration`);
    }
  }
  const wanted = (repo: string) =>
    !excluded.has(lower(repo)) &&
    (opts.only.length === 0 || opts.only.some((o) => lower(o) === lower(repo))) &&
    (!opts.shard || inShard(repo, opts.shard));

  const out: TargetResolution = { targets: [], archived: [], failures: [] };
  const seen = new Set<string>();
  const add = (t: Target) => {
    if (seen.has(lower(t.repo))) return;
    seen.add(lower(t.repo));
    out.targets.push(t);
  };

  const explicit: string[] = [];
  for (const entry of opts.repositories) {
    if (!entry.endsWith('/*')) {
      if (wanted(entry)) explicit.push(entry);
      continue;
    }
    const owner = entry.slice(0, -2);
    if (opts.only.length > 0 && !opts.only.some((o) => lower(o.split('/')[0] ?? '') === lower(owner))) continue;
    let repos: RepoInfo[];
    try {
      repos = await reader.listOwnerRepositories(owner);
    } catch (error) {
      if (!(error instanceof GitHubError) || isBudgetStop(error)) throw error;
      out.failures.push({ repo: entry, error });
      continue;
    }
    for (const r of repos) {
      if (!r.isArchived && wanted(r.repo)) add({ repo: r.repo, openCount: r.openCount });
    }
  }

  const unknown = explicit.filter((r) => !known.has(lower(r)));
  const described = unknown.length > 0 ? await reader.describeRepositories(unknown) : new Map();
  for (const repo of explicit) {
    const info = described.get(repo);
    if (info instanceof GitHubError) out.failures.push({ repo, error: info });
    else if (info?.isArchived) out.archived.push(repo);
    else add({ repo, openCount: info?.openCount ?? null });
  }
  return out;
}

/**
 * `--offboard`: a repository that has left the configuration. One still covered by it would get
 * its labels back on the next sweep, so it is refused.
 */
export function offboardTarget(repo: string, opts: Selection): TargetResolution {
  const excluded = opts.exclude.some((e) => lower(e) === lower(repo));
  if (isConfigured(repo, opts.repositories) && !excluded) {
    throw new ConfigError(
      opts.configFile,
      'repositories',
      `--offboard ${repo}: the repository is still configured; remove it from "repositories" (or add it to "exclude") first, or the next sweep puts the labels back`,
    );
  }
  return { targets: [{ repo, openCount: null }], archived: [], failures: [] };
}

/** The repositories to read, with what the cache knows of each; failures and archived ones recorded. */
export async function listTargets(
  opts: { selection: Selection; offboard: string | null },
  rescan: boolean,
  deps: { github: Pick<GitHubReads, 'listOwnerRepositories' | 'describeRepositories'>; cache: FactsCache },
  record: (event: ReadEvent) => void,
  summary: SweepSummary,
): Promise<ListTarget[]> {
  let resolution: TargetResolution = { targets: [], archived: [], failures: [] };
  try {
    resolution = opts.offboard
      ? offboardTarget(opts.offboard, opts.selection)
      : await resolveTargets(deps.github, opts.selection, new Set(deps.cache.knownRepositories()));
  } catch (error) {
    if (!isBudgetStop(error)) throw error;
    summary.stopped = error.message;
  }
  for (const repo of resolution.archived) record({ kind: 'archived', repo });
  for (const { repo, error } of resolution.failures) record({ kind: 'failed', repo, error });
  summary.repositories.selected = resolution.targets.length + resolution.failures.length + resolution.archived.length;
  return resolution.targets.map((t) => {
    const watermark = rescan ? null : deps.cache.repoMemory(t.repo).watermark;
    return {
      repo: t.repo,
      expectedOpen: t.openCount ?? deps.cache.openCount(t.repo),
      knownHeads: deps.cache.knownHeads(t.repo),
      readAllPublished: opts.offboard !== null,
      // Quick: only what changed since the repository was last fully known; a new one is read in full.
      ...(watermark ? { since: sinceOf(watermark), watermark, knownUpdates: knownUpdates(deps.cache, t.repo) } : {}),
    };
  });
}
