// The simulator as the tool's real client sees it: @octokit/core against both base URLs.
import { Octokit } from '@octokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { TOKEN } from './http.js';
import { REPO, smallWorld } from './world-builder.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ world: smallWorld() });
});
afterAll(async () => {
  await sim.close();
});

describe.each([
  ['github.com', () => sim.url],
  ['GitHub Enterprise Server', () => `${sim.url}/api/v3`],
])('@octokit/core with the %s layout', (_name, baseUrl) => {
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
