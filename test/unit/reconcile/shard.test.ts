import { describe, expect, it } from 'vitest';
import { parseShard, selectShard, shardCacheFile, shardOf } from '../../../src/reconcile/shard.js';

const repos = (n: number, prefix = 'org') => Array.from({ length: n }, (_, i) => ({ repo: `${prefix}${i % 7}/repo-${i}` }));
const names = (rs: { repo: string }[]) => rs.map((r) => r.repo);

describe('parseShard', () => {
  it.each([
    ['0/1', 0, 1],
    ['0/4', 0, 4],
    ['3/4', 3, 4],
    [' 2 / 5 ', 2, 5],
  ])('%s is shard %i of %i', (text, index, count) => {
    expect(parseShard(text)).toEqual({ ok: true, shard: { index, count } });
  });

  it.each([
    ['4/4', 'shard 4 does not exist among 4 shards, numbered 0 to 3'],
    ['0/0', 'N must be between 1 and 1000'],
    ['1/1001', 'N must be between 1 and 1000'],
    ['-1/4', 'expected I/N'],
    ['1', 'expected I/N'],
    ['a/b', 'expected I/N'],
    ['1.5/4', 'expected I/N'],
    ['', 'expected I/N'],
  ])('refuses %j', (text, problem) => {
    const parsed = parseShard(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});

describe('the partition', () => {
  it.each([1, 2, 3, 4, 7, 16])('with %i shards, every repository is in exactly one share', (count) => {
    const all = repos(2000);
    const shares = Array.from({ length: count }, (_, index) => names(selectShard(all, { index, count })));
    expect(shares.flat().sort()).toEqual(names(all).sort());
    expect(new Set(shares.flat()).size).toBe(all.length);
  });

  it('spreads repositories roughly evenly (every share within a third of the mean)', () => {
    const all = repos(4000);
    const count = 8;
    const sizes = Array.from({ length: count }, (_, index) => selectShard(all, { index, count }).length);
    for (const size of sizes) expect(Math.abs(size - all.length / count)).toBeLessThan(all.length / count / 3);
  });

  it.each([2, 5, 9])('with %i shards, adding repositories never moves another one to a different share', (count) => {
    const before = repos(500);
    const after = [...repos(300, 'new').slice(0, 150), ...before, ...repos(300, 'new').slice(150), { repo: 'SciTools/iris' }];
    for (let index = 0; index < count; index += 1) {
      const kept = new Set(names(before));
      const shareAfter = names(selectShard(after, { index, count })).filter((r) => kept.has(r));
      expect(shareAfter).toEqual(names(selectShard(before, { index, count })));
    }
  });

  it('ignores case, as GitHub does in repository names', () => {
    for (const count of [2, 3, 4, 16]) expect(shardOf('SciTools/Iris', count)).toBe(shardOf('scitools/iris', count));
  });

  it('keeps each repository in its share across versions (a change would move every shard cache)', () => {
    expect(['acme/widgets', 'acme/gadgets', 'acme/docs'].map((r) => shardOf(r, 4))).toEqual([3, 3, 0]);
  });

  it('without a shard, selects everything', () => {
    const all = repos(10);
    expect(selectShard(all, null)).toBe(all);
  });
});

describe('shardCacheFile', () => {
  it.each([
    ['/cache/cache.json', null, '/cache/cache.json'],
    ['/cache/cache.json', { index: 1, count: 4 }, '/cache/cache.shard-1-of-4.json'],
    ['/srv/.cla-sweeper/cache', { index: 0, count: 2 }, '/srv/.cla-sweeper/cache.shard-0-of-2'],
  ])('%s with %j is %s', (file, shard, expected) => {
    expect(shardCacheFile(file, shard)).toBe(expected);
  });
});
