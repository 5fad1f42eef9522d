// Every REST call cla-sweeper makes is one GitHub's OpenAPI description has, with a body it
// accepts, and the simulator's answers fit the described responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type GitHubClient } from '../../src/github/client.js';
import { readRepoFile } from '../../src/github/read-file.js';
import { RestWriter } from '../../src/github/writer.js';
import type { Action } from '../../src/reconcile/model.js';
import { silentLogger } from '../../src/log.js';
import { TOKEN } from '../support/harness.js';
import { validateRestRequest, validateRestResponse } from '../support/openapi.js';
import { type Simulator, startSimulator, World } from '../support/simulator/index.js';

interface Exchange {
  method: string;
  path: string;
  body: unknown;
  status?: number;
  response?: unknown;
}

describe('REST calls against the OpenAPI description', () => {
  let sim: Simulator;
  let client: GitHubClient;
  const exchanges: Exchange[] = [];
  const world = new World();
  world.addUser('alice');
  world.addRepo('acme/widgets');
  world.setFile('acme/widgets', 'cla/signatories.yaml', 'signatories:\n  - github: alice\n');
  const pr = world.addPullRequest('acme/widgets', { commits: [{ author: 'alice' }], labels: ['cla: missing', 'bug'] });
  const sha = world.headSha('acme/widgets', pr.number);

  beforeAll(async () => {
    sim = await startSimulator({ world, tokens: { [TOKEN]: 'cla-bot' } });
    client = createClient({
      token: TOKEN,
      apiUrl: sim.url,
      userAgent: 'cla-sweeper-test',
      log: silentLogger(),
      maxConcurrency: 1,
      writeIntervalMs: 0,
      retryBaseMs: 1,
    });
    client.hook.wrap('request', async (request, options) => {
      // The request as it goes on the wire: URL template expanded, parameters split into path and body.
      const wire = client.request.endpoint.parse(options);
      const path = decodeURIComponent(new URL(wire.url).pathname);
      const ex: Exchange = { method: wire.method, path, body: wire.body ?? null };
      exchanges.push(ex);
      const response = await request(options);
      ex.status = response.status;
      ex.response = response.data;
      return response;
    });
  });
  afterAll(() => sim.close());

  const actions: Action[] = [
    { kind: 'create-label', repo: 'acme/widgets', name: 'cla: signed', color: '0e8a16', description: 'signed', reason: 'test' },
    {
      kind: 'set-status',
      repo: 'acme/widgets',
      number: pr.number,
      sha,
      context: 'cla/signed',
      state: 'success',
      description: 'All commit authors have signed the CLA',
      targetUrl: 'https://example.org/cla',
      previous: null,
      reason: 'test',
    },
    { kind: 'add-label', repo: 'acme/widgets', number: pr.number, label: 'cla: signed', reason: 'test' },
    { kind: 'remove-label', repo: 'acme/widgets', number: pr.number, label: 'cla: missing', reason: 'test' },
  ];

  it('performs every kind of write with requests and responses GitHub describes', async () => {
    const writer = new RestWriter(client, { reads: 0, writes: 0 });
    for (const action of actions) await writer.apply(action);
    expect(world.labelsOf('acme/widgets', pr.number).sort()).toEqual(['bug', 'cla: signed']);
    expect(world.statusOf('acme/widgets', sha, 'cla/signed')?.state).toBe('success');
    expect(exchanges.map((e) => e.method)).toEqual(['POST', 'POST', 'POST', 'DELETE']);
    for (const e of exchanges) {
      expect(validateRestRequest(e.method, e.path, e.body), `${e.method} ${e.path}`).toEqual([]);
      expect(validateRestResponse(e.method, e.path, e.status!, e.response), `${e.method} ${e.path}`).toEqual([]);
    }
  });

  it('treats an already-removed label and an already-created label as done', async () => {
    const writer = new RestWriter(client, { reads: 0, writes: 0 });
    await expect(writer.apply(actions[3]!)).resolves.toBeUndefined();
    await expect(writer.apply(actions[0]!)).resolves.toBeUndefined();
  });

  it('still reports a write to a pull request that cannot be seen', async () => {
    const writer = new RestWriter(client, { reads: 0, writes: 0 });
    await expect(writer.apply({ ...(actions[3] as Extract<Action, { kind: 'remove-label' }>), number: 999 })).rejects.toThrow(/404/);
    await expect(writer.apply({ ...(actions[0] as Extract<Action, { kind: 'create-label' }>), repo: 'acme/gone' })).rejects.toThrow(/404/);
  });

  it('reads a signatories file from a repository through the contents API', async () => {
    exchanges.length = 0;
    const first = await readRepoFile(client, { reads: 0, writes: 0 }, 'acme/widgets', 'cla/signatories.yaml', null);
    expect(first).toMatchObject({ unchanged: false, etag: expect.stringMatching(/^W\/"/) });
    expect(first.text).toContain('github: alice');
    const e = exchanges[0]!;
    expect(validateRestRequest(e.method, e.path, e.body)).toEqual([]);
    expect(validateRestResponse(e.method, e.path, e.status!, e.response)).toEqual([]);
  });

  it('asks again conditionally: an unchanged file answers 304, costs no rate limit, and gives the copy read before', async () => {
    const stats = { reads: 0, writes: 0 };
    const first = await readRepoFile(client, stats, 'acme/widgets', 'cla/signatories.yaml', null);
    const before = sim.state.restBudget.remaining;
    const again = await readRepoFile(client, stats, 'acme/widgets', 'cla/signatories.yaml', null, { etag: first.etag!, text: first.text });
    expect(again).toEqual({ text: first.text, etag: first.etag, unchanged: true });
    expect(sim.state.restBudget.remaining).toBe(before);
    sim.world.setFile('acme/widgets', 'cla/signatories.yaml', `${first.text}  - github: zed\n`);
    const changed = await readRepoFile(client, stats, 'acme/widgets', 'cla/signatories.yaml', null, { etag: first.etag!, text: first.text });
    expect(changed.unchanged).toBe(false);
    expect(changed.text).toContain('zed');
    expect(sim.state.restBudget.remaining).toBe(before - 1);
  });

  it('reports a status GitHub refuses (a description over 140 characters) as an error', async () => {
    const writer = new RestWriter(client, { reads: 0, writes: 0 });
    const long = { ...(actions[1] as Extract<Action, { kind: 'set-status' }>), description: 'x'.repeat(141) };
    await expect(writer.apply(long)).rejects.toThrow(/422/);
  });
});
