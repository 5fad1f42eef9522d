// `--shard I/N` through the command line: N runs, each with its own cache file, together sweep
// every configured repository exactly once; a repository added later lands in one share without
// moving the others; and `--partial-ok` maps a partial run to exit 0.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { shardOf } from '../../../src/reconcile/shard.js';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, configFor } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

/** Repositories that got at least one write, from the simulator's record of successful writes. */
function writtenRepos(h: Harness): string[] {
  const repos = [...h.sim.counters.writesPerPullRequest.keys()].map((k) => k.slice(0, k.indexOf('#')));
  return [...new Set(repos)].sort();
}

describe('--shard I/N', () => {
  it('three shards write to disjoint sets of repositories that together are all of them, each with its own cache file', async () => {
    const { world, names } = bigWorld(12, 2);
    const h = await harness(world, { config: configFor(names) });
    open.push(h);
    const shares: string[][] = [];
    for (let index = 0; index < 3; index += 1) {
      h.sim.resetCounters();
      const r = await h.run('sweep', '--shard', `${index}/3`, '--json');
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout);
      const written = writtenRepos(h);
      expect(summary.repositories.listed).toBe(written.length);
      expect(written).toEqual(names.filter((n) => shardOf(n, 3) === index).sort());
      const cacheFile = join(h.dir, `.cla-sweeper/cache.shard-${index}-of-3.json`);
      expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')).repositories ?? {}).sort()).toEqual(written);
      shares.push(written);
    }
    expect(shares.flat().sort()).toEqual([...names].sort());
    expect(shares.every((s) => s.length > 0)).toBe(true);
    expect(existsSync(h.cacheFile)).toBe(false);

    // Every share is reconciled: a sweep of the whole configuration has nothing left to write.
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writtenRepos(h)).toEqual([]);
  });

  it('a repository added to the configuration goes to one shard; the others stay where they were', async () => {
    const { world, names } = bigWorld(10, 1);
    const h = await harness(world, { config: configFor(names.slice(0, 9)) });
    open.push(h);
    for (let index = 0; index < 2; index += 1) expect((await h.run('sweep', '--shard', `${index}/2`)).code).toBe(0);
    h.setConfig(configFor(names));
    const added = names[9]!;
    for (let index = 0; index < 2; index += 1) {
      h.sim.resetCounters();
      expect((await h.run('sweep', '--shard', `${index}/2`)).code).toBe(0);
      // Warm: the only repository written to is the new one, in its own share.
      expect(writtenRepos(h)).toEqual(shardOf(added, 2) === index ? [added] : []);
    }
  });

  it.each([['4/4'], ['1'], ['x/2']])('refuses --shard %s before any request', async (value) => {
    const { world, names } = bigWorld(2, 1);
    const h = await harness(world, { config: configFor(names) });
    open.push(h);
    expect((await h.run('sweep', '--shard', value)).code).toBe(1);
    expect(h.sim.counters.log).toEqual([]);
  });

  it.each([['--repo', 'acme/repo-0'], ['--offboard', 'acme/gone']])('refuses --shard with %s', async (option, value) => {
    const { world, names } = bigWorld(2, 1);
    const h = await harness(world, { config: configFor(names) });
    open.push(h);
    expect((await h.run('sweep', '--shard', '0/2', option, value)).code).toBe(1);
    expect(h.sim.counters.log).toEqual([]);
  });
});

describe('--partial-ok', () => {
  it('exits 0 on a partial run (a configured repository GitHub does not know); the summary still says PARTIAL', async () => {
    const { world, names } = bigWorld(2, 2);
    const h = await harness(world, { config: configFor([...names, 'acme/ghost']) });
    open.push(h);
    const without = await h.run('sweep', '--json');
    expect(without.code).toBe(2);
    expect(JSON.parse(without.stdout).exitCode).toBe(2);
    const r = await h.run('sweep', '--partial-ok');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PARTIAL');
    expect(r.stdout).toContain('not found: acme/ghost');
    const json = await h.run('sweep', '--partial-ok', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ exitCode: 0, repositories: { failed: [{ repo: 'acme/ghost' }] } });
  });

  it('exits 0 for a run a signal interrupted (a Kubernetes eviction), which exits 2 without it', async () => {
    const { world, names } = bigWorld(2, 2);
    const h = await harness(world, { config: configFor(names) });
    open.push(h);
    const interrupted = async (...args: string[]) => {
      const controller = new AbortController();
      controller.abort();
      let stdout = '';
      const code = await runCli(['node', 'cla-sweeper', 'sweep', ...args, '--config', h.configFile], {
        env: h.env(),
        out: (t) => {
          stdout += t;
        },
        signal: controller.signal,
      });
      return { code, stdout };
    };
    expect((await interrupted()).code).toBe(2);
    const r = await interrupted('--partial-ok');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stopped early: interrupted');
  });

  it('does not hide a fatal error (exit 1)', async () => {
    const { world, names } = bigWorld(2, 1);
    const h = await harness(world, { config: configFor(names) });
    open.push(h);
    h.setSignatories('signatories: [{ nonsense: 1 }]\n');
    expect((await h.run('sweep', '--partial-ok')).code).toBe(1);
  });
});
