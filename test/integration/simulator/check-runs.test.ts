// Check runs (issue 13 item 3): created and updated over REST by installations only, each App
// changing only its own, read over GraphQL through the commit's check suites with GitHub's filters.
import { afterEach, describe, expect, it } from 'vitest';
import { validateRestRequest, validateRestResponse } from '../../support/openapi.js';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import type { World } from '../../support/simulator/world.js';
import { graphql, send } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

const OURS = 4242;
let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function start(world: World = smallWorld()): Promise<Simulator> {
  world.addApp('cla-sweeper', { id: OURS });
  world.addApp('other-ci');
  world.addApp('reader');
  const ours = world.installApp('cla-sweeper', 'acme');
  const theirs = world.installApp('other-ci', 'acme');
  const reader = world.installApp('reader', 'acme', { permissions: { checks: 'read', statuses: 'write' } });
  sim = await startSimulator({
    world,
    tokens: {
      'sim-token': 'cla-bot',
      ours: { installation: ours.id },
      theirs: { installation: theirs.id },
      reader: { installation: reader.id },
      pat: { login: 'alice', kind: 'fine-grained' },
    },
  });
  return sim;
}

const head = () => sim.world.headSha(REPO, 1);

async function call(token: string, method: string, path: string, body?: unknown) {
  if (body !== undefined) expect(validateRestRequest(method, path, body)).toEqual([]);
  const res = await send(sim, method, path, { headers: { authorization: `token ${token}` }, ...(body === undefined ? {} : { body }) });
  expect(validateRestResponse(method, path, res.status, res.body)).toEqual([]);
  return res;
}

const create = (token: string, extra: Record<string, unknown> = {}) =>
  call(token, 'POST', `/repos/${REPO}/check-runs`, {
    name: 'cla/signed',
    head_sha: head(),
    conclusion: 'action_required',
    details_url: 'https://example.org/cla',
    external_id: 'cla-sweeper:v1',
    output: { title: 'CLA missing', summary: 'Missing: @bob', text: 'Sign at https://example.org/cla' },
    ...extra,
  });

describe('creating check runs', () => {
  it('works with an installation token: completed by its conclusion, owned by the App, counted as a write', async () => {
    await start();
    const res = await create('ours');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'cla/signed',
      head_sha: head(),
      status: 'completed',
      conclusion: 'action_required',
      details_url: 'https://example.org/cla',
      external_id: 'cla-sweeper:v1',
      output: { title: 'CLA missing', summary: 'Missing: @bob', text: 'Sign at https://example.org/cla', annotations_count: 0 },
      app: { id: OURS, slug: 'cla-sweeper' },
      pull_requests: [{ number: 1 }],
    });
    expect(sim.counters.writesPerPullRequest.get(`${REPO}#1`)).toBe(1);
    expect(sim.world.checkRunsOf(REPO, head())).toHaveLength(1);
  });

  it.each(['sim-token', 'pat'])('is refused to a %s token with "You must authenticate via a GitHub App."', async (token) => {
    await start();
    const res = await create(token);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      message: 'You must authenticate via a GitHub App.',
      documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
      status: '403',
    });
    expect(sim.world.checkRunsOf(REPO, head())).toEqual([]);
  });

  it('is refused "by integration" to an installation without checks write', async () => {
    await start();
    const res = await create('reader');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(res.headers.get('x-accepted-github-permissions')).toBe('checks=write');
  });

  it('refuses a completed run without a conclusion and a summary over 65535 characters', async () => {
    await start();
    const completed = await call('ours', 'POST', `/repos/${REPO}/check-runs`, { name: 'x', head_sha: head(), status: 'completed' });
    expect(completed.status).toBe(422);
    // A request the OpenAPI description refuses too, so sent without the request check.
    const body = { name: 'x', head_sha: head(), output: { title: 't', summary: 'x'.repeat(65_536) } };
    expect(validateRestRequest('POST', `/repos/${REPO}/check-runs`, body)).not.toEqual([]);
    const long = await send(sim, 'POST', `/repos/${REPO}/check-runs`, { headers: { authorization: 'token ours' }, body });
    expect(long.status).toBe(422);
    expect(validateRestResponse('POST', `/repos/${REPO}/check-runs`, long.status, long.body)).toEqual([]);
  });
});

