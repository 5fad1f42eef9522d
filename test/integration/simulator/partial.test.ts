// Partial answers and the newer limit errors (issue 10 items 1, 2, 3 and 8): GitHub answers what it
// can, with an error at the path of each part it could not answer.
import { afterEach, describe, expect, it } from 'vitest';
import { validateRestResponse } from '../../support/openapi.js';
import { type Simulator, type StartOptions, startSimulator } from '../../support/simulator/server.js';
import { graphql, send } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function start(opts: Omit<StartOptions, 'world'> = {}): Promise<Simulator> {
  const world = smallWorld();
  world.addPullRequest(REPO, { commits: [{ author: 'alice' }] }); // #3
  world.addPullRequest(REPO, { commits: [{ author: 'bob' }] }); // #4
  world.addRepo('secret/vault');
  world.addPullRequest('secret/vault', { commits: [{ author: 'alice' }] });
  sim = await startSimulator({ world, ...opts });
  return sim;
}

const SAML = 'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.';

describe('SAML enforcement and forbidden pull requests', () => {
  it('answers a repository of an unauthorised organisation null, with FORBIDDEN at its path, and the rest in full', async () => {
    await start({ faults: { samlRepositories: ['secret/vault'] } });
    const res = await graphql(
      sim,
      `query Listing {
  r0: repository(owner: "acme", name: "widgets") { nameWithOwner }
  r1: repository(owner: "secret", name: "vault") { nameWithOwner }
}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { r0: { nameWithOwner: REPO }, r1: null },
      errors: [
        {
          type: 'FORBIDDEN',
          path: ['r1'],
          extensions: { saml_failure: true },
          locations: [{ line: 3, column: 3 }],
          message: SAML,
        },
      ],
    });
  });

  it('puts null in nodes and edges for a forbidden pull request, and a null labels connection where told', async () => {
    await start({ faults: { forbiddenPullRequests: [`${REPO}#3`], nullLabels: [`${REPO}#1`] } });
    const res = await graphql(
      sim,
      `{ repository(owner: "acme", name: "widgets") {
  pullRequests(first: 10, states: OPEN) {
    nodes { number labels(first: 10) { nodes { name } } }
    edges { node { number } }
  }
} }`,
    );
    const body = res.body as { data: unknown; errors: { type: string; path: unknown[] }[] };
    expect(body.data).toEqual({
      repository: {
        pullRequests: {
          nodes: [{ number: 1, labels: null }, null, { number: 4, labels: { nodes: [] } }],
          edges: [{ node: { number: 1 } }, { node: null }, { node: { number: 4 } }],
        },
      },
    });
    expect(body.errors.map((e) => [e.type, e.path])).toEqual([
      ['FORBIDDEN', ['repository', 'pullRequests', 'nodes', 0, 'labels']],
      ['FORBIDDEN', ['repository', 'pullRequests', 'nodes', 1]],
      ['FORBIDDEN', ['repository', 'pullRequests', 'edges', 1, 'node']],
    ]);
  });

  it('answers null in nodes(ids:) and for pullRequest(number:)', async () => {
    await start({ faults: { forbiddenPullRequests: [`${REPO}#3`] } });
    const ids = [1, 3].map((n) => sim.world.pullRequest(REPO, n).nodeId);
    const res = await graphql(
      sim,
      `query($ids: [ID!]!) {
  nodes(ids: $ids) { ... on PullRequest { number } }
  repository(owner: "acme", name: "widgets") { pullRequest(number: 3) { number } }
}`,
      { ids },
    );
    const body = res.body as { data: unknown; errors: { path: unknown[] }[] };
    expect(body.data).toEqual({ nodes: [{ number: 1 }, null], repository: { pullRequest: null } });
    expect(body.errors.map((e) => e.path)).toEqual([['nodes', 1], ['repository', 'pullRequest']]);
  });
});

describe('rate limits as GitHub sends them now', () => {
  it('answers a spent budget in the newer RATE_LIMIT form when told to', async () => {
    await start({ graphqlLimit: 1, faults: { graphqlRateLimitType: 'RATE_LIMIT' } });
    const q = '{ viewer { login } }';
    expect((await graphql(sim, q)).status).toBe(200);
    const res = await graphql(sim, q);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    const userId = sim.world.user('cla-bot')?.id ?? 0;
    expect(res.body).toEqual({
      errors: [{ type: 'RATE_LIMIT', code: 'graphql_rate_limit', message: `API rate limit already exceeded for user ID ${userId}.` }],
    });
  });

  it('names the installation in RATE_LIMITED for an installation token', async () => {
    const world = smallWorld();
    world.addApp('bot');
    const inst = world.installApp('bot', 'acme');
    sim = await startSimulator({ world, graphqlLimit: 0, tokens: { ghs: { installation: inst.id } } });
    const res = await graphql(sim, '{ viewer { login } }', {}, { headers: { authorization: 'token ghs' } });
    expect(res.body).toEqual({ errors: [{ type: 'RATE_LIMITED', message: `API rate limit exceeded for installation ID ${inst.id}.` }] });
  });

  it.each([200, 403] as const)('answers a GraphQL secondary limit with HTTP %s and retry-after, then lifts', async (status) => {
    await start({
      faults: { secondaryLimitAfterRequests: 1, secondaryLimitRequests: 2, secondaryLimitGraphqlStatus: status, secondaryRetryAfterSeconds: 30 },
    });
    const q = '{ viewer { login } }';
    expect((await graphql(sim, q)).body).toMatchObject({ data: { viewer: { login: 'cla-bot' } } });
    const limited = await graphql(sim, q);
    expect(limited.status).toBe(status);
    expect(limited.headers.get('retry-after')).toBe('30');
    const message = expect.stringMatching(/^You have exceeded a secondary rate limit\./);
    expect(limited.body).toEqual(status === 200 ? { errors: [{ message }] } : expect.objectContaining({ message }));
    const rest = await send(sim, 'GET', `/repos/${REPO}/labels`);
    expect(rest.status).toBe(403);
    expect(validateRestResponse('GET', `/repos/${REPO}/labels`, rest.status, rest.body)).toEqual([]);
    expect((await graphql(sim, q)).status).toBe(200);
    expect(sim.counters.log.map((r) => r.status)).toEqual([200, status, 403, 200]);
  });
});

describe('RESOURCE_LIMITS_EXCEEDED', () => {
  const LISTING = `query Listing($size: Int!) {
  rateLimit { cost }
  r0: repository(owner: "acme", name: "widgets") {
    nameWithOwner
    pullRequests(first: $size) { nodes { number commits(first: 100) { totalCount } } }
  }
  r1: repository(owner: "secret", name: "vault") {
    pullRequests(first: $size) { nodes { number } }
  }
}`;

  it('answers a query over the limit with partial data and the error at each failed connection; a halved one passes', async () => {
    await start({ faults: { resourceLimitAboveNodes: 3000 } });
    const res = await graphql(sim, LISTING, { size: 50 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { rateLimit: { cost: 1 }, r0: null, r1: null },
      errors: [
        expect.objectContaining({ type: 'RESOURCE_LIMITS_EXCEEDED', path: ['r0', 'pullRequests'], message: 'Resource limits for this query exceeded.' }),
        expect.objectContaining({ type: 'RESOURCE_LIMITS_EXCEEDED', path: ['r1', 'pullRequests'] }),
      ],
    });
    const smaller = await graphql(sim, LISTING, { size: 25 });
    expect((smaller.body as { errors?: unknown }).errors).toBeUndefined();
  });
});

describe('label names in another case', () => {
  it('are found case-insensitively by default, and only exactly under caseSensitiveLabelLookup; REST stays case-insensitive', async () => {
    const q = '{ repository(owner: "acme", name: "widgets") { label(name: "CLA: Signed") { name } } }';
    await start();
    sim.world.addLabel(REPO, 'cla: signed');
    expect((await graphql(sim, q)).body).toEqual({ data: { repository: { label: { name: 'cla: signed' } } } });
    sim.setFaults({ caseSensitiveLabelLookup: true });
    expect((await graphql(sim, q)).body).toEqual({ data: { repository: { label: null } } });
    const get = await send(sim, 'GET', `/repos/${REPO}/labels/${encodeURIComponent('CLA: Signed')}`);
    expect(get.status).toBe(200);
    const create = await send(sim, 'POST', `/repos/${REPO}/labels`, { body: { name: 'CLA: Signed' } });
    expect(create.status).toBe(422);
    expect(create.body).toMatchObject({ errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
  });

  it('filter pull requests by label exactly under caseSensitiveLabelLookup', async () => {
    await start({ faults: { caseSensitiveLabelLookup: true } });
    sim.world.pullRequest(REPO, 1).labels.push('cla: signed');
    sim.world.addLabel(REPO, 'cla: signed');
    const q = (name: string) => `{ repository(owner: "acme", name: "widgets") { pullRequests(first: 5, labels: ["${name}"]) { totalCount } } }`;
    expect((await graphql(sim, q('cla: signed'))).body).toMatchObject({ data: { repository: { pullRequests: { totalCount: 1 } } } });
    expect((await graphql(sim, q('CLA: Signed'))).body).toMatchObject({ data: { repository: { pullRequests: { totalCount: 0 } } } });
  });
});
