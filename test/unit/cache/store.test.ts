import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_VERSION } from '../../../src/cache/schema.js';
import { CacheStore } from '../../../src/cache/store.js';
import type { HeadFacts } from '../../../src/checks/check.js';

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

const record = (headSha: string): HeadFacts => ({
  headSha,
  commitsRead: 2,
  commitsTotal: 2,
  facts: { cla: { identities: [{ login: 'alice', email: 'alice@example.org', name: 'Alice' }] } },
});

describe('CacheStore', () => {
  it('starts empty when there is no file, and saves what it was given', async () => {
    const store = await CacheStore.open(file, log());
    expect(store.knownRepositories()).toEqual([]);
    store.remember('Acme/Widgets', 3, record('abc'));
    await store.save();
    const again = await CacheStore.open(file, log());
    expect(again.head('acme/widgets', 3)).toMatchObject({ headSha: 'abc', commitsRead: 2 });
    expect(logged).toEqual([]);
  });

  it('forgets closed pull requests and remembers the open count', async () => {
    const store = await CacheStore.open(file, log());
    store.remember('acme/widgets', 1, record('a'));
    store.remember('acme/widgets', 2, record('b'));
    store.retainOpen('acme/widgets', [2, 5]);
    expect(store.head('acme/widgets', 1)).toBeUndefined();
    expect(store.head('acme/widgets', 2)?.headSha).toBe('b');
    expect(store.openCount('acme/widgets')).toBe(2);
    expect(store.knownHeads('acme/widgets')).toEqual(new Map([[2, 'b']]));
  });

  it.each([
    ['garbage', '\u0000\u0001 not json at all', 'not valid JSON'],
    ['a truncated file', '{"version":1,"repositories":{"acme/w', 'not valid JSON'],
    ['an older format (version 0)', JSON.stringify({ version: 0, pullRequests: { 'acme/w#1': 'abc' } }), 'older version of cla-sweeper (format 0)'],
    [
      'the format before per-check facts (version 1)',
      JSON.stringify({ version: 1, repositories: { 'acme/w': { openCount: 1, pullRequests: { 1: { headSha: 'a', identities: [], commitsRead: 1, commitsTotal: 1 } } } } }),
      'older version of cla-sweeper (format 1)',
    ],
    ['the right version in the wrong shape', JSON.stringify({ version: CACHE_VERSION, repositories: { 'acme/w': { pullRequests: 3 } } }), 'not in the expected shape'],
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
    store.remember('acme/w', 1, record('x'));
    await store.save();
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(CACHE_VERSION);
  });

  it('writes atomically: no temporary file is left, and the file is whole after every save', async () => {
    const store = await CacheStore.open(file, log());
    for (let i = 0; i < 20; i++) {
      store.remember('acme/w', i, record(`sha${i}`));
      // Saves that overlap, as a sweep's periodic saves may.
      await Promise.all([store.save(), store.save()]);
      expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).repositories['acme/w'].pullRequests)).toHaveLength(i + 1);
    }
    expect(readdirSync(join(dir, 'nested'))).toEqual(['cache.json']);
    expect(existsSync(`${file}.damaged`)).toBe(false);
  });
});
