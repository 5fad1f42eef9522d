// Whether the cache (cache.file) can live where the configuration puts it: a sweep that cannot
// save what it read would read it all again next time and cannot hold its lock, so it stops
// before any GitHub call; `validate`, which may run elsewhere, only warns.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CacheError } from '../errors.js';

type FsError = NodeJS.ErrnoException;

/** What the process runs as, for "who needs the permission". */
function runningAs(): string {
  const uid = process.getuid?.();
  return uid === undefined ? 'the user running cla-sweeper' : `the user running cla-sweeper (uid ${uid})`;
}

async function describeOwner(dir: string): Promise<string> {
  const s = await stat(dir).catch(() => null);
  return s ? ` (owner uid ${s.uid}, mode ${(s.mode & 0o777).toString(8)})` : '';
}

function denied(code: string, dir: string): string {
  return `permission denied (${code}); ${runningAs()} needs write permission on ${dir}`;
}

const FIX = 'set cache.file to a path on a writable volume, or make the directory writable';

/** The reader's words for a file system error on the cache, its directory or its lock file. */
export async function cacheFailure(file: string, error: unknown): Promise<CacheError | null> {
  const e = error as FsError;
  if (!(error instanceof Error) || typeof e.code !== 'string') return null;
  const path = e.path ?? dirname(file);
  switch (e.code) {
    case 'EACCES':
    case 'EPERM': {
      if (path === file && e.syscall === 'open') {
        return new CacheError(file, `cannot read ${file}: permission denied (${e.code}); ${runningAs()} needs read and write permission on it${await describeOwner(file)}`, {
          cause: error,
        });
      }
      // The directory is what needs the permission; the file being created (a temporary one) is a detail.
      const dir = e.syscall === 'mkdir' ? dirname(path) : dirname(path === dirname(file) ? `${path}/x` : path);
      return new CacheError(file, `cannot write in ${dir}: ${denied(e.code, dir)}${await describeOwner(dir)}; ${FIX}`, { cause: error });
    }
    case 'EROFS':
      return new CacheError(file, `cannot write in ${dirname(path)}: the file system is read-only (EROFS); ${FIX}`, { cause: error });
    case 'ENOTDIR':
    case 'EEXIST':
      return new CacheError(file, `cannot create the directory ${dirname(file)}: part of that path is a file, not a directory (${e.code}); ${FIX}`, {
        cause: error,
      });
    case 'EISDIR':
      return new CacheError(file, `is a directory: cache.file names the cache file itself, e.g. ${file}/cache.json`, { cause: error });
    case 'ENOSPC':
    case 'EDQUOT':
      return new CacheError(file, `cannot write ${path}: no space left on the device (${e.code})`, { cause: error });
    default:
      return new CacheError(file, `cannot write ${path} (${e.code})`, { cause: error });
  }
}

/** Runs a file system step on the cache, turning its errors into CacheErrors. */
export async function onCacheFile<T>(file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw (await cacheFailure(file, error)) ?? error;
  }
}

/**
 * Why the cache could not be written, without writing anything (for `validate`): the nearest
 * existing directory on its path must be writable. Null when it looks fine.
 */
export async function cacheWriteProblem(file: string): Promise<string | null> {
  let dir = dirname(file);
  for (;;) {
    const s = await stat(dir).catch((error: FsError) => error);
    if (!(s instanceof Error)) {
      if (!s.isDirectory()) return `${dir} is a file, not a directory: ${FIX}`;
      break;
    }
    if (s.code !== 'ENOENT') return `${dir} cannot be read (${s.code})`;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    await access(dir, constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as FsError).code ?? 'error';
    if (code === 'EROFS') return `cannot write in ${dir}: the file system is read-only (EROFS); ${FIX}`;
    return `cannot write in ${dir}: ${denied(code, dir)}${await describeOwner(dir)}; ${FIX}`;
  }
}
