// The simulator's HTTP behaviour around GraphQL: budget headers, counters, faults, and the tool's
// real client (@octokit/core) against both base URL layouts. Kept in one file so the GitHub schema
// is built once.
import { Octokit } from '@octokit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, type StartOptions, startSimulator } from '../../support/simulator/server.js';
import { TOKEN, graphql, send } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
async function start(opts: StartOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ world: smallWorld(), ...opts });
  return sim;
}
afterEach(async () => {
  await sim?.close();
});

/** Asks for `first` pull requests: `first` nodes, by GitHub's count. */
function bigQuery(first: number): string {
  return `query Big { repository(owner: "acme", name: "widgets") { pullRequests(first: ${first}) { nodes { number } } } }`;
}

describe('GraphQL over HTTP', () => {
  const PULLS = 'query OpenPulls { repository(owner: "acme", name: "widgets") { pullRequests(first: 10, states: OPEN) { nodes { number id } } } }';

  it.each(['/graphql', '/api/graphql'])('answers POST %s with the graphql budget in the headers', async (path) => {
    await start({ graphqlLimit: 100 });
    const res = await send(sim, 'POST', path, { body: { query: PULLS } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: { repository: { pullRequests: { nodes: [{ number: 1 }] } } } });
    expect(res.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(res.headers.get('x-ratelimit-limit')).toBe('100');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(sim.counters.costPoints).toBe(1);
    expect(sim.counters.log).toEqual([
      { kind: 'graphql-query', method: 'POST', path, operationName: 'OpenPulls', cost: 1, status: 200 },
    ]);
  });

  it('counts a mutation and the pull request it wrote to', async () => {
    await start();
    const label = sim.world.addLabel(REPO, 'cla: signed');
    const pr = sim.world.pullRequest(REPO, 1);
    const res = await graphql(
      sim,
      'mutation AddLabels($id: ID!, $labels: [ID!]!) { addLabelsToLabelable(input: { labelableId: $id, labelIds: $labels }) { clientMutationId } }',
      { id: pr.nodeId, labels: [label.nodeId] },
    );
    expect(res.status).toBe(200);
    expect(sim.world.labelsOf(REPO, 1)).toEqual(['cla: signed']);
    expect(sim.counters.requests['graphql-mutation']).toBe(1);
    expect([...sim.counters.writesPerPullRequest]).toEqual([[`${REPO}#1`, 1]]);
    expect(sim.counters.log[0]).toMatchObject({ kind: 'graphql-mutation', operationName: 'AddLabels', pullRequest: `${REPO}#1` });
  });

  it('answers 401 with GitHub\'s GraphQL message when there are no credentials', async () => {
    await start();
    const res = await graphql(sim, PULLS, {}, { headers: { authorization: null } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: 'This endpoint requires you to be authenticated.' });
  });

  it('leaves an exhausted GraphQL budget to the executor, which answers 200 RATE_LIMITED', async () => {
    await start({ graphqlLimit: 1 });
    await graphql(sim, PULLS);
    const res = await graphql(sim, PULLS);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errors: [{ type: 'RATE_LIMITED' }] });
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});

describe('GraphQL faults', () => {
  it('answers a query 200 with "Something went wrong while executing your query" when the rate is 1', async () => {
    await start({ faults: { graphqlErrorRate: 1 } });
    const res = await graphql(sim, 'query Viewer { viewer { login } }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: null,
      errors: [{ message: expect.stringMatching(/^Something went wrong while executing your query\. .*Please include `[0-9A-F:]+` when reporting this issue\.$/) }],
    });
    expect(sim.counters.log).toEqual([expect.objectContaining({ kind: 'graphql-query', operationName: 'Viewer', status: 200 })]);
  });

  it('times out a query that could return more nodes than timeoutAboveNodes, charging nothing', async () => {
    await start({ faults: { timeoutAboveNodes: 50 } });
    const before = { ...sim.state.graphqlBudget };
    const res = await graphql(sim, bigQuery(100));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      message:
        "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
    });
    expect(sim.state.graphqlBudget).toEqual(before);
    expect(sim.counters.costPoints).toBe(0);
    expect(res.headers.get('x-ratelimit-resource')).toBe('graphql');
  });

  it('lets a query at or under timeoutAboveNodes through', async () => {
    await start({ faults: { timeoutAboveNodes: 50 } });
    const res = await graphql(sim, bigQuery(50));
    expect(res.status).toBe(200);
  });
});

describe.each([
  ['github.com', () => sim.url],
  ['GitHub Enterprise Server', () => `${sim.url}/api/v3`],
])('@octokit/core with the %s layout', (_name, baseUrl) => {
  beforeEach(async () => {
    await start();
  });

  it('writes a status and reads it back through GraphQL', async () => {
    const octokit = new Octokit({ auth: TOKEN, baseUrl: baseUrl() });
    const sha = sim.world.headSha(REPO, 1);
    const created = await octokit.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
      owner: 'acme',
      repo: 'widgets',
      sha,
      state: 'success',
      context: 'cla/signed',
    });
    expect(created.status).toBe(201);
    const read = await octokit.graphql<{ repository: { object: { status: { state: string } } } }>(
      `query Head($sha: GitObjectID!) { repository(owner: "acme", name: "widgets") { object(oid: $sha) { ... on Commit { status { state } } } } }`,
      { sha },
    );
    expect(read.repository.object.status.state).toBe('SUCCESS');
  });

  it('surfaces GitHub\'s refusal as a RequestError with status and message', async () => {
    const octokit = new Octokit({ auth: TOKEN, baseUrl: baseUrl() });
    const refused = octokit.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
      owner: 'acme',
      repo: 'widgets',
      sha: sim.world.headSha(REPO, 1),
      state: 'success',
      description: 'x'.repeat(141),
    });
    await expect(refused).rejects.toMatchObject({ status: 422, message: expect.stringContaining('Validation Failed') });
  });
});
