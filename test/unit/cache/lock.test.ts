import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../src/cache/lock.js';
import { LockedError } from '../../../src/errors.js';

let dir: string;
let cacheFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cla-lock-'));
  cacheFile = join(dir, 'sub', 'cache.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('acquireLock', () => {
  it('creates the lock beside the cache with pid, host and start time, and removes it on release', async () => {
    const lock = await acquireLock(cacheFile, { now: new Date('2026-03-01T10:00:00Z') });
    expect(lock.file).toBe(`${cacheFile}.lock`);
    expect(lock.replaced).toBeNull();
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), startedAt: '2026-03-01T10:00:00.000Z' });
    // No temporary file is left behind.
    expect(readdirSync(join(dir, 'sub'))).toEqual(['cache.json.lock']);
    await lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('refuses a second holder while the first is alive, naming it', async () => {
    const first = await acquireLock(cacheFile);
    const second = acquireLock(cacheFile);
    await expect(second).rejects.toBeInstanceOf(LockedError);
    await expect(second).rejects.toThrow(new RegExp(`pid ${process.pid} on ${hostname()}.*delete the lock file if that process is gone`));
    await first.release();
    await (await acquireLock(cacheFile)).release();
  });

  it('lets exactly one of several simultaneous runs take the lock', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(cacheFile)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof LockedError)).toBe(true);
  });

  it.each([
    ['a dead process on this host', () => JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: 'x' })],
    ['an empty file', () => ''],
    ['garbage', () => '{{{not json'],
    ['JSON of the wrong shape', () => JSON.stringify({ owner: 'someone' })],
  ])('takes over a lock left by %s', async (_case, content) => {
    await (await acquireLock(cacheFile)).release();
    const left = content();
    writeFileSync(`${cacheFile}.lock`, left);
    const lock = await acquireLock(cacheFile);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    // Who held it is reported when the lock said so.
    expect(lock.replaced).toEqual({ previous: left.startsWith('{"pid"') ? JSON.parse(left) : null });
    await lock.release();
  });

  it('does not take over a fresh lock from another host, whose processes it cannot see', async () => {
    await (await acquireLock(cacheFile)).release();
    writeFileSync(`${cacheFile}.lock`, JSON.stringify({ pid: deadPid(), host: 'elsewhere', startedAt: 'x' }));
    await expect(acquireLock(cacheFile)).rejects.toThrow(/on elsewhere.*taken over/);
  });

  it.each([
    ['another host (a killed Kubernetes pod: the next pod has another host name)', () => ({ pid: 1, host: 'pod-abc12' })],
    ['a live process on this host (its pid reused by another program)', () => ({ pid: process.ppid, host: hostname() })],
  ])('takes over a lock nobody has touched for longer than staleMs, held from %s', async (_case, holder) => {
    await (await acquireLock(cacheFile)).release();
    const file = `${cacheFile}.lock`;
    writeFileSync(file, JSON.stringify({ ...holder(), startedAt: 'x' }));
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(file, old, old);
    await expect(acquireLock(cacheFile, { staleMs: 15 * 60_000 })).rejects.toBeInstanceOf(LockedError);
    const lock = await acquireLock(cacheFile, { staleMs: 5 * 60_000 });
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).host).toBe(hostname());
    await lock.release();
  });

  it("takes over at once a lock with this process's pid that it does not hold (a container restarted as pid 1 again)", async () => {
    await (await acquireLock(cacheFile)).release();
    writeFileSync(`${cacheFile}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'x' }));
    const lock = await acquireLock(cacheFile, { staleMs: 15 * 60_000 });
    expect(lock.replaced).toEqual({ previous: { pid: process.pid, host: hostname(), startedAt: 'x' } });
    // Held now, by this process: a second acquisition is refused.
    await expect(acquireLock(cacheFile)).rejects.toBeInstanceOf(LockedError);
    await lock.release();
  });

  it('touches the lock while held, so that a long run is never taken for a stale one, and stops when released', async () => {
    const lock = await acquireLock(cacheFile, { heartbeatMs: 20 });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock.file, old, old);
    await new Promise((r) => setTimeout(r, 80));
    expect(Date.now() - statSync(lock.file).mtimeMs).toBeLessThan(1000);
    await lock.release();
    await new Promise((r) => setTimeout(r, 60));
    expect(existsSync(lock.file)).toBe(false);
  });
});
