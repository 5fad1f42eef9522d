// One run at a time: a lock file beside the cache holding the owner's pid and host. A lock left by
// a process that no longer exists on this host is taken over.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { LockedError } from '../errors.js';

export interface Lock {
  file: string;
  release(): Promise<void>;
}

interface LockInfo {
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

export async function acquireLock(cacheFile: string, now: Date = new Date()): Promise<Lock> {
  const file = `${cacheFile}.lock`;
  await mkdir(dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(info));
      await handle.close();
      return { file, release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(file);
      if (holder && (holder.host !== info.host || alive(holder.pid))) {
        throw new LockedError(
          `another cla-sweeper run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) holds ${file}; ` +
            'wait for it to finish, or delete the lock file if that process is gone',
        );
      }
      // Stale (dead owner on this host) or unreadable: take it over.
      await rm(file, { force: true });
    }
  }
  throw new LockedError(`could not take the lock ${file}: another run took it at the same moment`);
}

async function readHolder(file: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as LockInfo;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}
