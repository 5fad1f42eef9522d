// One run at a time (issue 4, point 6): a second sweep while one holds the lock exits 1 at once
// with a clear message; a lock left by a dead process is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../src/cache/lock.js';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, configFor, runCaptured, writes } from './support.js';

let h: Harness;
beforeEach(async () => {
  const { world, names } = bigWorld(1, 3);
  h = await harness(world, { config: configFor(names) });
});
afterEach(async () => {
  await h.close();
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeLock(info: { pid: number; host: string }): string {
  const file = `${h.cacheFile}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...info, startedAt: '2026-01-01T00:00:00.000Z' }));
  return file;
}

describe('the cache lock', () => {
  it('makes a second sweep exit 1 at once, before any GitHub request, saying who holds it', async () => {
    const lock = await acquireLock(h.cacheFile);
    try {
      const started = performance.now();
      const r = await runCaptured(h, {}, 'sweep');
      expect(r.code).toBe(1);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(r.stderr).toContain(`another cla-sweeper run (pid ${process.pid}`);
      expect(r.stderr).toContain('.lock');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(h.sim.counters.log).toHaveLength(0);
    } finally {
      await lock.release();
    }
    expect((await h.run('sweep')).code).toBe(0);
  });

  it('refuses a lock held from another host, whose process it cannot see', async () => {
    writeLock({ pid: process.pid, host: `not-${hostname()}` });
    const r = await runCaptured(h, {}, 'sweep');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`on not-${hostname()}`);
    expect(writes(h.sim)).toBe(0);
  });

  it.each([
    ['a dead process on this host', () => writeLock({ pid: deadPid(), host: hostname() })],
    ['a lock file that is not JSON', () => writeLock({ pid: 0, host: '' }) && writeFileSync(`${h.cacheFile}.lock`, '\0\0garbage')],
    [
      'a run killed on another host six minutes ago (the lock was not touched since)',
      () => {
        const file = writeLock({ pid: 4242, host: 'cla-sweeper-28791230-x7k2p' });
        const then = new Date(Date.now() - 6 * 60_000);
        utimesSync(file, then, then);
      },
    ],
  ])('takes over a stale lock left by %s, and releases it afterwards', async (_case, leave) => {
    leave();
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('took over a stale lock');
    expect(writes(h.sim)).toBeGreaterThan(0);
    expect(existsSync(`${h.cacheFile}.lock`)).toBe(false);
  });

  it('is released when a sweep fails', async () => {
    const r = await runCaptured(h, { token: 'refused' }, 'sweep');
    expect(r.code).toBe(1);
    expect(existsSync(`${h.cacheFile}.lock`)).toBe(false);
    expect((await h.run('sweep')).code).toBe(0);
  });
});
