// GitHub Apps: JWTs checked with the App's public key, installation tokens minted, found and
// expiring, as the tool's App authentication (issue 11 item 2) will meet them.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateRestResponse } from '../../support/openapi.js';
import { type Simulator, type StartOptions, startSimulator } from '../../support/simulator/server.js';
import type { SimInstallation } from '../../support/simulator/world.js';
import { graphql, send } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

let keys: { privateKey: string; publicKey: string };
let otherKey: string;
beforeAll(() => {
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const a = pair();
  keys = {
    privateKey: a.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey: a.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  otherKey = pair().privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
});

const APP_ID = 4242;
let sim: Simulator;
let installation: SimInstallation;
afterEach(async () => {
  await sim?.close();
});

async function start(opts: Omit<StartOptions, 'world'> = {}): Promise<Simulator> {
  const world = smallWorld();
  world.addApp('cla-sweeper', { id: APP_ID, publicKey: keys.publicKey });
  installation = world.installApp('cla-sweeper', 'acme');
  world.addRepo('solo/lib');
  sim = await startSimulator({ world, ...opts });
  return sim;
}

function jwt(claims: Record<string, unknown>, key = keys.privateKey): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key, 'base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
const good = () => jwt({ iat: now() - 60, exp: now() + 540, iss: APP_ID });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await send(sim, method, path, { ...bearer(token), ...(body === undefined ? {} : { body }) });
  expect(validateRestResponse(method, path, res.status, res.body)).toEqual([]);
  return res;
}

async function mint(body?: unknown): Promise<string> {
  const res = await call('POST', `/app/installations/${installation.id}/access_tokens`, good(), body);
  expect(res.status).toBe(201);
  return (res.body as { token: string }).token;
}

describe('App JWTs', () => {
  it('accept a JWT signed with the registered key, by App id or client id', async () => {
    await start();
    const app = await call('GET', '/app', good());
    expect(app.status).toBe(200);
    expect(app.body).toMatchObject({ id: APP_ID, slug: 'cla-sweeper' });
    const clientId = sim.world.app(APP_ID)!.clientId;
    expect((await call('GET', '/app', jwt({ iat: now() - 60, exp: now() + 540, iss: clientId }))).status).toBe(200);
  });

  it.each([
    ['a key of another App', () => jwt({ iat: now() - 60, exp: now() + 540, iss: APP_ID }, otherKey), 401, 'A JSON web token could not be decoded'],
    ['an unknown issuer', () => jwt({ iat: now() - 60, exp: now() + 540, iss: 99 }), 404, 'Integration not found'],
    ['exp more than 10 minutes ahead', () => jwt({ iat: now() - 60, exp: now() + 660, iss: APP_ID }), 401, "'Expiration time' claim ('exp') is too far in the future"],
    [
      'exp in the past',
      () => jwt({ iat: now() - 700, exp: now() - 100, iss: APP_ID }),
      401,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    ],
    [
      'iat in the future',
      () => jwt({ iat: now() + 120, exp: now() + 500, iss: APP_ID }),
      401,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    ],
  ])('refuse %s as GitHub words it', async (_name, token, status, message) => {
    await start();
    const res = await call('POST', `/app/installations/${installation.id}/access_tokens`, token());
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ message, documentation_url: 'https://docs.github.com/rest', status: String(status) });
    expect(sim.state.credentials.size).toBe(0);
  });

  it('judge exp and iat by GitHub\'s clock, which it sends in the Date header', async () => {
    await start({ clockSkewSeconds: -120 });
    // Valid by this machine's clock (iat 3 minutes ago, exp 9 minutes ahead), too far ahead by GitHub's.
    const res = await call('GET', '/app', jwt({ iat: now() - 180, exp: now() + 540, iss: APP_ID }));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: "'Expiration time' claim ('exp') is too far in the future" });
    const date = Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(date - (Date.now() - 120_000))).toBeLessThan(5000);
  });

  it('are the only credential the App routes take', async () => {
    await start();
    const token = await mint();
    const res = await call('GET', '/app/installations', token);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: 'A JSON web token could not be decoded' });
  });
});

