// The lowdb store of what each pull request's head was made of. Writes are atomic (steno writes a
// temporary file and renames it), so a run killed at any instant leaves a readable cache.
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { HeadFacts } from '../checks/check.js';
import type { Logger } from '../log.js';
import type { SeenState } from '../reconcile/model.js';
import type { FactsCache, RepoMemory } from '../reconcile/ports.js';
import { CACHE_VERSION, CacheData, type CachedRepository, emptyCache } from './schema.js';
import { onCacheFile } from './writable.js';

const key = (repo: string) => repo.toLowerCase();

/** lowdb adapter that validates on read and reports a damaged file instead of failing. */
class ValidatingFile {
  private readonly text: TextFile;
  problem: string | null = null;

  constructor(readonly file: string) {
    this.text = new TextFile(file);
  }

  async read(): Promise<CacheData | null> {
    const raw = await this.text.read();
    if (raw === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.problem = 'not valid JSON';
      return null;
    }
    const parsed = CacheData.safeParse(json);
    if (!parsed.success) {
      const version = (json as { version?: unknown } | null)?.version;
      this.problem =
        typeof version === 'number' && version !== CACHE_VERSION
          ? `written by ${version < CACHE_VERSION ? 'an older' : 'a newer'} version of cla-sweeper (format ${version})`
          : 'not in the expected shape';
      return null;
    }
    return parsed.data;
  }

  async write(data: CacheData): Promise<void> {
    await this.text.write(JSON.stringify(data));
  }
}

export class CacheStore implements FactsCache {
  private constructor(
    private readonly db: Low<CacheData>,
    readonly file: string,
    /** Opened by a read-only command: what it learns stays in memory, nothing is written. */
    readonly readOnly = false,
  ) {}

  /**
   * Opens the cache; a missing file is an empty cache, a damaged one is set aside and rebuilt. A
   * directory that cannot be written (or a file that cannot be read) is a CacheError.
   */
  static async open(file: string, log: Logger): Promise<CacheStore> {
    const adapter = new ValidatingFile(file);
    const db = new Low<CacheData>(adapter, emptyCache());
    await onCacheFile(file, async () => {
      await mkdir(dirname(file), { recursive: true });
      await db.read();
    });
    if (adapter.problem) {
      const aside = `${file}.damaged`;
      await rename(file, aside).catch(() => undefined);
      log.warn({ file, problem: adapter.problem, movedTo: aside }, 'cache file unreadable: rebuilding it (this sweep reads every commit again)');
      db.data = emptyCache();
    }
    return new CacheStore(db, file);
  }

  /**
   * Opens the cache for a read-only command (`report`): no directory is made, a damaged file is
   * left where it is, and `save` writes nothing. No lock is needed either: the file is replaced
   * atomically, so it reads whole even while a sweep writes it.
   */
  static async openReadOnly(file: string, log: Logger): Promise<CacheStore> {
    const adapter = new ValidatingFile(file);
    const db = new Low<CacheData>(adapter, emptyCache());
    await db.read().catch((error: NodeJS.ErrnoException) => {
      log.warn({ file, error: error.code ?? error.message }, 'cache file unreadable: reading every commit from GitHub instead');
    });
    if (adapter.problem) {
      log.warn({ file, problem: adapter.problem }, 'cache file unreadable: reading every commit from GitHub instead');
      db.data = emptyCache();
    }
    return new CacheStore(db, file, true);
  }


  repository(repo: string): CachedRepository | undefined {
    return this.db.data.repositories[key(repo)];
  }

  head(repo: string, number: number): HeadFacts | undefined {
    return this.repository(repo)?.pullRequests[String(number)]?.head;
  }

  remember(repo: string, number: number, head: HeadFacts): void {
    const pr = this.ensurePullRequest(repo, number);
    pr.head = { headSha: head.headSha, commitsRead: head.commitsRead, commitsTotal: head.commitsTotal, facts: head.facts };
  }

  seen(repo: string, number: number): SeenState | undefined {
    return this.repository(repo)?.pullRequests[String(number)]?.seen;
  }

  rememberSeen(repo: string, number: number, seen: SeenState): void {
    this.ensurePullRequest(repo, number).seen = seen;
  }

  pullRequestNumbers(repo: string): number[] {
    return Object.keys(this.repository(repo)?.pullRequests ?? {}).map(Number);
  }

  repoMemory(repo: string): RepoMemory {
    const r = this.repository(repo);
    return { watermark: r?.seenUpTo ?? null, existingLabels: r?.existingLabels ?? null };
  }

  rememberRepo(repo: string, memory: Partial<RepoMemory>): void {
    const r = this.ensure(repo);
    if (memory.watermark !== undefined) {
      if (memory.watermark === null) delete r.seenUpTo;
      else r.seenUpTo = memory.watermark;
    }
    if (memory.existingLabels !== undefined) {
      if (memory.existingLabels === null) delete r.existingLabels;
      else r.existingLabels = memory.existingLabels;
    }
  }

  lastRescan(): number | null {
    return this.db.data.lastRescan ?? null;
  }

  rememberRescan(startedAt: number): void {
    this.db.data.lastRescan = startedAt;
  }

  openCount(repo: string): number | null {
    return this.repository(repo)?.openCount ?? null;
  }

  knownHeads(repo: string): Map<number, string> {
    const heads = new Map<number, string>();
    for (const [n, pr] of Object.entries(this.repository(repo)?.pullRequests ?? {})) if (pr.head) heads.set(Number(n), pr.head.headSha);
    return heads;
  }

  /** After a complete listing: remember the count and forget pull requests that are no longer open. */
  retainOpen(repo: string, openNumbers: number[]): void {
    const r = this.ensure(repo);
    r.openCount = openNumbers.length;
    const open = new Set(openNumbers.map(String));
    for (const n of Object.keys(r.pullRequests)) {
      if (!open.has(n)) delete r.pullRequests[n];
    }
  }

  forget(repo: string): void {
    delete this.db.data.repositories[key(repo)];
  }

  knownRepositories(): string[] {
    return Object.keys(this.db.data.repositories);
  }

  knownLabels(repo: string): string[] {
    return this.repository(repo)?.learntLabels ?? [];
  }

  rememberLabel(repo: string, name: string): void {
    const r = this.ensure(repo);
    const others = (r.learntLabels ?? []).filter((l) => l.toLowerCase() !== name.toLowerCase());
    r.learntLabels = [...others, name];
  }

  async save(): Promise<void> {
    if (this.readOnly) return;
    await onCacheFile(this.file, () => this.db.write());
  }

  private ensurePullRequest(repo: string, number: number) {
    const r = this.ensure(repo);
    r.pullRequests[String(number)] ??= {};
    return r.pullRequests[String(number)]!;
  }

  private ensure(repo: string): CachedRepository {
    const k = key(repo);
    this.db.data.repositories[k] ??= { openCount: 0, pullRequests: {} };
    return this.db.data.repositories[k];
  }
}
