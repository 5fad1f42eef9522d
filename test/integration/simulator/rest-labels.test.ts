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

const names = (body: unknown) => (body as { name: string }[]).map((l) => l.name);

describe('repository labels', () => {
  it('creates a label, answers 201, and reads it back case-insensitively', async () => {
    const created = await send(sim, 'POST', `/repos/${REPO}/labels`, { body: { name: 'cla: signed', color: '0E8A16', description: 'All signed' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'cla: signed', color: '0E8A16', description: 'All signed', default: false });
    const read = await send(sim, 'GET', `/repos/${REPO}/labels/${encodeURIComponent('CLA: Signed')}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'cla: signed' });
  });

  it.each([
    ['a name that exists in another case', { name: 'BUG' }, 'already_exists', 'name'],
    ['a colour that is not six hex digits', { name: 'x', color: 'invalid' }, 'invalid', 'color'],
    ['an empty name', { name: ' ' }, 'invalid', 'name'],
  ])('refuses %s with 422', async (_name, body, code, field) => {
    sim.world.addLabel(REPO, 'bug');
    const res = await send(sim, 'POST', `/repos/${REPO}/labels`, { body });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Label', code, field }] });
  });

  it('refuses a create without a name', async () => {
    const res = await send(sim, 'POST', `/repos/${REPO}/labels`, { body: { color: 'ffffff' } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ message: expect.stringContaining('"name" wasn\'t supplied') });
  });

  it('lists labels in pages with a Link header', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) sim.world.addLabel(REPO, n);
    const first = await send(sim, 'GET', `/repos/${REPO}/labels?per_page=2`);
    expect(names(first.body)).toEqual(['a', 'b']);
    expect(first.headers.get('link')).toBe(
      `<${sim.url}/repos/${REPO}/labels?per_page=2&page=2>; rel="next", <${sim.url}/repos/${REPO}/labels?per_page=2&page=3>; rel="last"`,
    );
    const last = await send(sim, 'GET', `/repos/${REPO}/labels?per_page=2&page=3`);
    expect(names(last.body)).toEqual(['e']);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('renames a label everywhere it is used', async () => {
    sim.world.addLabel(REPO, 'cla: signed');
    sim.world.pullRequest(REPO, 1).labels.push('cla: signed');
    const res = await send(sim, 'PATCH', `/repos/${REPO}/labels/${encodeURIComponent('cla: signed')}`, { body: { new_name: 'cla: ok', color: 'BADA55' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'cla: ok', color: 'BADA55' });
    expect(sim.world.labelsOf(REPO, 1)).toEqual(['cla: ok']);
    expect((await send(sim, 'GET', `/repos/${REPO}/labels/${encodeURIComponent('cla: signed')}`)).status).toBe(404);
  });

  it('refuses a rename onto another label\'s name', async () => {
    sim.world.addLabel(REPO, 'a');
    sim.world.addLabel(REPO, 'b');
    const res = await send(sim, 'PATCH', `/repos/${REPO}/labels/a`, { body: { new_name: 'B' } });
    expect(res.status).toBe(422);
  });

  it('deletes a label from the repository and from its pull requests', async () => {
    sim.world.addLabel(REPO, 'x');
    sim.world.pullRequest(REPO, 1).labels.push('x');
    expect((await send(sim, 'DELETE', `/repos/${REPO}/labels/x`)).status).toBe(204);
    expect(sim.world.labelsOf(REPO, 1)).toEqual([]);
    expect((await send(sim, 'DELETE', `/repos/${REPO}/labels/x`)).status).toBe(404);
  });

  it.each([
    ['POST', '/labels', { name: 'x' }],
    ['PATCH', '/labels/old', { color: 'ffffff' }],
    ['DELETE', '/labels/old', undefined],
  ])('refuses %s %s on an archived repository with 403', async (method, suffix, body) => {
    sim.world.addLabel(ARCHIVED, 'old');
    const res = await send(sim, method, `/repos/${ARCHIVED}${suffix}`, { body });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ message: 'Repository was archived so is read-only.' });
  });
});

describe('labels on an issue or pull request', () => {
  const path = `/repos/${REPO}/issues/1/labels`;

  it.each([
    ['an object of names', { labels: ['cla: missing'] }],
    ['a bare array of names', ['cla: missing']],
    ['an object of {name}', { labels: [{ name: 'cla: missing' }] }],
  ])('adds labels given as %s, creating those the repository lacks', async (_name, body) => {
    const res = await send(sim, 'POST', path, { body });
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['cla: missing']);
    expect(sim.world.mustRepo(REPO).labels.get('cla: missing')).toMatchObject({ color: 'ededed' });
  });

  it('treats adding a label already on the pull request as a no-op that answers the list', async () => {
    sim.world.addLabel(REPO, 'cla: signed');
    await send(sim, 'POST', path, { body: { labels: ['cla: signed'] } });
    const again = await send(sim, 'POST', path, { body: { labels: ['CLA: SIGNED'] } });
    expect(again.status).toBe(200);
    expect(names(again.body)).toEqual(['cla: signed']);
    expect(sim.world.labelsOf(REPO, 1)).toEqual(['cla: signed']);
  });

  it('refuses an empty list to add', async () => {
    expect((await send(sim, 'POST', path, { body: { labels: [] } })).status).toBe(422);
  });

  it('replaces all labels with PUT, and PUT [] clears them', async () => {
    await send(sim, 'POST', path, { body: ['a', 'b'] });
    const put = await send(sim, 'PUT', path, { body: { labels: ['c'] } });
    expect(names(put.body)).toEqual(['c']);
    const cleared = await send(sim, 'PUT', path, { body: { labels: [] } });
    expect(cleared.body).toEqual([]);
  });

  it('removes one label and answers the labels left', async () => {
    await send(sim, 'POST', path, { body: ['a', 'b'] });
    const res = await send(sim, 'DELETE', `${path}/A`);
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['b']);
  });

  it('answers 404 "Label does not exist" when removing a label the pull request does not have', async () => {
    sim.world.addLabel(REPO, 'a');
    const res = await send(sim, 'DELETE', `${path}/a`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: 'Label does not exist', status: '404' });
  });

  it('removes every label with DELETE', async () => {
    await send(sim, 'POST', path, { body: ['a', 'b'] });
    expect((await send(sim, 'DELETE', path)).status).toBe(204);
    expect(sim.world.labelsOf(REPO, 1)).toEqual([]);
  });

  it('reads the labels of a closed pull request too', async () => {
    sim.world.pullRequest(REPO, 2).labels.push('x');
    sim.world.addLabel(REPO, 'x');
    const res = await send(sim, 'GET', `/repos/${REPO}/issues/2/labels`);
    expect(names(res.body)).toEqual(['x']);
  });

  it('refuses label writes on an archived repository', async () => {
    const res = await send(sim, 'POST', `/repos/${ARCHIVED}/issues/1/labels`, { body: ['x'] });
    expect(res.status).toBe(403);
  });
});

describe('comments', () => {
  const path = `/repos/${REPO}/issues/1/comments`;

  it('creates, lists and updates a comment', async () => {
    const created = await send(sim, 'POST', path, { body: { body: 'Please sign the CLA.' } });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect(created.body).toMatchObject({ body: 'Please sign the CLA.', user: { login: 'cla-bot' } });
    const updated = await send(sim, 'PATCH', `/repos/${REPO}/issues/comments/${id}`, { body: { body: 'Thanks!' } });
    expect(updated.status).toBe(200);
    const list = await send(sim, 'GET', path);
    expect(list.body).toEqual([expect.objectContaining({ id, body: 'Thanks!' })]);
    expect(sim.counters.writesPerPullRequest.get(`${REPO}#1`)).toBe(2);
  });

  it.each([
    ['POST', path, {}, 422],
    ['PATCH', `/repos/${REPO}/issues/comments/424242`, { body: 'x' }, 404],
  ])('refuses %s %s', async (method, p, body, status) => {
    expect((await send(sim, method, p, { body })).status).toBe(status);
  });
});