describe('updating check runs', () => {
  it('only the creating App may: another App gets GitHub\'s Invalid app_id answer', async () => {
    await start();
    const id = ((await create('ours')).body as { id: number }).id;
    const path = `/repos/${REPO}/check-runs/${id}`;
    const theirs = await call('theirs', 'PATCH', path, { conclusion: 'success' });
    expect(theirs.status).toBe(403);
    expect(theirs.body).toMatchObject({
      message: `Invalid app_id \`${OURS}\` - check run can only be modified by the GitHub App that created it.`,
    });
    const ours = await call('ours', 'PATCH', path, { conclusion: 'success', output: { title: 'CLA signed', summary: 'All signed' } });
    expect(ours.status).toBe(200);
    expect(ours.body).toMatchObject({ conclusion: 'success', output: { title: 'CLA signed', summary: 'All signed' } });
    expect((await call('sim-token', 'GET', path)).body).toMatchObject({ id, conclusion: 'success' });
    expect((await call('ours', 'PATCH', `/repos/${REPO}/check-runs/1`, { conclusion: 'success' })).status).toBe(404);
  });
});

describe('listing a commit\'s check runs', () => {
  it('filters by name, App and latest, as the REST route does', async () => {
    await start();
    await create('ours');
    await create('theirs', { conclusion: 'success' });
    await create('ours', { conclusion: 'success' });
    const list = async (q: string) => (await call('sim-token', 'GET', `/repos/${REPO}/commits/${head()}/check-runs${q}`)).body as {
      total_count: number;
      check_runs: { conclusion: string; app: { id: number } }[];
    };
    expect((await list('')).total_count).toBe(2);
    expect((await list('?filter=all')).total_count).toBe(3);
    expect((await list(`?app_id=${OURS}`)).check_runs.map((r) => r.conclusion)).toEqual(['success']);
    expect((await list('?check_name=nope')).total_count).toBe(0);
  });
});

describe('reading check runs over GraphQL', () => {
  const READ = `query Checks($appId: Int) {
  rateLimit { cost }
  repository(owner: "acme", name: "widgets") {
    pullRequests(first: 100, states: OPEN) {
      nodes {
        number
        commits(last: 1) {
          nodes {
            commit {
              checkSuites(first: 1, filterBy: { appId: $appId, checkName: "cla/signed" }) {
                nodes {
                  app { databaseId slug }
                  checkRuns(first: 1, filterBy: { checkName: "cla/signed", checkType: LATEST }) {
                    nodes { name status conclusion detailsUrl externalId title summary text }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

  it('answers the suite of one App by appId, its latest run of a name, and costs 3 points for 100 pull requests', async () => {
    await start();
    await create('ours');
    await create('theirs', { conclusion: 'success', external_id: 'theirs' });
    await create('ours', { conclusion: 'action_required', output: { title: 'CLA missing', summary: 'Missing: @carol' } });
    const res = await graphql(sim, READ, { appId: OURS });
    expect(res.body).toEqual({
      data: {
        rateLimit: { cost: 3 },
        repository: {
          pullRequests: {
            nodes: [
              {
                number: 1,
                commits: {
                  nodes: [
                    {
                      commit: {
                        checkSuites: {
                          nodes: [
                            {
                              app: { databaseId: OURS, slug: 'cla-sweeper' },
                              checkRuns: {
                                nodes: [
                                  {
                                    name: 'cla/signed',
                                    status: 'COMPLETED',
                                    conclusion: 'ACTION_REQUIRED',
                                    detailsUrl: 'https://example.org/cla',
                                    externalId: 'cla-sweeper:v1',
                                    title: 'CLA missing',
                                    summary: 'Missing: @carol',
                                    text: null,
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      },
    });
  });

  it('shows another App\'s run of the same name only without the appId filter', async () => {
    await start();
    await create('theirs', { conclusion: 'success' });
    const mine = (await graphql(sim, READ, { appId: OURS })).body as { data: { repository: { pullRequests: { nodes: unknown[] } } } };
    expect(JSON.stringify(mine.data.repository.pullRequests.nodes)).toContain('"checkSuites":{"nodes":[]}');
    const any = (await graphql(sim, READ, {})).body as { data: unknown };
    expect(JSON.stringify(any.data)).toContain('"slug":"other-ci"');
  });

  it('lets a test change a run "by hand" through the world', async () => {
    await start();
    const id = ((await create('ours')).body as { id: number }).id;
    sim.world.updateCheckRun(REPO, id, { conclusion: 'success', output: { summary: 'edited' } });
    const res = (await graphql(sim, READ, { appId: OURS })).body;
    expect(JSON.stringify(res)).toContain('"conclusion":"SUCCESS","detailsUrl":"https://example.org/cla"');
    expect(JSON.stringify(res)).toContain('"summary":"edited"');
  });
});
