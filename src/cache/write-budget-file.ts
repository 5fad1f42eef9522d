// The write budget kept beside the cache: a small JSON file of the writes made in each minute of
// the last hour, written atomically (steno: a temporary file renamed over the old one), so that a
// second run within the hour does not spend the budget again. The cache lock guarantees one run
// at a time.
import { mkdir, rename } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { WriteBudget, WriteGrant } from '../reconcile/ports.js';
import { RollingWriteBudget } from '../reconcile/write-budget.js';
import { cacheFailure, onCacheFile } from './writable.js';

const BudgetFile = z.object({
  version: z.literal(1),
  /** [minute since the epoch, writes made in it], for the last hour. */
  writes: z.array(z.tuple([z.number().int(), z.number().int().nonnegative()])),
});

/**
 * Where the budget of a cache file lives: beside it, `cache.json` → `cache.write-budget.json`. One
 * per cache file, so that its lock covers it: shards, each with its own cache, each keep their own
 * (and are given their share of the token's budget).
 */
export function writeBudgetFile(cacheFile: string): string {
  const ext = extname(cacheFile);
  return join(dirname(cacheFile), `${basename(cacheFile, ext)}.write-budget.json`);
}

export class FileWriteBudget implements WriteBudget {
  private constructor(
    private readonly file: TextFile,
    private readonly rolling: RollingWriteBudget,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly path: string,
  ) {}

  /**
   * Opens the budget of `limit` writes an hour. A damaged file is set aside and the budget starts
   * full: GitHub's own limit remains the backstop. A file that cannot be read or created is a
   * CacheError naming it (it lives beside the cache, on the same volume), before anything is written.
   */
  static async open(path: string, limit: number, log: Logger, now: () => number): Promise<FileWriteBudget> {
    const file = new TextFile(path);
    const raw = await onCacheFile(path, async () => {
      await mkdir(dirname(path), { recursive: true });
      return file.read();
    });
    let ledger: [number, number][] = [];
    if (raw !== null) {
      let parsed: z.ZodSafeParseResult<z.infer<typeof BudgetFile>> | null = null;
      try {
        parsed = BudgetFile.safeParse(JSON.parse(raw));
      } catch {
        parsed = null;
      }
      if (parsed?.success) ledger = parsed.data.writes;
      else {
        await rename(path, `${path}.damaged`).catch(() => undefined);
        log.warn({ file: path, movedTo: `${path}.damaged` }, 'write budget file unreadable: starting a new one (the writes of the last hour are not known)');
      }
    }
    return new FileWriteBudget(file, new RollingWriteBudget(limit, ledger), now, log, path);
  }

  /** The budget kept beside `cacheFile` (writeBudgetFile), by the clock. */
  static beside(cacheFile: string, limit: number, log: Logger): Promise<FileWriteBudget> {
    return FileWriteBudget.open(writeBudgetFile(cacheFile), limit, log, Date.now);
  }

  take(writes: number, now: number): WriteGrant {
    return this.rolling.take(writes, now);
  }

  remaining(now: number): number {
    return this.rolling.remaining(now);
  }

  /**
   * Records the writes of the last hour. Called while writing, so a failure (a full disk) is a
   * warning, not the end of the run: the writes already made stand, and GitHub's own limit remains
   * the backstop for the next run, which knows fewer of them.
   */
  async save(): Promise<void> {
    try {
      await this.file.write(JSON.stringify({ version: 1, writes: this.rolling.ledger(this.now()) }));
    } catch (error) {
      const problem = await cacheFailure(this.path, error);
      this.log.warn({ file: this.path, error: problem?.message ?? String(error) }, 'write budget file not saved: the next run may not know all the writes of this hour');
    }
  }
}
