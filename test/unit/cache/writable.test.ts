// Cache file problems in the reader's words: cache.file, the path, what is wrong and what to do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../src/cache/lock.js';
import { CacheStore } from '../../../src/cache/store.js';
import { cacheFailure, cacheWriteProblem } from '../../../src/cache/writable.js';
import { CacheError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';

const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-writable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fsError = (code: string, syscall: string, path?: string) => Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, path });

describe('cacheFailure', () => {
  it.each([
    [fsError('EACCES', 'open', '/c/state/cache.json.lock.42.tmp'), 'cache.file /c/state/cache.json: cannot write in /c/state: permission denied (EACCES); the user running cla-sweeper'],
    [fsError('EACCES', 'mkdir', '/c/state'), 'cache.file /c/state/cache.json: cannot write in /c: permission denied (EACCES)'],
    [fsError('EACCES', 'open', '/c/state/cache.json'), 'cache.file /c/state/cache.json: cannot read /c/state/cache.json: permission denied (EACCES)'],
    [fsError('EROFS', 'open', '/c/state/cache.json.lock.42.tmp'), 'cache.file /c/state/cache.json: cannot write in /c/state: the file system is read-only (EROFS)'],
    [fsError('ENOSPC', 'write', '/c/state/.cache.json.tmp'), 'no space left on the device (ENOSPC)'],
    [fsError('EISDIR', 'read'), 'cache.file /c/state/cache.json: is a directory: cache.file names the cache file itself'],
  ])('%s', async (error, message) => {
    const failure = await cacheFailure('/c/state/cache.json', error);
    expect(failure).toBeInstanceOf(CacheError);
    expect(failure?.message).toContain(message);
  });

  it('leaves errors that are not the file system alone', async () => {
    expect(await cacheFailure('/c/cache.json', new Error('other'))).toBeNull();
  });
});

describe('the lock and the store report CacheErrors', () => {
  it('when the cache directory is a file', async () => {
    writeFileSync(join(dir, 'plain'), '');
    const file = join(dir, 'plain/cache.json');
    await expect(acquireLock(file)).rejects.toThrow(`cache.file ${file}: cannot create the directory ${join(dir, 'plain')}: part of that path is a file`);
    await expect(CacheStore.open(file, silentLogger())).rejects.toBeInstanceOf(CacheError);
    expect(await cacheWriteProblem(file)).toContain(`${join(dir, 'plain')} is a file, not a directory`);
  });

  it('when cache.file names a directory', async () => {
    mkdirSync(join(dir, 'adir'));
    await expect(CacheStore.open(join(dir, 'adir'), silentLogger())).rejects.toThrow('is a directory: cache.file names the cache file itself');
  });

  it('not when the directory is writable', async () => {
    expect(await cacheWriteProblem(join(dir, 'new/deeper/cache.json'))).toBeNull();
  });
});
