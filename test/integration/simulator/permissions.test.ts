// Tokens that know who they are and what they may do per repository, and GitHub's refusals when
// they may read but not write (issue 10 item 5).
import { afterEach, describe, expect, it } from 'vitest';
import { validateRestResponse } from '../../support/openapi.js';
import { type Simulator, type StartOptions, startSimulator } from '../../support/simulator/server.js';
import { graphql, send } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function start(tokens: StartOptions['tokens'], world = smallWorld()): Promise<Simulator> {
  sim = await startSimulator({ world, tokens });
  return sim;
}

const as = (token: string) => ({ headers: { authorization: `token ${token}` } });
const head = () => sim.world.headSha(REPO, 1);

async function writeStatus(token: string) {
  const path = `/repos/${REPO}/statuses/${head()}`;
  const res = await send(sim, 'POST', path, { ...as(token), body: { state: 'success', context: 'cla/signed' } });
  expect(validateRestResponse('POST', path, res.status, res.body)).toEqual([]);
  return res;
}

async function addLabel(token: string) {
  const path = `/repos/${REPO}/issues/1/labels`;
  const res = await send(sim, 'POST', path, { ...as(token), body: { labels: ['cla: signed'] } });
  expect(validateRestResponse('POST', path, res.status, res.body)).toEqual([]);
  return res;
}

describe('classic tokens', () => {
  it('keep working as a plain login with access everywhere', async () => {
    await start({ t: 'alice' });
    expect((await writeStatus('t')).status).toBe(201);
    expect((await addLabel('t')).status).toBe(200);
    expect((await send(sim, 'POST', `/repos/${REPO}/labels`, as('t'))).headers.get('x-accepted-github-permissions')).toBeNull();
  });

  it('answer 404 to a status write and 403 to a label write when the account may only read', async () => {
    await start({ t: { login: 'alice', repositories: { [REPO]: 'read' } } });
    const status = await writeStatus('t');
    expect(status.status).toBe(404);
    expect(status.body).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status',
      status: '404',
    });
    const label = await addLabel('t');
    expect(label.status).toBe(403);
    expect(label.body).toMatchObject({ message: 'Must have admin rights to Repository.', status: '403' });
    expect(label.headers.get('x-accepted-github-permissions')).toBeNull();
    // Reading and commenting stay allowed; nothing was written.
    expect((await send(sim, 'GET', `/repos/${REPO}/issues/1/labels`, as('t'))).status).toBe(200);
    expect((await send(sim, 'POST', `/repos/${REPO}/issues/1/comments`, { ...as('t'), body: { body: 'hi' } })).status).toBe(201);
    expect(sim.world.statusOf(REPO, head(), 'cla/signed')).toBeUndefined();
    expect(sim.world.labelsOf(REPO, 1)).toEqual([]);
    expect(sim.counters.writesPerPullRequest.get(`${REPO}#1`)).toBe(1); // the comment only
  });

  it('hide a repository the account cannot see, on REST and GraphQL', async () => {
    await start({ t: { login: 'alice', repositories: { [REPO]: 'none' } } });
    expect((await send(sim, 'GET', `/repos/${REPO}`, as('t'))).status).toBe(404);
    const res = await graphql(sim, '{ repository(owner: "acme", name: "widgets") { id } }', {}, as('t'));
    expect(res.body).toEqual({
      data: { repository: null },
      errors: [expect.objectContaining({ type: 'NOT_FOUND', path: ['repository'] })],
    });
  });

  it('refuse a label mutation with GitHub\'s FORBIDDEN wording and write nothing', async () => {
    await start({ t: { login: 'alice', repositories: { [REPO]: 'read' } } });
    sim.world.addLabel(REPO, 'cla: signed');
    const pr = sim.world.pullRequest(REPO, 1).nodeId;
    const label = sim.world.repo(REPO)!.labels.get('cla: signed')!.nodeId;
    const res = await graphql(
      sim,
      'mutation($pr: ID!, $l: [ID!]!) { addLabelsToLabelable(input: { labelableId: $pr, labelIds: $l }) { clientMutationId } }',
      { pr, l: [label] },
      as('t'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { addLabelsToLabelable: null },
      errors: [
        expect.objectContaining({
          type: 'FORBIDDEN',
          path: ['addLabelsToLabelable'],
          message: 'alice does not have the correct permissions to execute `AddLabelsToLabelable`',
        }),
      ],
    });
    expect(sim.world.labelsOf(REPO, 1)).toEqual([]);
    expect(sim.counters.writesPerPullRequest.size).toBe(0);
  });
});

