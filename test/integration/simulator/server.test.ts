import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { TOKEN, rawRequest, send } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

describe('the simulator refuses what GitHub refuses', () => {
  it('answers 403 without a User-Agent, with GitHub\'s text, and logs it', async () => {
    sim = await startSimulator({ world: smallWorld() });
    const res = await rawRequest(sim, 'GET', `/repos/${REPO}/labels`, { authorization: `token ${TOKEN}` });
    expect(res.status).toBe(403);
    expect(res.body).toContain('Request forbidden by administrative rules. Please make sure your request has a User-Agent header');
    expect(sim.counters.log).toEqual([expect.objectContaining({ kind: 'rest-read', status: 403 })]);
    expect(sim.counters.requests['rest-read']).toBe(1);
  });

  it.each([
    ['no Authorization header', null, 'Requires authentication'],
    ['an unknown token', 'token nope', 'Bad credentials'],
    ['an unknown bearer token', 'Bearer nope', 'Bad credentials'],
    ['a scheme GitHub does not take', `Basic ${TOKEN}`, 'Bad credentials'],
  ])('answers 401 to %s', async (_name, authorization, message) => {
    sim = await startSimulator({ world: smallWorld() });
    const res = await send(sim, 'GET', '/user', { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message, documentation_url: 'https://docs.github.com/rest', status: '401' });
  });

  it.each([`token ${TOKEN}`, `Bearer ${TOKEN}`, `bearer ${TOKEN}`])('accepts "%s" and knows the viewer', async (authorization) => {
    sim = await startSimulator({ world: smallWorld() });
    const res = await send(sim, 'GET', '/user', { headers: { authorization } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ login: 'cla-bot' });
  });

  it('maps each configured token to its own account', async () => {
    sim = await startSimulator({ world: smallWorld(), tokens: { t1: 'alice', t2: 'bob' } });
    const a = await send(sim, 'GET', '/user', { headers: { authorization: 'token t1' } });
    const b = await send(sim, 'GET', '/user', { headers: { authorization: 'token t2' } });
    const old = await send(sim, 'GET', '/user');
    expect([a.body, b.body]).toMatchObject([{ login: 'alice' }, { login: 'bob' }]);
    expect(old.status).toBe(401);
  });

  it.each([
    ['an unknown repository', 'GET', '/repos/acme/nothing/labels'],
    ['an unknown pull request', 'GET', `/repos/${REPO}/issues/99/labels`],
    ['an unknown route', 'GET', '/orgs/acme/teams'],
    ['an unsupported method on a known route', 'PUT', `/repos/${REPO}/labels`],
  ])('answers GitHub\'s 404 to %s', async (_name, method, path) => {
    sim = await startSimulator({ world: smallWorld() });
    const res = await send(sim, method, path);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Not Found', documentation_url: expect.any(String), status: '404' });
  });

  it('answers 400 to a body that is not JSON', async () => {
    sim = await startSimulator({ world: smallWorld() });
    const res = await send(sim, 'POST', `/repos/${REPO}/labels`, { body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: 'Problems parsing JSON' });
  });
});

describe('GitHub Enterprise Server paths', () => {
  it('serves the same routes under /api/v3 and builds links under that prefix', async () => {
    sim = await startSimulator({ world: smallWorld() });
    sim.world.addLabel(REPO, 'cla: signed');
    const res = await send(sim, 'GET', `/api/v3/repos/${REPO}/labels`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ url: `${sim.url}/api/v3/repos/${REPO}/labels/cla%3A%20signed` })]);
  });
});