describe('installations', () => {
  it('are found by repository, organisation, user and listed', async () => {
    await start();
    const byRepo = await call('GET', `/repos/${REPO}/installation`, good());
    expect(byRepo.body).toMatchObject({ id: installation.id, app_id: APP_ID, app_slug: 'cla-sweeper', account: { login: 'acme' } });
    expect((await call('GET', '/orgs/acme/installation', good())).status).toBe(200);
    expect((await call('GET', '/users/acme/installation', good())).status).toBe(200);
    expect((await call('GET', '/repos/solo/lib/installation', good())).status).toBe(404);
    expect((await call('GET', '/orgs/solo/installation', good())).status).toBe(404);
    const list = await call('GET', '/app/installations', good());
    expect(list.body).toEqual([expect.objectContaining({ id: installation.id })]);
  });
});

describe('installation tokens', () => {
  it('are minted for an hour with the installation\'s permissions and act as the App\'s bot', async () => {
    await start();
    const res = await call('POST', `/app/installations/${installation.id}/access_tokens`, good());
    const body = res.body as { token: string; expires_at: string; permissions: Record<string, string>; repository_selection: string };
    expect(body.token).toMatch(/^ghs_[A-Za-z0-9_-]{36}$/);
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(3590_000);
    expect(body.repository_selection).toBe('all');
    expect(body.permissions).toMatchObject({ statuses: 'write', checks: 'write', issues: 'write' });
    expect((await call('GET', `/repos/${REPO}`, body.token)).status).toBe(200);
    expect((await call('GET', '/repos/solo/lib', body.token)).status).toBe(404);
    const viewer = await graphql(sim, '{ viewer { login } }', {}, bearer(body.token));
    expect(viewer.body).toEqual({ data: { viewer: { login: 'cla-sweeper[bot]' } } });
  });

  it('are narrowed to the repositories and permissions asked for, and never widened', async () => {
    await start();
    const token = await mint({ repositories: ['attic'], permissions: { statuses: 'read' } });
    expect((await call('GET', `/repos/${REPO}`, token)).status).toBe(404);
    const attic = sim.world.headSha('acme/attic', 1);
    const refused = await call('POST', `/repos/acme/attic/statuses/${attic}`, token, { state: 'success' });
    expect(refused.status).toBe(403);
    const listed = await call('GET', '/installation/repositories', token);
    expect(listed.body).toMatchObject({ total_count: 1, repositories: [{ full_name: 'acme/attic' }] });
    const wider = await call('POST', `/app/installations/${installation.id}/access_tokens`, good(), {
      permissions: { administration: 'write' },
    });
    expect(wider.status).toBe(422);
    expect(wider.body).toMatchObject({ message: 'The permissions requested are not granted to this installation.' });
    const elsewhere = await call('POST', `/app/installations/${installation.id}/access_tokens`, good(), { repositories: ['lib'] });
    expect(elsewhere.status).toBe(422);
  });

  it('expire after the configured lifetime with 401 Bad credentials', async () => {
    await start({ installationTokenSeconds: 120 });
    const token = await mint();
    expect((await call('GET', `/repos/${REPO}`, token)).status).toBe(200);
    sim.advanceClock(121);
    const res = await call('GET', `/repos/${REPO}`, token);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: 'Bad credentials' });
  });

  it('tell which App they belong to: viewer gives the bot, GET /apps/{slug} its App', async () => {
    await start();
    const token = await mint();
    const viewer = (await graphql(sim, '{ viewer { login } }', {}, bearer(token))).body as { data: { viewer: { login: string } } };
    const slug = viewer.data.viewer.login.replace(/\[bot\]$/, '');
    const app = await call('GET', `/apps/${slug}`, token);
    expect(app.body).toMatchObject({ id: APP_ID, slug: 'cla-sweeper' });
    expect((await call('GET', '/app', token)).status).toBe(401);
  });
});

describe('with @octokit/auth-app', () => {
  it('signs a JWT the simulator verifies, mints a token, and recovers from clock drift via the Date header', async () => {
    await start({ clockSkewSeconds: -90 });
    const octokit = new Octokit({
      baseUrl: sim.url,
      authStrategy: createAppAuth,
      auth: { appId: APP_ID, privateKey: keys.privateKey, installationId: installation.id, log: { warn: () => undefined } },
    });
    const auth = (await octokit.auth({ type: 'installation' })) as { token: string };
    expect(auth.token).toMatch(/^ghs_/);
    const posts = sim.counters.log.filter((r) => r.path.endsWith('/access_tokens')).map((r) => r.status);
    expect(posts).toEqual([401, 201]);
    const repo = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'widgets' });
    expect(repo.status).toBe(200);
  });
});