describe('fine-grained personal tokens', () => {
  const readOnly = { statuses: 'read', issues: 'read', pull_requests: 'read' } as const;

  it('answer 403 with the permission GitHub would accept, on every write', async () => {
    await start({ t: { login: 'alice', kind: 'fine-grained', repositories: { [REPO]: readOnly } } });
    const status = await writeStatus('t');
    expect(status.status).toBe(403);
    expect(status.body).toMatchObject({ message: 'Resource not accessible by personal access token' });
    expect(status.headers.get('x-accepted-github-permissions')).toBe('statuses=write');
    const label = await addLabel('t');
    expect(label.status).toBe(403);
    expect(label.headers.get('x-accepted-github-permissions')).toBe('issues=write; pull_requests=write');
  });

  it('send the header on answers that succeed too, and accept either permission set', async () => {
    await start({ t: { login: 'alice', kind: 'fine-grained', repositories: { [REPO]: { pull_requests: 'write' } } } });
    const list = await send(sim, 'GET', `/repos/${REPO}/issues/1/labels`, as('t'));
    expect(list.status).toBe(200);
    expect(list.headers.get('x-accepted-github-permissions')).toBe('issues=read; pull_requests=read');
    expect((await addLabel('t')).status).toBe(200);
  });
});

describe('installation tokens', () => {
  function appWorld() {
    const world = smallWorld();
    world.addApp('cla-sweeper', { id: 4242 });
    const inst = world.installApp('cla-sweeper', 'acme', {
      permissions: { metadata: 'read', statuses: 'read', issues: 'write', pull_requests: 'write', checks: 'write' },
    });
    world.addRepo('other/thing');
    return { world, inst };
  }

  it('act as the App\'s bot and are refused "by integration" where the installation lacks the permission', async () => {
    const { world, inst } = appWorld();
    await start({ ghs_t: { installation: inst.id } }, world);
    const status = await writeStatus('ghs_t');
    expect(status.status).toBe(403);
    expect(status.body).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(status.headers.get('x-accepted-github-permissions')).toBe('statuses=write');
    expect((await addLabel('ghs_t')).status).toBe(200);
    const viewer = await graphql(sim, '{ viewer { login } }', {}, as('ghs_t'));
    expect(viewer.body).toEqual({ data: { viewer: { login: 'cla-sweeper[bot]' } } });
    const user = await send(sim, 'GET', '/user', as('ghs_t'));
    expect(user.status).toBe(403);
    expect(user.body).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(validateRestResponse('GET', '/user', user.status, user.body)).toEqual([]);
  });

  it('see only the repositories of their installation (and of their own narrower list)', async () => {
    const { world, inst } = appWorld();
    await start({ a: { installation: inst.id }, b: { installation: inst.id, repositories: ['acme/attic'] } }, world);
    expect((await send(sim, 'GET', '/repos/other/thing', as('a'))).status).toBe(404);
    expect((await send(sim, 'GET', `/repos/${REPO}`, as('a'))).status).toBe(200);
    expect((await send(sim, 'GET', `/repos/${REPO}`, as('b'))).status).toBe(404);
  });

  it('answer 401 Bad credentials once expired, as GitHub does', async () => {
    const { world, inst } = appWorld();
    await start({ old: { installation: inst.id, expiresAt: Date.now() - 1000 } }, world);
    const res = await send(sim, 'GET', `/repos/${REPO}`, as('old'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    expect((await graphql(sim, '{ viewer { login } }', {}, as('old'))).status).toBe(401);
  });

  it('refuse a label mutation "by integration" when the installation may not write issues', async () => {
    const world = smallWorld();
    world.addApp('reader');
    const inst = world.installApp('reader', 'acme', { permissions: { issues: 'read', pull_requests: 'read' } });
    world.addLabel(REPO, 'cla: signed');
    await start({ r: { installation: inst.id } }, world);
    const res = await graphql(
      sim,
      'mutation($pr: ID!, $l: [ID!]!) { addLabelsToLabelable(input: { labelableId: $pr, labelIds: $l }) { clientMutationId } }',
      { pr: sim.world.pullRequest(REPO, 1).nodeId, l: [sim.world.repo(REPO)!.labels.get('cla: signed')!.nodeId] },
      as('r'),
    );
    expect(res.body).toMatchObject({
      data: { addLabelsToLabelable: null },
      errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
    });
  });
});
