// Every REST route the simulator serves answers what GitHub's OpenAPI description documents.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOperation, validateRestRequest, validateRestResponse } from '../../support/openapi.js';
import { ROUTES } from '../../support/simulator/rest/router.js';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { send } from './http.js';
import { ARCHIVED, REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
let head: string;
let privateKey: string;
let installationId: number;
let installationToken = '';
let checkRunId = 0;

/** An App JWT signed now, valid for nine minutes. */
function appJwt(): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now - 60, exp: now + 540, iss: 77 })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey, 'base64url')}`;
}

beforeAll(async () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const world = smallWorld();
  world.addApp('cla-app', { id: 77, publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  installationId = world.installApp('cla-app', 'acme').id;
  world.addLabel(REPO, 'cla: signed', { description: 'Every author signed' });
  world.addLabel(REPO, 'to-rename');
  world.addLabel(REPO, 'to-delete');
  world.addLabel(ARCHIVED, 'old');
  world.pullRequest(REPO, 1).labels.push('cla: signed');
  sim = await startSimulator({ world, tokens: { 'sim-token': 'cla-bot', 'ghs-checks': { installation: installationId } } });
  head = sim.world.headSha(REPO, 1);
  await send(sim, 'POST', `/repos/${REPO}/statuses/${head}`, { body: { state: 'success', context: 'cla/signed' } });
});
afterAll(async () => {
  await sim.close();
});

interface Exchange {
  name: string;
  method: string;
  path: () => string;
  body?: unknown;
  status: number;
  /** The Authorization header's token, when not the default classic one. */
  token?: () => string;
}

const label = encodeURIComponent('cla: signed');
const EXCHANGES: Exchange[] = [
  { name: 'viewer', method: 'GET', path: () => '/user', status: 200 },
  { name: 'rate limit', method: 'GET', path: () => '/rate_limit', status: 200 },
  { name: 'repository', method: 'GET', path: () => `/repos/${REPO}`, status: 200 },
  { name: 'unknown repository', method: 'GET', path: () => '/repos/acme/nope', status: 404 },
  {
    name: 'create status',
    method: 'POST',
    path: () => `/repos/${REPO}/statuses/${head}`,
    body: { state: 'failure', context: 'cla/signed', description: 'CLA missing: @bob', target_url: 'https://example.org/cla' },
    status: 201,
  },
  { name: 'status too long', method: 'POST', path: () => `/repos/${REPO}/statuses/${head}`, body: { state: 'success', description: 'x'.repeat(141) }, status: 422 },
  { name: 'status unknown SHA', method: 'POST', path: () => `/repos/${REPO}/statuses/${'0'.repeat(40)}`, body: { state: 'success' }, status: 422 },
  { name: 'status archived', method: 'POST', path: () => `/repos/${ARCHIVED}/statuses/${sim.world.headSha(ARCHIVED, 1)}`, body: { state: 'success' }, status: 403 },
  { name: 'combined status', method: 'GET', path: () => `/repos/${REPO}/commits/${head}/status`, status: 200 },
  { name: 'list statuses', method: 'GET', path: () => `/repos/${REPO}/commits/${head}/statuses`, status: 200 },
  { name: 'list labels', method: 'GET', path: () => `/repos/${REPO}/labels?per_page=2`, status: 200 },
  { name: 'create label', method: 'POST', path: () => `/repos/${REPO}/labels`, body: { name: 'cla: missing', color: 'd93f0b', description: 'Someone has not signed' }, status: 201 },
  { name: 'create label twice', method: 'POST', path: () => `/repos/${REPO}/labels`, body: { name: 'cla: signed' }, status: 422 },
  { name: 'get label', method: 'GET', path: () => `/repos/${REPO}/labels/${label}`, status: 200 },
  { name: 'get missing label', method: 'GET', path: () => `/repos/${REPO}/labels/nope`, status: 404 },
  { name: 'update label', method: 'PATCH', path: () => `/repos/${REPO}/labels/to-rename`, body: { new_name: 'renamed', color: 'BADA55' }, status: 200 },
  { name: 'delete label', method: 'DELETE', path: () => `/repos/${REPO}/labels/to-delete`, status: 204 },
  { name: 'list issue labels', method: 'GET', path: () => `/repos/${REPO}/issues/1/labels`, status: 200 },
  { name: 'add issue labels', method: 'POST', path: () => `/repos/${REPO}/issues/1/labels`, body: { labels: ['cla: missing'] }, status: 200 },
  { name: 'set issue labels', method: 'PUT', path: () => `/repos/${REPO}/issues/1/labels`, body: { labels: ['cla: signed', 'cla: missing'] }, status: 200 },
  { name: 'remove issue label', method: 'DELETE', path: () => `/repos/${REPO}/issues/1/labels/${encodeURIComponent('cla: missing')}`, status: 200 },
  { name: 'remove absent issue label', method: 'DELETE', path: () => `/repos/${REPO}/issues/1/labels/nope`, status: 404 },
  { name: 'remove all issue labels', method: 'DELETE', path: () => `/repos/${REPO}/issues/2/labels`, status: 204 },
  { name: 'issue labels, unknown issue', method: 'GET', path: () => `/repos/${REPO}/issues/99/labels`, status: 404 },
  { name: 'create comment', method: 'POST', path: () => `/repos/${REPO}/issues/1/comments`, body: { body: 'Please sign the CLA.' }, status: 201 },
  { name: 'comment on archived', method: 'POST', path: () => `/repos/${ARCHIVED}/issues/1/comments`, body: { body: 'x' }, status: 403 },
  { name: 'list comments', method: 'GET', path: () => `/repos/${REPO}/issues/1/comments`, status: 200 },
  {
    name: 'update comment',
    method: 'PATCH',
    path: () => `/repos/${REPO}/issues/comments/${sim.world.pullRequest(REPO, 1).comments[0]?.id}`,
    body: { body: 'Thanks for signing.' },
    status: 200,
  },
  { name: 'create issue', method: 'POST', path: () => `/repos/${REPO}/issues`, body: { title: 'CLA dashboard', body: '<!-- marker -->\nNothing is blocked.' }, status: 201 },
  { name: 'create issue in an archived repository', method: 'POST', path: () => `/repos/${ARCHIVED}/issues`, body: { title: 'x' }, status: 403 },
  {
    name: 'update issue',
    method: 'PATCH',
    path: () => `/repos/${REPO}/issues/${[...sim.world.mustRepo(REPO).issues.keys()][0]}`,
    body: { title: 'CLA dashboard', body: 'Two pull requests are blocked.', state: 'open' },
    status: 200,
  },
  { name: 'update unknown issue', method: 'PATCH', path: () => `/repos/${REPO}/issues/999`, body: { body: 'x' }, status: 404 },
  { name: 'file content', method: 'GET', path: () => `/repos/${REPO}/contents/signatories.yaml?ref=main`, status: 200 },
  { name: 'directory content', method: 'GET', path: () => `/repos/${REPO}/contents/docs`, status: 200 },
  { name: 'missing content', method: 'GET', path: () => `/repos/${REPO}/contents/nope.yaml`, status: 404 },
  { name: 'the App', method: 'GET', path: () => '/app', status: 200, token: appJwt },
  { name: 'an App by slug', method: 'GET', path: () => '/apps/cla-app', status: 200 },
  { name: 'the App\'s installations', method: 'GET', path: () => '/app/installations', status: 200, token: appJwt },
  { name: 'one installation', method: 'GET', path: () => `/app/installations/${installationId}`, status: 200, token: appJwt },
  { name: 'a repository\'s installation', method: 'GET', path: () => `/repos/${REPO}/installation`, status: 200, token: appJwt },
  { name: 'an organisation\'s installation', method: 'GET', path: () => '/orgs/acme/installation', status: 200, token: appJwt },
  { name: 'a user\'s installation', method: 'GET', path: () => '/users/alice/installation', status: 404, token: appJwt },
  {
    name: 'an installation token',
    method: 'POST',
    path: () => `/app/installations/${installationId}/access_tokens`,
    body: { repositories: ['widgets'], permissions: { statuses: 'write', metadata: 'read' } },
    status: 201,
    token: appJwt,
  },
  { name: 'an installation\'s repositories', method: 'GET', path: () => '/installation/repositories', status: 200, token: () => installationToken },
  {
    name: 'create check run',
    method: 'POST',
    path: () => `/repos/${REPO}/check-runs`,
    body: () => ({
      name: 'cla/signed',
      head_sha: head,
      conclusion: 'action_required',
      details_url: 'https://example.org/cla',
      external_id: 'cla-sweeper',
      output: { title: 'CLA missing', summary: 'Missing: @bob' },
    }),
    status: 201,
    token: () => 'ghs-checks',
  },
  {
    name: 'check run by a classic token',
    method: 'POST',
    path: () => `/repos/${REPO}/check-runs`,
    body: () => ({ name: 'cla/signed', head_sha: head }),
    status: 403,
  },
  {
    name: 'update check run',
    method: 'PATCH',
    path: () => `/repos/${REPO}/check-runs/${checkRunId}`,
    body: { conclusion: 'success', output: { title: 'CLA signed', summary: 'Everyone signed' } },
    status: 200,
    token: () => 'ghs-checks',
  },
  { name: 'get check run', method: 'GET', path: () => `/repos/${REPO}/check-runs/${checkRunId}`, status: 200 },
  { name: 'list check runs', method: 'GET', path: () => `/repos/${REPO}/commits/${head}/check-runs?check_name=cla%2Fsigned`, status: 200 },
];

describe('the simulator against GitHub\'s OpenAPI description', () => {
  // Sequential on purpose: later exchanges read what earlier ones wrote.
  it.each(EXCHANGES)('$name: $method answers $status as documented', async ({ method, path, body: given, status, token }) => {
    const p = path();
    const body = typeof given === 'function' ? (given as () => unknown)() : given;
    expect(validateRestRequest(method, p, body)).toEqual([]);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token()}` } : {};
    const res = await send(sim, method, p, { body, headers });
    expect(res.status).toBe(status);
    expect(validateRestResponse(method, p, res.status, res.body)).toEqual([]);
    if (p.endsWith('/access_tokens')) installationToken = (res.body as { token: string }).token;
    if (p.endsWith('/check-runs') && res.status === 201) checkRunId = (res.body as { id: number }).id;
  });

  it('exercises every route the simulator serves', () => {
    const covered = new Set(EXCHANGES.map((e) => `${e.method} ${findOperation(e.method, e.path())?.template}`));
    expect(ROUTES.map((r) => `${r.method} ${r.template}`).filter((r) => !covered.has(r))).toEqual([]);
  });

  it('serves only documented routes', () => {
    expect(ROUTES.filter((r) => findOperation(r.method, r.template)?.template !== r.template)).toEqual([]);
  });
});

