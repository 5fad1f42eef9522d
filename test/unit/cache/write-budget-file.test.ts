// The write budget file beside the cache: its file system errors are the reader's words, never
// "unexpected error"; a save that fails while writing is a warning, not the end of the run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FileWriteBudget } from '../../../src/cache/write-budget-file.js';
import { CacheError } from '../../../src/errors.js';
import type { Logger } from '../../../src/log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cla-sweeper-budget-'));
  dirs.push(d);
  return d;
}
function capturing(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) }) as unknown as Logger;
  return { log, lines };
}

describe('FileWriteBudget', () => {
  it('keeps the writes of the hour across runs', async () => {
    const path = join(tempDir(), 'cache.write-budget.json');
    const { log } = capturing();
    const first = await FileWriteBudget.open(path, 10, log, () => 60_000);
    expect(first.take(4, 60_000)).toEqual({ ok: true });
    await first.save();
    const second = await FileWriteBudget.open(path, 10, log, () => 120_000);
    expect(second.remaining(120_000)).toBe(6);
  });

  it('a path whose directory is a file: a CacheError naming the path, before anything is written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state'), 'a file, not a directory');
    const path = join(dir, 'state', 'cache.write-budget.json');
    const error = await FileWriteBudget.open(path, 10, capturing().log, () => 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheError);
    expect((error as Error).message).toContain(path);
  });

  it('a save that fails (the path became a directory) is logged as a warning and does not throw', async () => {
    const path = join(tempDir(), 'cache.write-budget.json');
    const { log, lines } = capturing();
    const budget = await FileWriteBudget.open(path, 10, log, () => 0);
    budget.take(1, 0);
    mkdirSync(path);
    await expect(budget.save()).resolves.toBeUndefined();
    expect(lines).toEqual([expect.objectContaining({ file: path, msg: expect.stringContaining('write budget file not saved') })]);
  });
});
