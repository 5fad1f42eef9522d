// The built CLI, spawned as users run it, against the simulator.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, TOKEN } from '../support/harness.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';

describe('the built cla-sweeper CLI', () => {
  let sim: Simulator;
  let dir: string;
  let env: Record<string, string>;
  const { world, expected } = sampleWorld();

  beforeAll(async () => {
    sim = await startSimulator({ world, tokens: { [TOKEN]: 'cla-bot' } });
    dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-e2e-'));
    writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
    writeFileSync(join(dir, 'cla.yaml'), sampleConfig());
    env = {
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: sim.url,
      CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'),
      CLA_SWEEPER_LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('validate prints what it found and makes no GitHub call', async () => {
    const r = await spawnCli(['validate'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('acme/widgets');
    expect(r.stdout).toMatch(/7 logins/);
    expect(sim.counters.log.length).toBe(0);
  });

  it('sweep reconciles the world, exits 0, and a second sweep writes nothing', async () => {
    const first = await spawnCli(['sweep', '--json'], env);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.pullRequests.seen).toBe(11);
    expect(summary.writes.failed).toEqual([]);
    for (const e of expected) {
      const status = world.statusOf(e.repo, world.headSha(e.repo, e.number), 'cla/signed');
      expect(status?.state ?? null, `${e.repo}#${e.number} ${e.case}`).toBe(e.state);
      expect([...world.labelsOf(e.repo, e.number)].sort()).toEqual([...e.labels].sort());
    }
    const writesBefore = sim.counters.requests['rest-write'];
    const second = await spawnCli(['sweep'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Sweep complete');
    expect(sim.counters.requests['rest-write']).toBe(writesBefore);
  });

  it('explain names every commit author and why they are or are not covered', async () => {
    const pr = expected.find((e) => e.case === 'unsigned co-author only')!;
    const r = await spawnCli(['explain', `${pr.repo}#${pr.number}`], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/author @carol .*covered/);
    expect(r.stdout).toMatch(/co-author @dave .*NOT covered/);
    expect(r.stdout).toContain('cla (cla/signed): missing');
  });

  it.each([
    [['daemon'], 'schedule: the daemon sweeps on this schedule'],
    [['daemon', '--listen', 'nine-four-six-four'], '--listen: "nine-four-six-four" is not HOST:PORT'],
    [['report', '--publish-dashboard'], '--publish-dashboard needs a dashboard'],
    [['sweep', '--shard', '2/2'], 'shard 2 does not exist among 2 shards'],
    [['sweep', '--repo', 'other/repo'], 'not a configured repository'],
    [['explain', 'not-a-ref'], 'OWNER/REPO#NUMBER'],
  ])('%j exits 1 with a clear message', async (args, message) => {
    const r = await spawnCli(args, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
