// Merge queues (issue 13 item 3): entries with positions, states and group head commits that take
// statuses and check runs like any commit.
import { afterEach, describe, expect, it } from 'vitest';
import { validateRestResponse } from '../../support/openapi.js';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { World } from '../../support/simulator/world.js';
import { graphql, send } from './http.js';

const REPO = 'acme/widgets';
let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function start(): Promise<Simulator> {
  const world = new World();
  world.addUser('alice', { emails: ['alice@example.org'] });
  world.addUser('bob', { emails: ['bob@example.org'] });
  world.addRepo(REPO);
  world.addRepo('acme/plain');
  for (const author of ['alice', 'bob', 'alice']) world.addPullRequest(REPO, { commits: [{ author }] });
  world.addApp('cla-sweeper', { id: 4242 });
  const inst = world.installApp('cla-sweeper', 'acme');
  for (const n of [1, 2, 3]) world.enqueue(REPO, n);
  sim = await startSimulator({ world, tokens: { 'sim-token': 'cla-bot', ghs: { installation: inst.id } } });
  return sim;
}

const QUEUE = `query Queue {
  rateLimit { cost }
  repository(owner: "acme", name: "widgets") {
    mergeQueue {
      entries(first: 100) {
        totalCount
        nodes {
          position
          state
          pullRequest { number }
          enqueuer { login }
          baseCommit { oid }
          headCommit { oid parents(first: 2) { nodes { oid } } status { contexts { context state } } }
        }
      }
    }
  }
}`;

interface Entry {
  position: number;
  state: string;
  pullRequest: { number: number };
  enqueuer: { login: string };
  baseCommit: { oid: string };
  headCommit: { oid: string; parents: { nodes: { oid: string }[] }; status: { contexts: { context: string; state: string }[] } | null };
}

async function entries(): Promise<{ cost: number; entries: Entry[] }> {
  const res = await graphql(sim, QUEUE);
  const body = res.body as { data: { rateLimit: { cost: number }; repository: { mergeQueue: { entries: { nodes: Entry[] } } } } };
  expect((res.body as { errors?: unknown }).errors).toBeUndefined();
  return { cost: body.data.rateLimit.cost, entries: body.data.repository.mergeQueue.entries.nodes };
}

