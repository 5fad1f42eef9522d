import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheStore } from '../../../src/cache/store.js';
import type { AuthorsRecord } from '../../../src/reconcile/model.js';

let dir: string;
let file: string;
let logged: { msg: string; problem?: string; movedTo?: string }[];
const log = () =>
  pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cla-cache-'));
  file = join(dir, 'nested', 'cache.json');
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (headSha: string): AuthorsRecord => ({
  headSha,
  identities: [{ login: 'alice', email: 'alice@example.org', name: 'Alice' }] as AuthorsRecord['identities'],
  commitsRead: 2,
  commitsTotal: 2,
});

describe('CacheStore', () => {
  it('starts empty when there is no file, and saves what it was given', async () => {
    const store = await CacheStore.open(file, log());
    expect(store.knownRepositories()).toEqual([]);
    store.put('Acme/Widgets', 3, record('abc'));
    await store.save();
    const again = await CacheStore.open(file, log());
    expect(again.get('acme/widgets', 3)).toMatchObject({ headSha: 'abc', commitsRead: 2 });
    expect(logged).toEqual([]);
  });

  it('forgets closed pull requests and remembers the open count', async () => {
    const store = await CacheStore.open(file, log());
    store.put('acme/widgets', 1, record('a'));
    store.put('acme/widgets', 2, record('b'));
    store.retainOpen('acme/widgets', [2, 5]);
    expect(store.get('acme/widgets', 1)).toBeUndefined();
    expect(store.get('acme/widgets', 2)?.headSha).toBe('b');
    expect(store.repository('acme/widgets')?.openCount).toBe(2);
  });

  it.each([
    ['garbage', '\u0000\u0001 not json at all', 'not valid JSON'],
    ['a truncated file', '{"version":1,"repositories":{"acme/w', 'not valid JSON'],
    ['an older format (version 0)', JSON.stringify({ version: 0, pullRequests: { 'acme/w#1': 'abc' } }), 'older version of cla-sweeper (format 0)'],
    ['the right version in the wrong shape', JSON.stringify({ version: 1, repositories: { 'acme/w': { pullRequests: 3 } } }), 'not in the expected shape'],
    ['JSON that is not an object', '[1, 2, 3]', 'not in the expected shape'],
    ['null', 'null', 'not in the expected shape'],
  ])('rebuilds a cache file of %s, with a warning, keeping the bad file aside', async (_case, content, problem) => {
    const first = await CacheStore.open(file, log());
    await first.save();
    writeFileSync(file, content);
    const store = await CacheStore.open(file, log());
    expect(store.knownRepositories()).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: expect.stringContaining('rebuilding'), problem: expect.stringContaining(problem) });
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe(content);
    store.put('acme/w', 1, record('x'));
    await store.save();
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });

  it('writes atomically: no temporary file is left, and the file is whole after every save', async () => {
    const store = await CacheStore.open(file, log());
    for (let i = 0; i < 20; i++) {
      store.put('acme/w', i, record(`sha${i}`));
      // Saves that overlap, as a sweep's periodic saves may.
      await Promise.all([store.save(), store.save()]);
      expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).repositories['acme/w'].pullRequests)).toHaveLength(i + 1);
    }
    expect(readdirSync(join(dir, 'nested'))).toEqual(['cache.json']);
    expect(existsSync(`${file}.damaged`)).toBe(false);
  });
});