describe('primary rate limits', () => {
  it('sends the core budget on every REST answer and charges one point per request', async () => {
    sim = await startSimulator({ world: smallWorld(), restLimit: 10 });
    const first = await send(sim, 'GET', `/repos/${REPO}`);
    const second = await send(sim, 'GET', `/repos/${REPO}/labels`);
    expect(Object.fromEntries([...first.headers].filter(([k]) => k.startsWith('x-ratelimit-')))).toEqual({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '9',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(sim.state.restBudget.resetAt),
      'x-ratelimit-resource': 'core',
    });
    expect(second.headers.get('x-ratelimit-remaining')).toBe('8');
  });

  it('does not charge GET /rate_limit, as GitHub does not', async () => {
    sim = await startSimulator({ world: smallWorld(), restLimit: 10 });
    const res = await send(sim, 'GET', '/rate_limit');
    expect(res.body).toMatchObject({ resources: { core: { limit: 10, remaining: 10, used: 0 } } });
    expect(sim.state.restBudget.remaining).toBe(10);
  });

  it('refuses REST requests with 403 and remaining 0 once the budget is spent', async () => {
    sim = await startSimulator({ world: smallWorld(), restLimit: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(sim, 'GET', `/repos/${REPO}/labels`)).status);
    const refused = await send(sim, 'GET', `/repos/${REPO}/labels`);
    expect(statuses).toEqual([200, 200, 403]);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded for user ID \d+\./) });
  });

  it('starts a fresh budget when the hour is over', async () => {
    sim = await startSimulator({ world: smallWorld(), restLimit: 1 });
    await send(sim, 'GET', '/user');
    sim.state.restBudget.resetAt = Math.floor(Date.now() / 1000) - 1;
    const res = await send(sim, 'GET', '/user');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});

describe('counters', () => {
  it('counts requests by kind, writes per pull request and logs each request in order', async () => {
    sim = await startSimulator({ world: smallWorld() });
    const head = sim.world.headSha(REPO, 1);
    await send(sim, 'GET', `/repos/${REPO}/issues/1/labels`);
    await send(sim, 'POST', `/repos/${REPO}/issues/1/labels`, { body: { labels: ['cla: signed'] } });
    await send(sim, 'POST', `/repos/${REPO}/statuses/${head}`, { body: { state: 'success', context: 'cla/signed' } });
    await send(sim, 'POST', `/repos/${REPO}/statuses/${head}`, { body: { state: 'bogus' } });
    await send(sim, 'GET', '/user', { headers: { authorization: null } });

    expect(sim.counters.requests).toEqual({ 'graphql-query': 0, 'graphql-mutation': 0, 'rest-read': 2, 'rest-write': 3 });
    expect([...sim.counters.writesPerPullRequest]).toEqual([[`${REPO}#1`, 2]]);
    expect(sim.counters.log.map((r) => [r.kind, r.method, r.status, r.pullRequest])).toEqual([
      ['rest-read', 'GET', 200, undefined],
      ['rest-write', 'POST', 200, `${REPO}#1`],
      ['rest-write', 'POST', 201, `${REPO}#1`],
      ['rest-write', 'POST', 422, undefined],
      ['rest-read', 'GET', 401, undefined],
    ]);
    expect(sim.counters.log[0]?.path).toBe(`/repos/${REPO}/issues/1/labels`);
  });

  it('does not attribute a status on a SHA that heads no open pull request', async () => {
    sim = await startSimulator({ world: smallWorld() });
    const firstCommit = sim.world.pullRequest(REPO, 1).commits[0]!;
    const res = await send(sim, 'POST', `/repos/${REPO}/statuses/${firstCommit}`, { body: { state: 'success' } });
    expect(res.status).toBe(201);
    expect(sim.counters.writesPerPullRequest.size).toBe(0);
  });

  it('records the most requests in flight at once', async () => {
    sim = await startSimulator({ world: smallWorld(), faults: { latencyMs: 250 } });
    await Promise.all(Array.from({ length: 5 }, () => send(sim, 'GET', '/user')));
    await send(sim, 'GET', '/user');
    expect(sim.counters.maxInFlight).toBe(5);
  });

  it('resetCounters empties the counters in place', async () => {
    sim = await startSimulator({ world: smallWorld() });
    const counters = sim.counters;
    await send(sim, 'POST', `/repos/${REPO}/issues/1/labels`, { body: ['x'] });
    sim.resetCounters();
    expect(counters).toEqual({
      requests: { 'graphql-query': 0, 'graphql-mutation': 0, 'rest-read': 0, 'rest-write': 0 },
      costPoints: 0,
      writesPerPullRequest: new Map(),
      maxInFlight: 0,
      log: [],
    });
  });
});