describe('merge queues', () => {
  it('list entries in order, each group commit built on the one ahead of it', async () => {
    await start();
    const { cost, entries: list } = await entries();
    expect(cost).toBe(1);
    expect(list.map((e) => [e.position, e.state, e.pullRequest.number, e.enqueuer.login])).toEqual([
      [1, 'AWAITING_CHECKS', 1, 'alice'],
      [2, 'AWAITING_CHECKS', 2, 'bob'],
      [3, 'AWAITING_CHECKS', 3, 'alice'],
    ]);
    const base = list[0]!.baseCommit.oid;
    expect(list.map((e) => e.baseCommit.oid)).toEqual([base, base, base]);
    expect(list.map((e) => e.headCommit.parents.nodes.map((p) => p.oid))).toEqual([
      [base, sim.world.headSha(REPO, 1)],
      [list[0]!.headCommit.oid, sim.world.headSha(REPO, 2)],
      [list[1]!.headCommit.oid, sim.world.headSha(REPO, 3)],
    ]);
    const entry = sim.world.queueEntry(REPO, 2)!;
    expect(entry.headRef).toBe(`gh-readonly-queue/main/pr-2-${base}`);
    const ref = await graphql(sim, `{ repository(owner: "acme", name: "widgets") { ref(qualifiedName: "refs/heads/${entry.headRef}") { target { oid } } } }`);
    expect(ref.body).toEqual({ data: { repository: { ref: { target: { oid: entry.headSha } } } } });
  });

  it('answer null for a branch without a queue, and tell a pull request its entry', async () => {
    await start();
    sim.world.addPullRequest(REPO, { commits: [{ author: 'bob' }] }); // #4, not queued
    const res = await graphql(
      sim,
      `{
  plain: repository(owner: "acme", name: "plain") { mergeQueue { id } }
  other: repository(owner: "acme", name: "widgets") { mergeQueue(branch: "release") { id } }
  repo: repository(owner: "acme", name: "widgets") {
    queued: pullRequest(number: 2) { isInMergeQueue isMergeQueueEnabled mergeQueueEntry { position } }
    waiting: pullRequest(number: 4) { isInMergeQueue mergeQueueEntry { position } }
  }
}`,
    );
    expect(res.body).toEqual({
      data: {
        plain: { mergeQueue: null },
        other: { mergeQueue: null },
        repo: {
          queued: { isInMergeQueue: true, isMergeQueueEnabled: true, mergeQueueEntry: { position: 2 } },
          waiting: { isInMergeQueue: false, mergeQueueEntry: null },
        },
      },
    });
    sim.world.enableMergeQueue('acme/plain');
    const empty = await graphql(sim, '{ repository(owner: "acme", name: "plain") { mergeQueue { entries(first: 5) { totalCount } } } }');
    expect(empty.body).toEqual({ data: { repository: { mergeQueue: { entries: { totalCount: 0 } } } } });
  });

  it('take statuses and check runs on group heads through REST like any commit', async () => {
    await start();
    const group = sim.world.queueEntry(REPO, 2)!.headSha;
    const statusPath = `/repos/${REPO}/statuses/${group}`;
    const status = await send(sim, 'POST', statusPath, { body: { state: 'failure', context: 'cla/signed', description: 'CLA missing: @bob' } });
    expect(status.status).toBe(201);
    expect(validateRestResponse('POST', statusPath, status.status, status.body)).toEqual([]);
    const runPath = `/repos/${REPO}/check-runs`;
    const run = await send(sim, 'POST', runPath, {
      headers: { authorization: 'token ghs' },
      body: { name: 'cla/signed', head_sha: group, conclusion: 'failure', output: { title: 'CLA missing', summary: '@bob' } },
    });
    expect(run.status).toBe(201);
    expect(validateRestResponse('POST', runPath, run.status, run.body)).toEqual([]);
    const list = await entries();
    expect(list.entries[1]!.headCommit.status).toEqual({ contexts: [{ context: 'cla/signed', state: 'FAILURE' }] });
    expect(list.entries[0]!.headCommit.status).toBeNull();
    expect(sim.world.checkRunsOf(REPO, group).map((r) => r.conclusion)).toEqual(['failure']);
    const combined = await send(sim, 'GET', `/repos/${REPO}/commits/${group}/status`);
    expect(combined.body).toMatchObject({ state: 'failure', sha: group });
  });

  it('rebuild the groups behind an entry that merges or leaves, on new commits', async () => {
    await start();
    const before = (await entries()).entries.map((e) => e.headCommit.oid);
    sim.world.dequeue(REPO, 1, 'merged');
    const after = (await entries()).entries;
    expect(after.map((e) => [e.position, e.pullRequest.number])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(after[0]!.baseCommit.oid).toBe(before[0]);
    expect(after.map((e) => e.headCommit.oid).some((oid) => before.includes(oid))).toBe(false);
    expect(sim.world.pullRequest(REPO, 1).state).toBe('MERGED');
    sim.world.dequeue(REPO, 3);
    expect((await entries()).entries.map((e) => e.pullRequest.number)).toEqual([2]);
  });

  it('cost one point for the queues of many repositories read at once', async () => {
    await start();
    const aliases = Array.from({ length: 20 }, (_, i) => `r${i}: repository(owner: "acme", name: "widgets") { mergeQueue { entries(first: 100) { nodes { position headCommit { oid } pullRequest { number } } } } }`);
    const res = await graphql(sim, `{ rateLimit { cost } ${aliases.join('\n')} }`);
    expect((res.body as { data: { rateLimit: { cost: number } } }).data.rateLimit.cost).toBe(1);
  });
});
