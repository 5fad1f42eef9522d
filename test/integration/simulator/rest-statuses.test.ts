import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { send } from './http.js';
import { ARCHIVED, REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
let head: string;
beforeEach(async () => {
  sim = await startSimulator({ world: smallWorld() });
  head = sim.world.headSha(REPO, 1);
});
afterEach(async () => {
  await sim.close();
});

const post = (sha: string, body: unknown, repo = REPO) => send(sim, 'POST', `/repos/${repo}/statuses/${sha}`, { body });

describe('POST /repos/{owner}/{repo}/statuses/{sha}', () => {
  it('creates a status on the commit, answers 201 with it and a Location', async () => {
    const res = await post(head, { state: 'failure', context: 'cla/signed', description: 'CLA missing: @bob', target_url: 'https://example.org/cla' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${sim.url}/repos/${REPO}/statuses/${head}`);
    expect(res.body).toMatchObject({
      state: 'failure',
      context: 'cla/signed',
      description: 'CLA missing: @bob',
      target_url: 'https://example.org/cla',
      creator: { login: 'cla-bot' },
    });
    expect(sim.world.statusOf(REPO, head, 'cla/signed')).toMatchObject({ state: 'failure', creator: 'cla-bot' });
  });

  it('accepts a description of exactly 140 characters', async () => {
    expect((await post(head, { state: 'success', description: 'x'.repeat(140) })).status).toBe(201);
  });

  it('uses the context "default" when none is given', async () => {
    const res = await post(head, { state: 'pending' });
    expect(res.body).toMatchObject({ context: 'default', description: null, target_url: null });
  });

  it.each([
    ['a 141-character description', { state: 'success', description: 'x'.repeat(141) }, 'description', 'description is too long (maximum is 140 characters)'],
    ['no state', { context: 'cla/signed' }, 'state', 'state is not included in the list'],
    ['an unknown state', { state: 'green' }, 'state', 'state is not included in the list'],
  ])('refuses %s with 422 Validation Failed', async (_name, body, field, message) => {
    const res = await post(head, body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'Status', code: 'custom', field, message }],
      documentation_url: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status',
      status: '422',
    });
    expect(sim.world.latestStatuses(REPO, head)).toEqual([]);
  });

  it('refuses an unknown SHA with 422 "No commit found for SHA"', async () => {
    const sha = 'f'.repeat(40);
    const res = await post(sha, { state: 'success' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ message: `No commit found for SHA: ${sha}`, status: '422' });
  });

  it('refuses a write to an archived repository with 403', async () => {
    const res = await post(sim.world.headSha(ARCHIVED, 1), { state: 'success' }, ARCHIVED);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ message: 'Repository was archived so is read-only.', status: '403' });
  });
});

describe('reading statuses', () => {
  it('lists every status of a commit, newest first, and paginates', async () => {
    for (const state of ['pending', 'failure', 'success']) await post(head, { state, context: 'cla/signed' });
    const all = await send(sim, 'GET', `/repos/${REPO}/commits/${head}/statuses`);
    expect((all.body as { state: string }[]).map((s) => s.state)).toEqual(['success', 'failure', 'pending']);
    const page = await send(sim, 'GET', `/repos/${REPO}/commits/${head}/statuses?per_page=2&page=2`);
    expect((page.body as { state: string }[]).map((s) => s.state)).toEqual(['pending']);
    expect(page.headers.get('link')).toContain('rel="prev"');
  });

  it.each([
    [[], 'pending'],
    [['success', 'success'], 'success'],
    [['success', 'pending'], 'pending'],
    [['success', 'error'], 'failure'],
    [['pending', 'failure'], 'failure'],
  ])('combines the latest status of each context %j into %s', async (states, combined) => {
    for (const [i, state] of states.entries()) await post(head, { state, context: `ctx/${i}` });
    const res = await send(sim, 'GET', `/repos/${REPO}/commits/${head}/status`);
    expect(res.body).toMatchObject({ state: combined, sha: head, total_count: states.length });
  });

  it('shows only the latest status per context in the combined status', async () => {
    await post(head, { state: 'failure', context: 'cla/signed' });
    await post(head, { state: 'success', context: 'cla/signed' });
    const res = await send(sim, 'GET', `/repos/${REPO}/commits/${head}/status`);
    expect(res.body).toMatchObject({ state: 'success', total_count: 1, statuses: [{ state: 'success' }] });
  });

  it('resolves a pull request\'s branch name to its head', async () => {
    await post(head, { state: 'success', context: 'cla/signed' });
    const branch = sim.world.pullRequest(REPO, 1).headRefName;
    const res = await send(sim, 'GET', `/repos/${REPO}/commits/${branch}/status`);
    expect(res.body).toMatchObject({ sha: head, state: 'success' });
  });

  it('answers 422 for a ref that names no commit', async () => {
    const res = await send(sim, 'GET', `/repos/${REPO}/commits/nope/status`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ message: 'No commit found for SHA: nope' });
  });
});
