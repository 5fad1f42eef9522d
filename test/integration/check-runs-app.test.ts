// publish: check-run and merge queues when cla-sweeper authenticates as the GitHub App itself
// (GITHUB_APP_ID and its key): the App id is GITHUB_APP_ID, or, given its client id, the one of
// the installation token's bot; one App on two owners reads each queue through its installation.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { readEnv } from '../../src/env.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';
import type { World } from '../support/simulator/world.js';

const APP_ID = 4242;
let key: string;
let publicKey: string;
beforeAll(() => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  key = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
});

let sim: Simulator;
let dir: string;
afterEach(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(world: World, repositories: string[]): Promise<void> {
  sim = await startSimulator({ world, tokens: {} });
  dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-app-runs-'));
  writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
  writeFileSync(join(dir, 'cla.yaml'), sampleConfig({ repositories, extra: 'publish: check-run\n' }));
}

async function sweep(vars: Record<string, string>): Promise<number> {
  const env = readEnv({ GITHUB_API_URL: sim.url, CLA_SWEEPER_RETRY_BASE_MS: '1', CLA_SWEEPER_LOG_LEVEL: 'silent', ...vars });
  return runCli(['node', 'cla-sweeper', 'sweep', '--config', join(dir, 'cla.yaml')], { env, out: () => undefined, signal: new AbortController().signal });
}

const writes = () => sim.counters.log.filter((r) => r.kind === 'rest-write' && !r.path.startsWith('/app')).length;
const operations = () => sim.counters.log.map((r) => r.operationName ?? `${r.method} ${r.path}`);

describe('check runs as the GitHub App', () => {
  it('with GITHUB_APP_ID, reads and writes the runs of that App without asking who the token is', async () => {
    const { world, expected } = sampleWorld();
    world.addApp('cla-sweeper', { id: APP_ID, publicKey });
    const installation = world.installApp('cla-sweeper', 'acme').id;
    await start(world, ['acme/widgets', 'acme/gadgets', 'acme/docs']);
    const vars = { GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: key, GITHUB_APP_INSTALLATION_ID: String(installation) };

    expect(await sweep(vars)).toBe(0);

    const bob = expected.find((e) => e.case === 'unsigned author')!;
    expect(world.checkRunsOf(bob.repo, world.headSha(bob.repo, bob.number), 'cla/signed')).toMatchObject([{ appId: APP_ID, conclusion: 'action_required' }]);
    expect(operations()).not.toContain('ViewerLogin');
    expect(operations()).not.toContain('GET /apps/cla-sweeper');
    const before = writes();
    expect(await sweep(vars)).toBe(0);
    expect(writes()).toBe(before);
  });

  it('given the App\'s client id instead, finds the id through the installation token\'s bot', async () => {
    const { world } = sampleWorld();
    const app = world.addApp('cla-sweeper', { id: APP_ID, publicKey });
    const installation = world.installApp('cla-sweeper', 'acme').id;
    await start(world, ['acme/widgets']);
    const vars = { GITHUB_APP_ID: app.clientId, GITHUB_APP_PRIVATE_KEY: key, GITHUB_APP_INSTALLATION_ID: String(installation) };

    expect(await sweep(vars)).toBe(0);

    expect(operations()).toContain('ViewerLogin');
    expect(operations()).toContain('GET /apps/cla-sweeper');
    expect(world.checkRunsOf('acme/widgets', world.headSha('acme/widgets', 2), 'cla/signed')).toMatchObject([{ appId: APP_ID, externalId: 'cla-sweeper' }]);
  });

  it('on two owners, answers each one\'s merge queue through its own installation', async () => {
    const { world } = sampleWorld();
    world.addApp('cla-sweeper', { id: APP_ID, publicKey });
    world.installApp('cla-sweeper', 'acme');
    world.addRepo('beta/tools');
    for (const author of ['alice', 'bob']) world.addPullRequest('beta/tools', { commits: [{ author }] });
    world.installApp('cla-sweeper', 'beta');
    for (const n of [1, 2]) world.enqueue('beta/tools', n);
    await start(world, ['acme/widgets', 'beta/tools']);

    expect(await sweep({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: key })).toBe(0);

    const groups = [1, 2].map((n) => world.checkRunsOf('beta/tools', world.queueEntry('beta/tools', n)!.headSha, 'cla/signed').map((r) => r.conclusion));
    expect(groups).toEqual([['success'], ['action_required']]);
  });
});
