// Deterministic request counts and cost of sweeps over small generated worlds, derived from the
// packing rules below (no timing: wall time is only reported by `npm run bench`).
import { afterEach, describe, expect, it } from 'vitest';
import {
  type GeneratedWorld,
  type WorldSpec,
  generateWorld,
  generatedConfig,
  signatoriesYaml,
  verdictMismatches,
} from '../support/generated-worlds.js';
import { type Harness, harness } from '../support/harness.js';
import { analyseQuery } from '../support/simulator/graphql/index.js';

// The packing rules the figures follow (src/github/read-*.ts, src/reconcile/sweep.ts): a listing
// request holds at most 149 connection units (GitHub charges round(units / 100) points, so under
// 150 costs 1 point), a repository costing 1 unit for `pullRequests` plus 1 per pull request asked
// for (`labels`), the first page asking for the expected count plus 2. Commits are fetched each
// time 500 or more listed pull requests wait for them, 100 pull requests to a request; the
// co-authors of each such fetch are looked up 100 commits to a request; pull requests read more
// than a minute before their writes are confirmed open (not here: the sweeps are quick). After the
// listing, the merge queues (`mergeQueue`, on by default) of the repositories the listing found to
// have one (asked with each repository's facts, `mergeQueue { id }`, which costs nothing), 100 to a
// request: the generated worlds have none, so none is read. Each of those requests costs 1 point.
const UNITS_PER_REQUEST = 149;
const PAGE_SLACK = 2;
const PER_REQUEST = 100;
const FETCH_CHUNK = 500;

const points = (units: number) => Math.max(1, Math.round(units / 100));

/** Units of each listing request for `repos` repositories of `open` pull requests, packed greedily. */
function listingRequests(repos: number, open: number): number[] {
  const perRepo = 1 + Math.min(100, open + PAGE_SLACK);
  const requests: number[] = [];
  let units = 0;
  for (let i = 0; i < repos; i++) {
    if (units > 0 && units + perRepo > UNITS_PER_REQUEST) {
      requests.push(units);
      units = 0;
    }
    units += perRepo;
  }
  requests.push(units);
  return requests;
}

const requestsFor = (n: number) => Math.ceil(n / PER_REQUEST);
/** ReadMergeQueues requests of a sweep over repositories of which `withQueue` have a merge queue. */
const queueReads = (withQueue: number) => requestsFor(withQueue);
/** Repositories of the generated worlds with a merge queue. */
const QUEUED = 0;

/** Indexes of the repositories whose commits are fetched together (a fetch once 500 pull requests wait). */
function fetchGroups(pullRequestsPerRepository: number[]): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let waiting = 0;
  pullRequestsPerRepository.forEach((n, i) => {
    group.push(i);
    waiting += n;
    if (waiting >= FETCH_CHUNK) {
      groups.push(group);
      group = [];
      waiting = 0;
    }
  });
  if (group.length > 0) groups.push(group);
  return groups;
}

const spec = (over: Partial<WorldSpec>): WorldSpec => ({
  name: 'scale',
  owner: 'scale',
  repositories: 12,
  pullRequestsPerRepository: 10,
  commitsPerPullRequest: 3,
  unsignedShare: 0.3,
  coAuthorShare: 0,
  seed: 7,
  ...over,
});

function requestsNamed(h: Harness, name: string): { count: number; cost: number } {
  const records = h.sim.counters.log.filter((r) => r.operationName === name);
  return { count: records.length, cost: records.reduce((sum, r) => sum + (r.cost ?? 0), 0) };
}

function writes(h: Harness): number {
  return h.sim.counters.requests['rest-write'] + h.sim.counters.requests['graphql-mutation'];
}

async function setUp(g: GeneratedWorld): Promise<Harness> {
  return harness(g.world, {
    signatories: signatoriesYaml(g),
    config: generatedConfig({ repositories: g.repositories, maxConcurrency: 2 }),
  });
}

