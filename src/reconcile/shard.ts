// `--shard I/N`: which share of the repositories one run sweeps. A repository's share depends on
// its own name and N only, so N runs cover every repository exactly once and adding or removing a
// repository never moves another one to a different share.
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';

export interface Shard {
  /** 0 ≤ index < count. */
  index: number;
  count: number;
}

export type ShardParse = { ok: true; shard: Shard } | { ok: false; problem: string };

/** The largest N accepted: far beyond any sensible deployment, small enough to catch a typo. */
export const MAX_SHARDS = 1000;

const FORMAT = 'expected I/N with 0 ≤ I < N (for example 0/4 for the first of four shards)';

export function parseShard(text: string): ShardParse {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return { ok: false, problem: `"${text}": ${FORMAT}` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return { ok: false, problem: `"${text}": N must be between 1 and ${MAX_SHARDS}` };
  if (index >= count) {
    return { ok: false, problem: `"${text}": shard ${index} does not exist among ${count} shards, numbered 0 to ${count - 1}` };
  }
  return { ok: true, shard: { index, count } };
}

/**
 * The share of `repo` ("owner/name", any case) among `count`: the first 48 bits of the SHA-256 of
 * the lower-cased name, modulo `count`. GitHub compares owner and repository names without regard
 * to case, so "Acme/Widgets" and "acme/widgets" are one repository and land in one share.
 */
export function shardOf(repo: string, count: number): number {
  const digest = createHash('sha256').update(repo.toLowerCase()).digest();
  return digest.readUIntBE(0, 6) % count;
}

export function inShard(repo: string, shard: Shard): boolean {
  return shardOf(repo, shard.count) === shard.index;
}

/** The repositories of `repos` in `shard` (all of them without one), in their order. */
export function selectShard<T extends { repo: string }>(repos: T[], shard: Shard | null): T[] {
  return shard ? repos.filter((r) => inShard(r.repo, shard)) : repos;
}

/**
 * Each shard keeps its own cache (and lock) beside the configured one: `cache.json` becomes
 * `cache.shard-1-of-4.json`, so shards sharing a configuration and a volume never wait for one
 * another's lock, and a change of N starts new caches rather than reading stale ones.
 */
export function shardCacheFile(cacheFile: string, shard: Shard | null): string {
  if (!shard) return cacheFile;
  const ext = extname(cacheFile);
  const stem = basename(cacheFile, ext);
  return join(dirname(cacheFile), `${stem}.shard-${shard.index}-of-${shard.count}${ext}`);
}
