// One run at a time: a lock file beside the cache holding the owner's pid and host, touched every
// so often while the run lasts. A lock is taken over when its process is gone from this host, or
// when nobody has touched it for a while (a run killed on another host or in another container:
// a Kubernetes Job's pod has a new host name every time).
import { link, mkdir, open, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { LockedError } from '../errors.js';
import type { Logger } from '../log.js';
import { onCacheFile } from './writable.js';

export interface Lock {
  file: string;
  /** Set when this lock replaced a stale one (a run that was killed, most likely): who held it, when readable. */
  replaced: { previous: LockInfo | null } | null;
  release(): Promise<void>;
}

export interface LockOptions {
  now?: Date;
  /** A lock untouched for this long is stale whoever holds it. */
  staleMs?: number;
  /** How often the holder touches the lock. */
  heartbeatMs?: number;
}

export const LOCK_STALE_MS = 5 * 60_000;
const HEARTBEAT_MS = 30_000;

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Lock files this process holds. A lock naming this process's pid on this host that is not among
 * them was left by an earlier process that had the same pid: a container restarted in the same
 * pod runs as pid 1 again, with the same host name and the volume that kept the lock.
 */
const heldHere = new Set<string>();

/** Throws LockedError when another run holds it, CacheError when the directory cannot be written. */
export function acquireLock(cacheFile: string, opts: LockOptions = {}): Promise<Lock> {
  return onCacheFile(cacheFile, () => acquire(cacheFile, opts));
}

async function acquire(cacheFile: string, opts: LockOptions): Promise<Lock> {
  const file = `${cacheFile}.lock`;
  const staleMs = opts.staleMs ?? LOCK_STALE_MS;
  await mkdir(dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: (opts.now ?? new Date()).toISOString() };
  let replaced: Lock['replaced'] = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await create(file, JSON.stringify(info))) return held(file, opts.heartbeatMs ?? HEARTBEAT_MS, replaced);
    const text = await readFile(file, 'utf8').catch(() => null);
    const holder = parse(text);
    const idleMs = await stat(file).then(
      (s) => Date.now() - s.mtimeMs,
      () => Number.POSITIVE_INFINITY,
    );
    const ours = holder !== null && holder.pid === process.pid;
    const gone = holder !== null && holder.host === info.host && (ours ? !heldHere.has(file) : !alive(holder.pid));
    if (holder && !gone && idleMs < staleMs) {
      throw new LockedError(
        `another cla-sweeper run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}, active ${Math.round(idleMs / 1000)} s ago) holds ${file}; ` +
          `wait for it to finish (a lock left untouched for ${Math.round(staleMs / 60_000)} minutes is taken over), or delete the lock file if that process is gone`,
      );
    }
    // Stale or unreadable: take it over, unless another run has replaced it in the meantime.
    replaced = { previous: holder };
    if ((await readFile(file, 'utf8').catch(() => null)) === text) await rm(file, { force: true });
  }
  throw new LockedError(`could not take the lock ${file}: another run took it at the same moment`);
}

/** A held lock: touched every `heartbeatMs` so that others see it is alive, until released. */
function held(file: string, heartbeatMs: number, replaced: Lock['replaced']): Lock {
  heldHere.add(file);
  const timer = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
  }, heartbeatMs);
  // The heartbeat must not keep a finished process alive.
  timer.unref();
  return {
    file,
    replaced,
    release: async () => {
      clearInterval(timer);
      heldHere.delete(file);
      await rm(file, { force: true });
    },
  };
}

/**
 * Creates the lock file with its content in one step (a hard link of a complete temporary
 * file), so that no other run ever reads a half-written lock; false when it exists already.
 */
async function create(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    // A file system without hard links: exclusive create, then write.
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(content);
      await handle.close();
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    await rm(temp, { force: true });
  }
}

function parse(text: string | null): LockInfo | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as LockInfo;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** Takes the lock, logging when it took over one a run left behind (killed, most likely). */
export async function acquireLockLogged(cacheFile: string, log: Pick<Logger, 'warn'>): Promise<Lock> {
  const lock = await acquireLock(cacheFile);
  if (lock.replaced) {
    log.warn({ lock: lock.file, previous: lock.replaced.previous }, 'took over a stale lock: the previous run ended without releasing it (killed?)');
  }
  return lock;
}
