// The REST calls of publish: check-run (creating and updating our runs, finding the token's App)
// are ones GitHub's OpenAPI description has, with bodies it accepts and answers it describes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOwner } from '../../src/github/app-identity.js';
import { createClient, type GitHubClient } from '../../src/github/client.js';
import { GraphqlRunner } from '../../src/github/graphql-runner.js';
import { RestWriter } from '../../src/github/writer.js';
import { silentLogger } from '../../src/log.js';
import type { Action } from '../../src/reconcile/model.js';
import { validateRestRequest, validateRestResponse } from '../support/openapi.js';
import { type Simulator, startSimulator, World } from '../support/simulator/index.js';

interface Exchange {
  method: string;
  path: string;
  body: unknown;
  status?: number;
  response?: unknown;
}

describe('check run REST calls against the OpenAPI description', () => {
  let sim: Simulator;
  const exchanges: Exchange[] = [];
  const world = new World();
  world.addUser('alice');
  world.addRepo('acme/widgets');
  const pr = world.addPullRequest('acme/widgets', { commits: [{ author: 'alice' }] });
  const sha = world.headSha('acme/widgets', pr.number);
  world.addApp('cla-sweeper', { id: 4242 });
  const installation = world.installApp('cla-sweeper', 'acme').id;

  function client(token: string): GitHubClient {
    const c = createClient({ token, apiUrl: sim.url, userAgent: 'cla-sweeper-test', log: silentLogger(), maxConcurrency: 1, writeIntervalMs: 0, retryBaseMs: 1 });
    c.hook.wrap('request', async (request, options) => {
      const wire = c.request.endpoint.parse(options);
      const path = decodeURIComponent(new URL(wire.url).pathname);
      const ex: Exchange = { method: wire.method, path, body: wire.body ?? null };
      exchanges.push(ex);
      const response = await request(options);
      ex.status = response.status;
      ex.response = response.data;
      return response;
    });
    return c;
  }

  beforeAll(async () => {
    sim = await startSimulator({ world, tokens: { ghs: { installation }, pat: 'alice' } });
  });
  afterAll(() => sim.close());

  const run = (runId: number | null, conclusion: 'success' | 'action_required'): Action => ({
    kind: 'set-check-run',
    repo: 'acme/widgets',
    number: pr.number,
    sha,
    context: 'cla/signed',
    state: conclusion === 'success' ? 'success' : 'failure',
    conclusion,
    detailsUrl: 'https://example.org/cla',
    externalId: 'cla-sweeper',
    output: { title: 'CLA missing: @bob', summary: '- `@bob`: commit author: sign the CLA.', text: null },
    runId,
    previous: null,
    reason: 'test',
  });

  it('creates, then updates in place, with requests and answers GitHub describes', async () => {
    const writer = new RestWriter(client('ghs'), { reads: 0, writes: 0 });
    await writer.apply(run(null, 'action_required'));
    const [created] = world.checkRunsOf('acme/widgets', sha, 'cla/signed');
    expect(created).toMatchObject({ appId: 4242, conclusion: 'action_required', externalId: 'cla-sweeper', status: 'completed' });
    await writer.apply(run(created!.id, 'success'));
    expect(world.checkRunsOf('acme/widgets', sha, 'cla/signed')).toMatchObject([{ id: created!.id, conclusion: 'success' }]);
    expect(exchanges.map((e) => `${e.method} ${e.status}`)).toEqual(['POST 201', 'PATCH 200']);
    for (const e of exchanges) {
      expect(validateRestRequest(e.method, e.path, e.body), `${e.method} ${e.path}`).toEqual([]);
      expect(validateRestResponse(e.method, e.path, e.status!, e.response), `${e.method} ${e.path}`).toEqual([]);
    }
  });

  it('tells an installation token\'s App by its bot and GET /apps/{app_slug}; a user\'s token by its login', async () => {
    exchanges.length = 0;
    const ghs = client('ghs');
    const owner = await tokenOwner({ client: ghs, runner: new GraphqlRunner(ghs, silentLogger(), 0), rest: { reads: 0, writes: 0 } });
    expect(owner).toEqual({ kind: 'app', slug: 'cla-sweeper', appId: 4242 });
    const rest = exchanges.filter((e) => !e.path.endsWith('/graphql'));
    expect(rest.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /apps/cla-sweeper']);
    expect(validateRestResponse('GET', rest[0]!.path, rest[0]!.status!, rest[0]!.response)).toEqual([]);
    const pat = client('pat');
    expect(await tokenOwner({ client: pat, runner: new GraphqlRunner(pat, silentLogger(), 0), rest: { reads: 0, writes: 0 } })).toEqual({ kind: 'user', login: 'alice' });
  });
});