describe('the OpenAPI checks themselves', () => {
  it.each([
    ['POST', '/repos/o/r/statuses/abc', '/repos/{owner}/{repo}/statuses/{sha}'],
    ['PATCH', '/repos/o/r/issues/comments/5', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
    ['DELETE', '/api/v3/repos/o/r/issues/5/labels/a%20b', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}'],
    ['GET', '/repos/o/r/contents/a/b/c.yaml?ref=main', '/repos/{owner}/{repo}/contents/{path}'],
  ])('finds %s %s as %s', (method, path, template) => {
    expect(findOperation(method, path)?.template).toBe(template);
  });

  it('reports an undocumented route or method', () => {
    expect(validateRestRequest('POST', '/repos/o/r/statuses', {})).toEqual([expect.stringContaining('not a documented')]);
    expect(validateRestRequest('PUT', '/repos/o/r/labels', {})).toEqual([expect.stringContaining('not a documented')]);
  });

  it.each([
    ['a state outside the enum', { state: 'green' }],
    ['no state', { description: 'x' }],
    ['a description that is not a string', { state: 'success', description: 5 }],
  ])('refuses a status request body with %s', (_name, body) => {
    expect(validateRestRequest('POST', '/repos/o/r/statuses/abc', body)).not.toEqual([]);
  });

  it('refuses a response body that lacks required fields', () => {
    expect(validateRestResponse('GET', '/repos/o/r/labels/x', 200, { name: 'x' })).not.toEqual([]);
    expect(validateRestResponse('GET', '/repos/o/r/labels', 200, [{ id: 'one' }])).not.toEqual([]);
  });

  it('accepts the raw text of a file from the contents endpoint', () => {
    expect(validateRestResponse('GET', '/repos/o/r/contents/a.yaml', 200, 'a: 1\n')).toEqual([]);
    expect(validateRestResponse('GET', '/repos/o/r/labels', 200, 'a: 1\n')).not.toEqual([]);
  });

  it('checks an undocumented error status against GitHub\'s generic error bodies', () => {
    expect(validateRestResponse('POST', '/repos/o/r/statuses/abc', 422, { message: 'x', documentation_url: 'y' })).toEqual([]);
    expect(validateRestResponse('POST', '/repos/o/r/statuses/abc', 422, { message: 5 })).not.toEqual([]);
    expect(validateRestResponse('POST', '/repos/o/r/statuses/abc', 200, {})).not.toEqual([]);
  });
});