describe('request counts and cost on a small generated world (12 repositories × 10 pull requests)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a warm sweep makes exactly the packed listing requests, no REST request and no write', async () => {
    const g = generateWorld(spec({}));
    h = await setUp(g);
    expect((await h.run('sweep')).code).toBe(0);
    expect(verdictMismatches(g)).toEqual([]);
    h.sim.resetCounters();

    const r = await h.run('sweep', '--json');

    expect(r.code).toBe(0);
    const listing = listingRequests(12, 10);
    expect(listing).toEqual([143, 13]); // 11 repositories of 13 units, then 1
    const c = h.sim.counters;
    expect(c.requests['graphql-query']).toBe(listing.length + queueReads(QUEUED));
    expect(requestsNamed(h, 'ReadMergeQueues')).toEqual({ count: queueReads(QUEUED), cost: queueReads(QUEUED) });
    expect(c.costPoints).toBe(listing.map(points).reduce((a, b) => a + b, 0) + queueReads(QUEUED));
    expect(c.requests['rest-read'] + c.requests['rest-write']).toBe(0);
    expect(writes(h)).toBe(0);
    expect(requestsNamed(h, 'ListOpenPullRequests').count).toBe(listing.length);
    // The sweep's own figures agree with what the simulator counted.
    const summary = JSON.parse(r.stdout);
    expect(summary.graphql.costPoints).toBe(c.costPoints);
    expect(Object.values(summary.graphql.requests as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      c.requests['graphql-query'],
    );
  });

  it('after a signatory is added, reads no commit and writes only to the pull requests that flip', async () => {
    const g = generateWorld(spec({}));
    h = await setUp(g);
    expect((await h.run('sweep')).code).toBe(0);
    const flips = [...g.unsignedOf].filter(([, u]) => u.length > 0 && u.every((l) => l === g.flipCandidate)).map(([k]) => k);
    expect(flips.length).toBeGreaterThan(0);
    h.setSignatories(signatoriesYaml(g, [g.flipCandidate]));
    h.sim.resetCounters();

    expect((await h.run('sweep')).code).toBe(0);

    expect(requestsNamed(h, 'FetchPullRequestCommits').count).toBe(0);
    expect(requestsNamed(h, 'ResolveCoAuthors').count).toBe(0);
    // The listing, then the flipped pull requests confirmed open before their writes.
    expect(requestsNamed(h, 'PullRequestStates').count).toBe(0);
    expect(h.sim.counters.requests['graphql-query']).toBe(listingRequests(12, 10).length + queueReads(QUEUED));
    expect(verdictMismatches(g, [g.flipCandidate])).toEqual([]);
    expect([...h.sim.counters.writesPerPullRequest.keys()].sort()).toEqual([...flips].sort());
    // Each flip: the status, the signed label added, the missing label removed.
    expect(writes(h)).toBe(3 * flips.length);
  });

  it('resolves co-authors in a few cheap lookups, far below asking for authors under every commit', async () => {
    const g = generateWorld(spec({ coAuthorShare: 1, unsignedShare: 0 }));
    expect(g.coAuthorLookups).toBeGreaterThan(PER_REQUEST); // more than one lookup request
    h = await setUp(g);

    const r = await h.run('sweep', '--json');

    expect(r.code).toBe(0);
    expect(verdictMismatches(g)).toEqual([]);
    const groups = fetchGroups(g.repositories.map(() => 10));
    expect(groups.map((x) => x.length)).toEqual([12]);
    const lookupsPerFetch = groups.map((x) => x.reduce((n, i) => n + g.coAuthorLookupsPerRepository[i]!, 0));
    const resolve = requestsNamed(h, 'ResolveCoAuthors');
    // Looked up per fetch; batching them across fetches would make it ceil(all lookups / 100).
    expect(resolve.count).toBe(lookupsPerFetch.map(requestsFor).reduce((a, b) => a + b, 0));
    expect(resolve.cost).toBe(resolve.count);
    const fetches = requestsNamed(h, 'FetchPullRequestCommits');
    expect(fetches.count).toBe(groups.map((x) => requestsFor(10 * x.length)).reduce((a, b) => a + b, 0));
    const listing = listingRequests(12, 10);
    const expectedCost =
      requestsFor(12) + // CountOpenPullRequests: the cache knows no repository yet
      listing.map(points).reduce((a, b) => a + b, 0) +
      fetches.count +
      resolve.count + // no PullRequestStates: the writes follow the read within a minute
      queueReads(QUEUED);
    expect(h.sim.counters.costPoints).toBe(expectedCost);
    expect(h.sim.counters.requests['graphql-query']).toBe(requestsFor(12) + listing.length + fetches.count + resolve.count + queueReads(QUEUED));
    expect(JSON.parse(r.stdout).graphql.requests.ResolveCoAuthors).toBe(resolve.count);

    // The alternative: `authors(first: 10)` on every commit, read with the pull requests.
    const vars: Record<string, string> = {};
    const fields = g.repositories.map((repo, i) => {
      [vars[`o${i}`], vars[`n${i}`]] = repo.split('/') as [string, string];
      return `r${i}: repository(owner: $o${i}, name: $n${i}) {
        pullRequests(states: OPEN, first: 10) { nodes { commits(first: 100) { nodes { commit {
          authors(first: 10) { nodes { name email user { login } } }
        } } } } }
      }`;
    });
    const declared = g.repositories.map((_, i) => `$o${i}: String!, $n${i}: String!`).join(', ');
    const alternative = analyseQuery(`query AuthorsUnderCommits(${declared}) { ${fields.join('\n')} }`, vars);
    if (!alternative.ok) throw new Error(JSON.stringify(alternative.errors));
    // 12 × (1 + 10 + 10 × 100) connection units.
    expect(alternative.cost).toBe(Math.round((12 * (1 + 10 + 10 * 100)) / 100));
    expect(resolve.cost * 20).toBeLessThan(alternative.cost);
    expect(h.sim.counters.costPoints * 5).toBeLessThan(alternative.cost);
  });
});
