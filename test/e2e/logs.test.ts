// What a sweep's log looks like when stderr is not a terminal (a scheduler, a container): JSON
// lines only, no progress line, and every write logged once with its repository, pull request,
// what was written and why.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, TOKEN } from '../support/harness.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';

describe('logs off a terminal', () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator({ world: sampleWorld().world, tokens: { [TOKEN]: 'cla-bot' } });
    dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-logs-'));
    writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
    writeFileSync(join(dir, 'cla.yaml'), sampleConfig());
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are JSON lines, with one line per write naming repository, pull request, what and why', async () => {
    const r = await spawnCli(['sweep'], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: sim.url, CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'), CLA_SWEEPER_LOG_LEVEL: 'info' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(0);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // No progress line: nothing but log lines, and no carriage return redrawing one.
    expect(r.stderr).not.toContain('\r');
    const wrote = parsed.filter((l) => l.msg === 'wrote');
    const writes = sim.counters.log.filter((x) => x.method !== 'GET' && !x.path.endsWith('/graphql') && x.status < 300);
    expect(wrote).toHaveLength(writes.length);
    for (const w of wrote) {
      expect(typeof w.repo).toBe('string');
      expect(typeof w.kind).toBe('string');
      expect(typeof w.reason).toBe('string');
      if (w.kind !== 'create-label') expect(typeof w.pullRequest).toBe('number');
    }
    expect(wrote.find((w) => w.kind === 'set-status' && w.pullRequest === 2 && w.repo === 'acme/widgets')).toMatchObject({ state: 'failure', context: 'cla/signed' });
  });
});
