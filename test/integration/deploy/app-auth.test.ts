// GitHub App authentication (issue 11, point 2) against the simulator, which verifies the JWT's
// RS256 signature with the App's public key (generated here) and GitHub's claim rules, mints
// installation tokens and refuses them once expired: a whole sweep as the App, tokens renewed
// before they expire and after GitHub refuses one during a single sweep, one App on two owners,
// and the messages for credentials GitHub refuses.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { readEnv } from '../../../src/env.js';
import { type Expected, SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../../support/sample-world.js';
import { type Simulator, type StartOptions, startSimulator } from '../../support/simulator/index.js';
import type { World } from '../../support/simulator/world.js';
import { closedPort, startHttpStub } from '../../support/http-stub.js';

const CONTEXT = 'cla/signed';
const APP_ID = 4242;

let key: string;
let publicKey: string;
let strangerKey: string;
beforeAll(() => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  key = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
});

interface Scene {
  sim: Simulator;
  world: World;
  dir: string;
  installation: number;
}
const open: Scene[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.sim.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

async function scene(opts: { world?: World; repositories?: string[]; start?: StartOptions; extra?: string } = {}): Promise<Scene & { expected: Expected[] }> {
  const sample = sampleWorld();
  const world = opts.world ?? sample.world;
  world.addApp('cla-sweeper', { id: APP_ID, publicKey });
  const installation = world.installApp('cla-sweeper', 'acme').id;
  // No tokens but the ones the App mints.
  const sim = await startSimulator({ world, tokens: {}, ...opts.start });
  const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-app-'));
  writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
  writeFileSync(join(dir, 'cla.yaml'), sampleConfig({ ...(opts.repositories ? { repositories: opts.repositories } : {}), ...(opts.extra ? { extra: opts.extra } : {}) }));
  const s = { sim, world, dir, installation, expected: sample.expected };
  open.push(s);
  return s;
}

async function run(s: Scene, vars: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const env = readEnv({ GITHUB_API_URL: s.sim.url, CLA_SWEEPER_RETRY_BASE_MS: '1', CLA_SWEEPER_LOG_LEVEL: 'warn', ...vars });
    const code = await runCli(['node', 'cla-sweeper', ...args, '--config', join(s.dir, 'cla.yaml')], {
      env,
      out: (t) => {
        stdout += t;
      },
      signal: new AbortController().signal,
    });
    return { code, stdout, stderr };
  } finally {
    spy.mockRestore();
  }
}

const asApp = (s: Scene, extra: Record<string, string> = {}) => ({
  GITHUB_APP_ID: String(APP_ID),
  GITHUB_APP_PRIVATE_KEY: key,
  GITHUB_APP_INSTALLATION_ID: String(s.installation),
  ...extra,
});
const tokenRequests = (s: Scene) => s.sim.counters.log.filter((r) => r.path.endsWith('/access_tokens')).map((r) => r.status);
const refusedReads = (s: Scene) => s.sim.counters.log.filter((r) => r.status === 401 && !r.path.startsWith('/app'));

function expectReconciled(s: Scene, expected: Expected[]): void {
  for (const e of expected) {
    const status = s.world.statusOf(e.repo, s.world.headSha(e.repo, e.number), CONTEXT);
    expect(status?.state ?? null, `${e.repo}#${e.number} ${e.case}`).toBe(e.state);
    expect([...s.world.labelsOf(e.repo, e.number)].sort(), e.case).toEqual([...e.labels].sort());
  }
}

