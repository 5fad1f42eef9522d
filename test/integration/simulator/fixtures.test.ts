// Replays exchanges GitHub really answered (recorded in @octokit/fixtures) against the simulator,
// seeded to match, and compares status codes and the shape of each body (keys and types, not values).
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { World } from '../../support/simulator/world.js';
import { send } from './http.js';

interface Recorded {
  method: string;
  path: string;
  body: unknown;
  status: number;
  response: unknown;
}

const require = createRequire(import.meta.url);
const scenario = (name: string) =>
  require(`@octokit/fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`) as Recorded[];

/** Fields GitHub has added to these bodies since the fixtures were recorded. */
const ADDED_SINCE_RECORDING = new Set(['status', 'user_view_type']);

/** Keys and value types, recursively; an array is described by its length and first item. */
function shape(value: unknown, recorded: unknown): unknown {
  if (value === undefined || value === '') return 'empty';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const first = Array.isArray(recorded) ? recorded[0] : undefined;
    return [value.length, value.length > 0 ? shape(value[0], first) : 'none'];
  }
  if (typeof value === 'object') {
    const rec = (recorded && typeof recorded === 'object' ? recorded : {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
      if (ADDED_SINCE_RECORDING.has(k) && !(k in rec)) continue;
      out[k] = shape(v, rec[k]);
    }
    return out;
  }
  return typeof value;
}

const ORG = 'octokit-fixture-org';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function replay(world: World, exchanges: Recorded[]): Promise<void> {
  sim = await startSimulator({ world });
  for (const x of exchanges) {
    const res = await send(sim, x.method.toUpperCase(), x.path, { body: x.body === '' ? undefined : x.body });
    const what = `${x.method.toUpperCase()} ${x.path}`;
    expect(res.status, what).toBe(x.status);
    expect(shape(res.body, x.response), what).toEqual(shape(x.response, x.response));
  }
}

function orgWorld(): World {
  const world = new World();
  world.addUser(ORG, { type: 'Organization', emails: [] });
  world.addUser('octokit-fixture-user-a');
  return world;
}

describe('recorded GitHub exchanges replayed against the simulator', () => {
  it('create-status: two statuses, the list and the combined status', async () => {
    const world = orgWorld();
    const repo = `${ORG}/create-status`;
    world.addRepo(repo);
    const sha = '0000000000000000000000000000000000000001';
    const date = '2017-10-10T16:00:00Z';
    const person = { name: 'a', email: 'a@example.org', date };
    world.commits.set(sha, { sha, message: 'init', author: person, committer: person, parents: [] });
    await replay(world, scenario('create-status'));
  });

  it('labels: list, create, read, update, delete', async () => {
    const world = orgWorld();
    const repo = `${ORG}/labels`;
    world.addRepo(repo);
    const recorded = scenario('labels');
    for (const l of recorded[0]!.response as { name: string; color: string; description: string; default: boolean }[]) {
      world.addLabel(repo, l.name, { color: l.color, description: l.description }).default = l.default;
    }
    await replay(world, recorded);
  });

  it('add-labels-to-issue: labels the repository lacks are created', async () => {
    const world = orgWorld();
    const repo = `${ORG}/add-labels-to-issue`;
    world.addRepo(repo);
    // The recording creates issue #1 first (POST /issues), which the simulator does not serve: seed it.
    world.addPullRequest(repo, { author: 'octokit-fixture-user-a', commits: [{ author: 'octokit-fixture-user-a' }] });
    const recorded = scenario('add-labels-to-issue').filter((x) => !x.path.endsWith('/issues'));
    await replay(world, recorded);
    expect(world.labelsOf(repo, 1)).toEqual(['Foo', 'bAr', 'baZ']);
  });

  it('errors: an invalid label colour is refused with 422 Validation Failed', async () => {
    const world = orgWorld();
    world.addRepo(`${ORG}/errors`);
    await replay(world, scenario('errors'));
  });
});
