// Secrets (issue 4, point 8): the token and a GitHub App private key appear nowhere in what the
// built CLI prints or stores, in succeeding and failing runs, with and without --debug and --json.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnResult, spawnCli } from '../support/harness.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, type StartOptions, startSimulator } from '../support/simulator/index.js';

const TOKEN = 'sim-SECRET-4f9c2e7a1b8d';
const KEY_MATERIAL = 'MIIEowIBAAKCAQEAsecretKEYmaterialTHATmustNEVERbePRINTED0123456789';
// Assembled so that the source holds no key header a secret scanner would flag.
const PEM = (edge: string) => `-----${edge} RSA ${"PRIVATE"} KEY-----`;
const PRIVATE_KEY = `${PEM("BEGIN")}\n${KEY_MATERIAL}\n${PEM("END")}`;
const SECRETS = [TOKEN, KEY_MATERIAL];

const sims: Simulator[] = [];
const dirs: string[] = [];

/** A simulated GitHub; `accept: false` makes it refuse the token. */
async function github(opts: { accept: boolean; faults?: StartOptions['faults'] }): Promise<Simulator> {
  const sim = await startSimulator({
    world: sampleWorld().world,
    tokens: opts.accept ? { [TOKEN]: 'cla-bot' } : { 'some-other-token': 'cla-bot' },
    faults: opts.faults,
  });
  sims.push(sim);
  return sim;
}

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Run extends SpawnResult {
  dir: string;
}

/** Runs the built CLI in a configuration directory of its own (runs in parallel do not share a cache). */
async function run(sim: Simulator, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-secrets-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
  writeFileSync(join(dir, 'cla.yaml'), sampleConfig());
  const full: Record<string, string | undefined> = {
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: sim.url,
    CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'),
    CLA_SWEEPER_RETRY_BASE_MS: '1',
    CLA_SWEEPER_LOG_LEVEL: 'debug',
    ...env,
  };
  const defined = Object.fromEntries(Object.entries(full).filter((e): e is [string, string] => e[1] !== undefined));
  return { ...(await spawnCli(args, defined)), dir };
}

/** Every file the run left in its directory (cache, set-aside cache, lock). */
function filesOf(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out.join('\n');
}

function expectNoSecret(r: Run): void {
  const everything = `${r.stdout}\n${r.stderr}\n${filesOf(r.dir)}`;
  for (const secret of SECRETS) expect(everything).not.toContain(secret);
  // Nor any Authorization header, redacted or not.
  expect(everything).not.toMatch(/authorization/i);
}


describe('the token never appears in output or in the cache', () => {
  let ok: Simulator;
  let refused: Simulator;
  let broken: Simulator;
  beforeAll(async () => {
    [ok, refused, broken] = await Promise.all([
      github({ accept: true }),
      github({ accept: false }),
      github({ accept: true, faults: { serverErrorRate: 1 } }),
    ]);
  });

  it('in succeeding runs', async () => {
    const results = await Promise.all([run(ok, ['sweep']), run(ok, ['sweep', '--debug', '--json'])]);
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(existsSync(join(r.dir, '.cla-sweeper/cache.json'))).toBe(true);
      expectNoSecret(r);
    }
    // --debug did print the detail that could have carried it, and --json the summary.
    expect(results[1]!.stderr).toMatch(/octokit|graphql cost/);
    expect(JSON.parse(results[1]!.stdout).exitCode).toBe(0);
  });

  it('in runs whose token GitHub refuses (401)', async () => {
    const results = await Promise.all([run(refused, ['sweep', '--json']), run(refused, ['sweep', '--debug'])]);
    for (const r of results) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('GITHUB_TOKEN');
      expectNoSecret(r);
    }
    // The stack printed with --debug carries no request either.
    expect(results[1]!.stderr).toMatch(/\n\s+at /);
  });

  it('in runs where every request fails with a 5xx', async () => {
    const r = await run(broken, ['sweep', '--debug', '--json']);
    expect([1, 2]).toContain(r.code);
    expect(r.stdout + r.stderr).toMatch(/50[023]/);
    expectNoSecret(r);
  });

  it('in explain (refused) and validate', async () => {
    const results = await Promise.all([
      run(refused, ['explain', 'acme/widgets#2', '--debug']),
      run(ok, ['validate', '--debug']),
    ]);
    expect(results.map((r) => r.code)).toEqual([1, 0]);
    for (const r of results) expectNoSecret(r);
  });
});

describe('a GitHub App private key never appears', () => {
  it('whether it cannot be read as a key or is refused beside a token', async () => {
    const sim = await github({ accept: true });
    const app = { GITHUB_APP_ID: '12345', GITHUB_APP_PRIVATE_KEY: PRIVATE_KEY };
    const [alone, beside] = await Promise.all([
      run(sim, ['sweep', '--debug', '--json'], { ...app, GITHUB_TOKEN: undefined }),
      run(sim, ['sweep', '--debug', '--json'], app),
    ]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('GITHUB_APP_PRIVATE_KEY does not hold a private key that can be read');
    expect(beside.code).toBe(1);
    expect(beside.stderr).toContain('drop the token to authenticate as the App, or drop the App variables');
    for (const r of [alone, beside]) expectNoSecret(r);
  });
});