describe('GitHub App authentication', () => {
  it('sweeps as the App with a really signed JWT and its installation token; a second sweep writes nothing', async () => {
    const s = await scene();
    const r = await run(s, asApp(s), 'sweep');
    expect(r.code, r.stderr).toBe(0);
    expectReconciled(s, s.expected);
    expect(tokenRequests(s)).toEqual([201]);
    const writesSoFar = s.sim.counters.log.filter((x) => x.kind === 'rest-write' && !x.path.startsWith('/app')).length;
    const again = await run(s, asApp(s), 'sweep');
    expect(again.code).toBe(0);
    expect(s.sim.counters.log.filter((x) => x.kind === 'rest-write' && !x.path.startsWith('/app')).length).toBe(writesSoFar);
    expect(`${r.stdout}${r.stderr}${again.stdout}${again.stderr}`).not.toContain('PRIVATE KEY');
  });

  it('renews the installation token before it expires, several times in one sweep, never using an expired one', async () => {
    // Tokens live 2 s here (GitHub's live an hour); every request takes at least 150 ms, so the
    // sweep outlives several tokens whatever the machine's speed.
    const s = await scene({ start: { installationTokenSeconds: 2, faults: { latencyMs: 150 } } });
    const r = await run(s, asApp(s), 'sweep');
    expect(r.code, r.stderr).toBe(0);
    expectReconciled(s, s.expected);
    const minted = tokenRequests(s);
    expect(minted.length).toBeGreaterThanOrEqual(2);
    expect(minted.every((status) => status === 201)).toBe(true);
    expect(refusedReads(s)).toEqual([]);
  });

  it('replaces a token GitHub refuses in the middle of a sweep (its clock ran past the expiry) and signs the JWT by GitHub\'s clock', async () => {
    const s = await scene({ start: { faults: { latencyMs: 20 } } });
    let advanced = false;
    const timer = setInterval(() => {
      // Once the writes have started, GitHub's clock jumps two hours: the token is expired there,
      // and a JWT signed by this machine's clock is too old.
      if (!advanced && s.sim.counters.log.filter((x) => x.kind === 'rest-write').length >= 6) {
        advanced = true;
        s.sim.advanceClock(7200);
      }
    }, 1);
    const r = await run(s, asApp(s), 'sweep').finally(() => clearInterval(timer));
    expect(advanced).toBe(true);
    expect(r.code, r.stderr).toBe(0);
    expectReconciled(s, s.expected);
    // The expired token was refused (once per request in flight), then a JWT by this machine's
    // clock, then one corrected by the Date header GitHub sends.
    expect(refusedReads(s).length).toBeGreaterThanOrEqual(1);
    expect(tokenRequests(s)).toEqual([201, 401, 201]);
  });

  it('without GITHUB_APP_INSTALLATION_ID: a 502 while looking up the installation is retried; GitHub unreachable is said as such', async () => {
    const s = await scene();
    const front = await startHttpStub(
      (req, res, i) => {
        if (i > 0 || req.url !== '/app') return false;
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad gateway</html>');
        return true;
      },
      s.sim.url,
    );
    try {
      const r = await run(s, { GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: key, GITHUB_API_URL: front.url }, 'sweep');
      expect(r.code, r.stderr).toBe(0);
      expect(front.requests.filter((x) => x === 'GET /app')).toHaveLength(2);
    } finally {
      await front.close();
    }
    const port = await closedPort();
    const down = await run(s, { GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: key, GITHUB_API_URL: `http://127.0.0.1:${port}` }, 'sweep');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`GitHub cannot be reached at GITHUB_API_URL=http://127.0.0.1:${port}`);
    expect(down.stderr).not.toContain('unexpected error');
  });

  it("without GITHUB_APP_INSTALLATION_ID, writes the dashboard through the installation of the dashboard repository's owner", async () => {
    const { world } = sampleWorld();
    world.addRepo('beta/meta');
    const s = await scene({ world, extra: 'dashboard:\n  repo: beta/meta\n  title: CLA dashboard\n' });
    const beta = s.world.installApp('cla-sweeper', 'beta').id;
    const r = await run(s, { GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: key }, 'sweep');
    expect(r.code, r.stderr).toBe(0);
    expect([...s.world.mustRepo('beta/meta').issues.values()].map((i) => i.title)).toEqual(['CLA dashboard']);
    const minted = s.sim.counters.log.filter((x) => x.path.endsWith('/access_tokens')).map((x) => x.path);
    expect(new Set(minted)).toEqual(new Set([`/app/installations/${s.installation}/access_tokens`, `/app/installations/${beta}/access_tokens`]));
  });

  it('without GITHUB_APP_INSTALLATION_ID, finds the installation of each owner and sweeps both through their own tokens', async () => {
    const { world, expected } = sampleWorld();
    world.addRepo('beta/tools');
    const pr = world.addPullRequest('beta/tools', { commits: [{ author: 'alice' }] });
    const s = await scene({ world, repositories: ['acme/widgets', 'acme/gadgets', 'acme/docs', 'beta/*'] });
    const beta = s.world.installApp('cla-sweeper', 'beta').id;
    const r = await run(s, { GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: key }, 'sweep');
    expect(r.code, r.stderr).toBe(0);
    expectReconciled(s, [...expected, { repo: 'beta/tools', number: pr.number, state: 'success', labels: ['cla: signed'], case: 'other owner' }]);
    const minted = s.sim.counters.log.filter((x) => x.path.endsWith('/access_tokens')).map((x) => x.path);
    expect(new Set(minted)).toEqual(new Set([`/app/installations/${s.installation}/access_tokens`, `/app/installations/${beta}/access_tokens`]));
    expect(s.sim.counters.log.filter((x) => x.path.includes('/installation') && !x.path.endsWith('/access_tokens')).every((x) => x.status === 200 || x.status === 404)).toBe(true);
  });

  it.each([
    ['an owner the App is not installed on', (_s: Scene) => ({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: key }), ['gamma/lib'], 'the GitHub App GITHUB_APP_ID=4242 is not installed on gamma/lib'],
    ['a key that is not the App\'s', (s: Scene) => asApp(s, { GITHUB_APP_PRIVATE_KEY: strangerKey }), undefined, "GitHub refused the App's credentials (401 A JSON web token could not be decoded)"],
    ['an App id GitHub does not know', (s: Scene) => asApp(s, { GITHUB_APP_ID: '999' }), undefined, 'GitHub knows no installation GITHUB_APP_INSTALLATION_ID=1035 of an App GITHUB_APP_ID=999 (404'],
    ['an installation id of no installation', (s: Scene) => asApp(s, { GITHUB_APP_INSTALLATION_ID: '31337' }), undefined, 'GitHub knows no installation GITHUB_APP_INSTALLATION_ID=31337 of an App GITHUB_APP_ID=4242'],
    ['an App id GitHub does not know, installations looked up', (_s: Scene) => ({ GITHUB_APP_ID: '999', GITHUB_APP_PRIVATE_KEY: key }), undefined, 'GitHub knows no App with GITHUB_APP_ID=999'],
  ])('%s: exit 1, nothing written, a message naming what to check', async (_case, vars, repositories, says) => {
    const { world } = sampleWorld();
    if (repositories) world.addRepo(repositories[0]!);
    const s = await scene({ world, repositories: repositories ?? ['acme/widgets'] });
    const r = await run(s, vars(s), 'sweep');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(says);
    expect(r.stderr).not.toContain('unexpected error');
    expect(s.sim.counters.log.filter((x) => x.kind === 'rest-write' && !x.path.startsWith('/app'))).toEqual([]);
    expect(r.stderr).not.toContain('PRIVATE KEY');
  });
});
