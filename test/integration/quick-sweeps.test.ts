// Quick sweeps (sweep.rescanMinutes > 0): a sweep reads only the pull requests that changed since
// the previous one, so its cost follows what changed; a rescan repairs what does not bump a pull
// request's updatedAt (a status overwritten by someone else).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedWorld, generatedConfig, generateWorld, signatoriesYaml, verdictMismatches } from '../support/generated-worlds.js';
import { type Harness, harness } from '../support/harness.js';

const REPOSITORIES = 100;

describe(`quick sweeps on ${REPOSITORIES} repositories × 20 pull requests`, () => {
  let g: GeneratedWorld;
  let h: Harness;

  const sweep = async (...args: string[]) => {
    h.sim.resetCounters();
    const r = await h.run('sweep', '--json', ...args);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { pullRequests: { commitsFetched: number }; writes: { total: number } };
    const requests = h.sim.counters.requests['graphql-query'] + h.sim.counters.requests['rest-read'];
    const operations = h.sim.counters.log.map((r) => r.operationName ?? `${r.method} ${r.path}`);
    return { summary, requests, operations, written: [...h.sim.counters.writesPerPullRequest.keys()].sort() };
  };

  beforeAll(async () => {
    g = generateWorld({
      name: 'Q',
      owner: 'quick',
      repositories: REPOSITORIES,
      pullRequestsPerRepository: 20,
      commitsPerPullRequest: 2,
      unsignedShare: 0.3,
      coAuthorShare: 0.05,
      seed: 61,
    });
    h = await harness(g.world, {
      signatories: signatoriesYaml(g),
      config: generatedConfig({ repositories: g.repositories, maxConcurrency: 4, extra: 'sweep:\n  rescanMinutes: 60\n' }),
    });
    // The first sweep reads everything (there is nothing to compare with); the next one lists again
    // the pull requests the first one labelled (a label write updates a pull request), and writes nothing.
    const cold = await sweep();
    expect(cold.summary.writes.total).toBeGreaterThan(REPOSITORIES * 20);
    expect((await sweep()).summary.writes.total).toBe(0);
    expect(verdictMismatches(g)).toEqual([]);
  }, 120_000);
  afterAll(() => h.close());

  it('costs at most ceil(repositories / 100) + 2 requests and makes no write when nothing changed', async () => {
    const quiet = await sweep();
    expect(quiet.summary.writes.total).toBe(0);
    expect(quiet.summary.pullRequests.commitsFetched).toBe(0);
    expect(quiet.requests).toBeLessThanOrEqual(Math.ceil(REPOSITORIES / 100) + 2);
  });

  it('repairs three pushes, two labels removed by hand and a new pull request in one quick sweep, reading only the four new heads', async () => {
    const [a, b, c, d, e] = g.repositories;
    const { world } = g;
    // Pushes: one by an unsigned contributor (flips to failure), two by signed ones.
    world.pushCommits(a!, 1, [{ author: 'guest19' }]);
    g.unsignedOf.set(`${a}#1`, [...new Set([...(g.unsignedOf.get(`${a}#1`) ?? []), 'guest19'])]);
    world.pushCommits(b!, 2, [{ author: 'dev001' }]);
    world.pushCommits(c!, 3, [{ author: 'dev002' }]);
    for (const [repo, n] of [[d!, 4], [e!, 5]] as const) {
      for (const label of world.labelsOf(repo, n)) world.removeLabelByHand(repo, n, label);
    }
    const pr = world.addPullRequest(e!, { commits: [{ author: 'guest18' }] });
    g.unsignedOf.set(`${e}#${pr.number}`, ['guest18']);

    const quick = await sweep();
    expect(verdictMismatches(g)).toEqual([]);
    expect(quick.summary.pullRequests.commitsFetched).toBe(4);
    expect(quick.written).toEqual([`${a}#1`, `${b}#2`, `${c}#3`, `${d}#4`, `${e}#5`, `${e}#${pr.number}`].sort());
    // The five changed pull requests are read in one request, with what stands on their remembered heads.
    expect(quick.operations.filter((o) => o === 'ListOpenPullRequests')).toHaveLength(1);
    expect((await sweep()).summary.writes.total).toBe(0);
  });

  it('leaves a status overwritten by another account to the next rescan, which repairs it', async () => {
    const { world } = g;
    const key = [...g.unsignedOf].find(([, unsigned]) => unsigned.length > 0)![0];
    const repo = key.slice(0, key.lastIndexOf('#'));
    const number = Number(key.slice(key.lastIndexOf('#') + 1));
    world.addStatus(repo, world.headSha(repo, number), { state: 'success', context: 'cla/signed', description: 'looks fine to me', creator: 'someone-else' });

    // A status does not update the pull request: a quick sweep does not see it.
    const quick = await sweep();
    expect(quick.written).toEqual([]);
    expect(verdictMismatches(g).map((m) => m.pullRequest)).toEqual([key]);

    const rescan = await sweep('--rescan');
    expect(rescan.written).toEqual([key]);
    expect(verdictMismatches(g)).toEqual([]);
  });

  it('flips every pull request of a new signatory on the next quick sweep without reading a commit', async () => {
    h.setSignatories(signatoriesYaml(g, [g.flipCandidate]));
    const quick = await sweep();
    expect(quick.summary.pullRequests.commitsFetched).toBe(0);
    expect(verdictMismatches(g, [g.flipCandidate])).toEqual([]);
    const flipped = [...g.unsignedOf].filter(([, u]) => u.length > 0 && u.every((l) => l === g.flipCandidate)).map(([k]) => k);
    expect(quick.written).toEqual(flipped.sort());
  });

  it('forgets a pull request closed and one merged since, as the probe shows, reading and writing nothing for them', async () => {
    const { world } = g;
    // The pull requests the last test labelled are listed once more (a label write updates them).
    expect((await sweep()).summary.writes.total).toBe(0);
    // Two that the next list of signatories would turn green, were they open.
    const [closed, merged] = [...g.unsignedOf].filter(([, u]) => u.length === 1 && u[0] !== g.flipCandidate).map(([k]) => k);
    const split = (key: string) => [key.slice(0, key.lastIndexOf('#')), Number(key.slice(key.lastIndexOf('#') + 1))] as const;
    world.closePullRequest(...split(closed!));
    world.closePullRequest(...split(merged!), 'MERGED');
    const guests = [g.unsignedOf.get(closed!)![0]!, g.unsignedOf.get(merged!)![0]!];
    h.setSignatories(signatoriesYaml(g, [g.flipCandidate, ...guests]));

    const quick = await sweep();
    expect(quick.written).not.toContain(closed);
    expect(quick.written).not.toContain(merged);
    // Nothing is read but the probe: no listing, no open-state check before the writes it made.
    expect(quick.operations.filter((o) => o !== 'ProbeUpdatedPullRequests' && !o.startsWith('POST') && !o.startsWith('DELETE'))).toEqual([]);
    const cache = JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { repositories: Record<string, { pullRequests: Record<string, unknown> }> };
    for (const key of [closed!, merged!]) {
      const [repo, number] = split(key);
      expect(Object.keys(cache.repositories[repo]!.pullRequests)).not.toContain(String(number));
    }
  });

  it('forgets twelve pull requests closed in one repository, more than the probe shows, by listing it newest first in every state', async () => {
    const { world } = g;
    // The pull requests the last test labelled are listed once more.
    expect((await sweep()).summary.writes.total).toBe(0);
    const repo = g.repositories[REPOSITORIES - 1]!;
    const numbers = [...world.mustRepo(repo).pullRequests.values()].filter((pr) => pr.state === 'OPEN').map((pr) => pr.number).slice(0, 12);
    for (const n of numbers) world.closePullRequest(repo, n);
    const remembered = () => Object.keys((JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { repositories: Record<string, { pullRequests: object }> }).repositories[repo]!.pullRequests).map(Number);
    expect(remembered()).toEqual(expect.arrayContaining(numbers));

    const quick = await sweep();
    expect(quick.summary.writes.total).toBe(0);
    // The repository alone is listed (its first page of ten, all closed, then on to the first pull
    // request older than the watermark less its margin, with what stands on those): no commit read.
    expect(new Set(quick.operations)).toEqual(new Set(['ProbeUpdatedPullRequests', 'ListOpenPullRequests']));
    expect(quick.operations.length).toBeLessThanOrEqual(4);
    expect(remembered().filter((n) => numbers.includes(n))).toEqual([]);
    // The closings are behind the watermark now: the probe alone tells nothing changed.
    const quiet = await sweep();
    expect(quiet.operations).toEqual(['ProbeUpdatedPullRequests']);
  });

  it('lists a repository in full after GitHub answered one of its pull requests only in part', async () => {
    const repo = g.repositories[1]!;
    const repos = () => (JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { repositories: Record<string, { seenUpTo?: string }> }).repositories;
    expect(repos()[repo]!.seenUpTo).toBeDefined();
    g.world.pushCommits(repo, 2, [{ author: g.signed[0]! }]);
    h.sim.setFaults({ forbiddenPullRequests: [`${repo}#2`] });
    expect((await h.run('sweep')).code).toBe(2);
    // Which of its pull requests changed is not known now: the next sweep lists it in full.
    expect(repos()[repo]!.seenUpTo).toBeUndefined();
    h.sim.setFaults({ forbiddenPullRequests: [] });
    const full = await sweep();
    expect(full.summary.pullRequests.commitsFetched).toBe(1);
    expect(full.operations).toContain('ListOpenPullRequests');
    expect(repos()[repo]!.seenUpTo).toBeDefined();
    expect(g.world.statusOf(repo, g.world.headSha(repo, 2), 'cla/signed')).toBeDefined();
  });

  it('lists every repository in full once from a cache written before quick sweeps saw closings', async () => {
    const old = JSON.parse(readFileSync(h.cacheFile, 'utf8')) as { repositories: Record<string, { seenUpTo?: string; watermark?: string }> };
    for (const r of Object.values(old.repositories)) {
      r.watermark = r.seenUpTo;
      delete r.seenUpTo;
    }
    writeFileSync(h.cacheFile, JSON.stringify(old));
    const full = await sweep();
    expect(full.operations).not.toContain('ProbeUpdatedPullRequests');
    expect(full.operations.filter((o) => o === 'ListOpenPullRequests').length).toBeGreaterThan(3);
    expect(full.summary.pullRequests.commitsFetched).toBe(0);
    expect(full.summary.writes.total).toBe(0);
    // A full listing sees no closing: the repository whose newest updates are the twelve closings
    // (after its newest open pull request) is listed newest first once more, then all is quiet.
    const next = await sweep();
    expect(new Set(next.operations)).toEqual(new Set(['ProbeUpdatedPullRequests', 'ListOpenPullRequests']));
    expect(next.operations.length).toBeLessThanOrEqual(4);
    expect((await sweep()).operations).toEqual(['ProbeUpdatedPullRequests']);
  });
});
