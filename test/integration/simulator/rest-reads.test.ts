import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { send } from './http.js';
import { ARCHIVED, REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ world: smallWorld() });
});
afterEach(async () => {
  await sim.close();
});

describe('GET /repos/{owner}/{repo}/contents/{path}', () => {
  it('answers a file as base64 JSON', async () => {
    const res = await send(sim, 'GET', `/repos/${REPO}/contents/signatories.yaml`);
    expect(res.status).toBe(200);
    const body = res.body as { type: string; encoding: string; content: string; path: string; sha: string };
    expect(body).toMatchObject({ type: 'file', encoding: 'base64', path: 'signatories.yaml', name: 'signatories.yaml' });
    expect(Buffer.from(body.content, 'base64').toString('utf8')).toBe('signatories:\n  - github: alice\n');
    expect(body.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each(['application/vnd.github.raw+json', 'application/vnd.github.raw', 'application/vnd.github.v3.raw'])(
    'answers the raw text for Accept: %s',
    async (accept) => {
      const res = await send(sim, 'GET', `/repos/${REPO}/contents/docs/cla.md`, { headers: { accept } });
      expect(res.status).toBe(200);
      expect(res.body).toBe('# CLA\n');
    },
  );

  it('reads the default branch by name or as refs/heads/…', async () => {
    for (const ref of ['main', 'refs/heads/main']) {
      expect((await send(sim, 'GET', `/repos/${REPO}/contents/docs/cla.md?ref=${encodeURIComponent(ref)}`)).status).toBe(200);
    }
  });

  it('lists a directory', async () => {
    const res = await send(sim, 'GET', `/repos/${REPO}/contents/docs`);
    expect(res.body).toEqual([expect.objectContaining({ type: 'file', path: 'docs/cla.md', name: 'cla.md' })]);
  });

  it.each([
    ['a missing file', `/repos/${REPO}/contents/nope.yaml`, 'Not Found'],
    ['an unknown repository', '/repos/acme/nope/contents/a.yaml', 'Not Found'],
    ['an unknown ref', `/repos/${REPO}/contents/docs/cla.md?ref=develop`, 'No commit found for the ref develop'],
  ])('answers 404 for %s', async (_name, path, message) => {
    const res = await send(sim, 'GET', path);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message, status: '404' });
  });
});

describe('account and repository reads', () => {
  it('GET /user answers the token\'s account', async () => {
    const res = await send(sim, 'GET', '/user');
    expect(res.body).toMatchObject({ login: 'cla-bot', type: 'User' });
  });

  it('GET /rate_limit reports both budgets', async () => {
    await send(sim, 'GET', '/user');
    const res = await send(sim, 'GET', '/rate_limit');
    expect(res.body).toMatchObject({
      rate: { limit: 5000, remaining: 4999, used: 1 },
      resources: { core: { remaining: 4999 }, graphql: { limit: 5000, remaining: 5000, used: 0 } },
    });
  });

  it.each([
    [REPO, false],
    [ARCHIVED, true],
  ])('GET /repos/%s answers the repository with archived=%s', async (name, archived) => {
    const res = await send(sim, 'GET', `/repos/${name}`);
    expect(res.body).toMatchObject({ full_name: name, archived, default_branch: 'main' });
  });
});
