// The sweep against the simulator's sample world: every case of PRODUCT.md, idempotence, the
// cache, and fail-closed input errors.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CACHE_VERSION } from '../../src/cache/schema.js';
import { type Harness, harness } from '../support/harness.js';
import { type Expected, SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { World } from '../support/simulator/world.js';

const CONTEXT = 'cla/signed';

function writes(h: Harness): number {
  return h.sim.counters.requests['rest-write'] + h.sim.counters.requests['graphql-mutation'];
}

function operations(h: Harness, name: string): number {
  return h.sim.counters.log.filter((r) => r.operationName === name).length;
}

function expectEndState(world: World, expected: Expected[]): void {
  for (const e of expected) {
    const sha = world.headSha(e.repo, e.number);
    const status = world.statusOf(e.repo, sha, CONTEXT);
    const where = `${e.repo}#${e.number} (${e.case})`;
    if (e.state === null) {
      expect(status, where).toBeUndefined();
    } else {
      expect(status?.state, where).toBe(e.state);
      expect(status?.targetUrl, where).toBe('https://example.org/cla');
      for (const m of e.mentions ?? []) expect(status?.description, where).toContain(m);
      expect((status?.description ?? '').length, where).toBeLessThanOrEqual(140);
    }
    expect([...world.labelsOf(e.repo, e.number)].sort(), where).toEqual([...e.labels].sort());
  }
}

describe('sweep against the sample world', () => {
  let h: Harness;
  let world: World;
  let expected: Expected[];

  beforeEach(async () => {
    ({ world, expected } = sampleWorld());
    h = await harness(world);
  });
  afterEach(async () => {
    await h.close();
  });

  it('gives every pull request its status and label, leaves closed and merged ones and unrelated labels alone', async () => {
    const r = await h.run('sweep');
    expect(r.code).toBe(0);
    expectEndState(world, expected);
    // Nothing was written to the closed or merged pull requests.
    for (const e of expected.filter((x) => x.state === null)) {
      expect(h.sim.counters.writesPerPullRequest.get(`${e.repo}#${e.number}`) ?? 0).toBe(0);
    }
  });

  it('makes zero writes and reads no commit on a second sweep with nothing changed', async () => {
    await h.run('sweep');
    h.sim.resetCounters();
    const r = await h.run('sweep', '--json');
    expect(r.code).toBe(0);
    expect(writes(h)).toBe(0);
    expect(operations(h, 'FetchPullRequestCommits')).toBe(0);
    expect(operations(h, 'ResolveCoAuthors')).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.pullRequests.seen).toBe(11);
    expect(summary.pullRequests.skippedUnchanged).toBe(11);
    expect(summary.writes.total).toBe(0);
    expect(summary.graphql.remaining).toBeGreaterThan(0);
  });

  it('flips the pull requests of a newly added signatory without reading a commit', async () => {
    await h.run('sweep');
    h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: bob\n  - github: dave\n`);
    h.sim.resetCounters();
    const r = await h.run('sweep');
    expect(r.code).toBe(0);
    expect(operations(h, 'FetchPullRequestCommits')).toBe(0);
    const bob = expected.find((e) => e.case === 'unsigned author')!;
    const dave = expected.find((e) => e.case === 'unsigned co-author only')!;
    for (const e of [bob, dave]) {
      expect(world.statusOf(e.repo, world.headSha(e.repo, e.number), CONTEXT)?.state).toBe('success');
      expect(world.labelsOf(e.repo, e.number)).toEqual(['cla: signed']);
    }
    // Only those two flipped: a status and a label swap (add + remove) each.
    expect(writes(h)).toBe(6);
  });

  it('puts a new status on the new head SHA when a commit is pushed', async () => {
    await h.run('sweep');
    const e = expected.find((x) => x.case === 'all signed')!;
    const oldHead = world.headSha(e.repo, e.number);
    const newHead = world.pushCommits(e.repo, e.number, [{ author: 'bob' }]);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(world.statusOf(e.repo, newHead, CONTEXT)?.state).toBe('failure');
    expect(world.statusOf(e.repo, oldHead, CONTEXT)?.state).toBe('success');
    expect(world.labelsOf(e.repo, e.number)).toEqual(['cla: missing']);
    expect(operations(h, 'FetchPullRequestCommits')).toBe(1);
  });

  it('repairs a label removed by hand and a foreign status on our context', async () => {
    await h.run('sweep');
    const signed = expected.find((x) => x.case === 'all signed')!;
    const unsigned = expected.find((x) => x.case === 'unsigned author')!;
    world.removeLabelByHand(signed.repo, signed.number, 'cla: signed');
    world.addStatus(unsigned.repo, world.headSha(unsigned.repo, unsigned.number), {
      state: 'success',
      context: CONTEXT,
      description: 'looks fine to me',
      creator: 'someone-else',
    });
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expectEndState(world, expected);
    expect(writes(h)).toBe(2);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const r = await h.run('sweep', '--dry-run');
    expect(r.code).toBe(0);
    expect(writes(h)).toBe(0);
    const planned = r.stdout.split('\n').filter((l) => l.startsWith('would '));
    expect(planned.length).toBeGreaterThanOrEqual(11 * 2);
    expect(planned.some((l) => l.includes('set-status acme/widgets#2') && l.includes('failure'))).toBe(true);
  });

  it('removes the closed pull requests from the cache and rebuilds a damaged cache', async () => {
    await h.run('sweep');
    const e = expected.find((x) => x.case === 'bot')!;
    world.pullRequest(e.repo, e.number).state = 'CLOSED';
    await h.run('sweep');
    const cache = JSON.parse(readFileSync(h.cacheFile, 'utf8'));
    expect(Object.keys(cache.repositories['acme/widgets'].pullRequests)).not.toContain(String(e.number));

    writeFileSync(h.cacheFile, '{ this is not json');
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);
    expect(operations(h, 'FetchPullRequestCommits')).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(h.cacheFile, 'utf8')).version).toBe(CACHE_VERSION);
  });

  it('gives the same outcome with the cache deleted', async () => {
    await h.run('sweep');
    rmSync(h.cacheFile);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);
    expectEndState(world, expected);
  });

  it('offboards a repository that left the configuration by removing only the project labels', async () => {
    await h.run('sweep');
    expect((await h.run('sweep', '--offboard', 'acme/gadgets')).code).toBe(1);
    h.setConfig(sampleConfig().replace('  - acme/gadgets\n', ''));
    const r = await h.run('sweep', '--offboard', 'acme/gadgets');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(h.cacheFile, 'utf8')).repositories['acme/gadgets']).toBeUndefined();
    for (const e of expected.filter((x) => x.repo === 'acme/gadgets')) {
      expect(world.labelsOf(e.repo, e.number).filter((l) => l.startsWith('cla:'))).toEqual([]);
    }
    expect(world.labelsOf('acme/gadgets', expected.find((x) => x.case.startsWith('wrong label'))!.number)).toEqual(['bug']);
  });
});

describe('fail closed on bad input', () => {
  let h: Harness;
  let stderr: string;

  beforeEach(async () => {
    h = await harness(sampleWorld().world);
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  it.each([
    ['a missing signatories file', () => rmSync(`${h.dir}/signatories.yaml`), 'signatories.yaml'],
    ['a malformed signatories file', () => h.setSignatories('signatories:\n  - github: alice\n  - email: "not an email"\n'), ':3'],
    ['an empty signatories list', () => h.setSignatories('signatories: []\n'), 'empty'],
    ['an unknown configuration key', () => h.setConfig(`${sampleConfig()}colour: blue\n`), 'colour'],
  ])('%s exits 1, writes nothing, and names the file or key', async (_name, spoil, mention) => {
    spoil();
    const r = await h.run('sweep');
    expect(r.code).toBe(1);
    expect(writes(h)).toBe(0);
    expect(stderr).toContain(mention);
  });
});

describe('repositories with more open pull requests than one page', () => {
  it('asks for smaller pages when GitHub times out on one repository page', async () => {
    const world = new World();
    world.addUser('alice');
    for (const r of ['acme/widgets', 'acme/gadgets', 'acme/docs']) world.addRepo(r);
    for (let i = 0; i < 150; i++) world.addPullRequest('acme/widgets', { commits: [{ author: 'alice' }] });
    // A page of 100 pull requests with their labels is about 10,000 nodes; 50 are about 5,000.
    const h = await harness(world, { faults: { timeoutAboveNodes: 8000 } });
    try {
      expect((await h.run('sweep')).code).toBe(0);
      for (let n = 1; n <= 150; n++) expect(world.labelsOf('acme/widgets', n)).toEqual(['cla: signed']);
      h.sim.resetCounters();
      expect((await h.run('sweep')).code).toBe(0);
      expect(writes(h)).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('reads every status on a second sweep and writes nothing', async () => {
    const world = new World();
    world.addUser('alice');
    world.addUser('bob');
    world.addRepo('acme/widgets');
    world.addRepo('acme/gadgets');
    world.addRepo('acme/docs');
    for (let i = 0; i < 230; i++) world.addPullRequest('acme/widgets', { commits: [{ author: i % 3 ? 'alice' : 'bob' }] });
    const h = await harness(world);
    try {
      expect((await h.run('sweep')).code).toBe(0);
      h.sim.resetCounters();
      const r = await h.run('sweep', '--json');
      expect(r.code).toBe(0);
      expect(writes(h)).toBe(0);
      expect(JSON.parse(r.stdout).pullRequests.skippedUnchanged).toBe(230);
      // 230 pull requests: three listing pages (and their status lookups) and nothing else.
      expect(h.sim.counters.requests['graphql-query']).toBeLessThanOrEqual(4);
    } finally {
      await h.close();
    }
  });
});
