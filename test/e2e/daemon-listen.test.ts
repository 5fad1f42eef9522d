// `cla-sweeper daemon --listen HOST:PORT`, the built CLI against the simulator: /metrics answers
// the last sweep's figures and /healthz turns unhealthy after three fatal sweeps in a row and
// healthy again after a good one; the server closes with the daemon. Every wait is for a log line
// or an answer, never for a length of time.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnResult, spawnCli, TOKEN } from '../support/harness.js';
import { parseMetrics } from '../support/metrics.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';

const WAIT_MS = 60_000;
const EVERY_SECOND = 'schedule: "* * * * * *"\n';

interface LogLine {
  msg: string;
  [k: string]: unknown;
}

describe('daemon --listen', () => {
  let sim: Simulator;
  let dir: string;
  let child: ChildProcess | undefined;
  let done: Promise<SpawnResult>;
  const lines: LogLine[] = [];

  const until = async <T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const got = await probe();
      if (got !== undefined) return got;
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; log: ${lines.map((l) => l.msg).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const ends = () => lines.filter((l) => l.msg.startsWith('sweep finished') || l.msg.startsWith('sweep failed'));

  beforeAll(async () => {
    sim = await startSimulator({ world: sampleWorld().world, tokens: { [TOKEN]: 'cla-bot' } });
    dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-listen-'));
    writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
    writeFileSync(join(dir, 'cla.yaml'), sampleConfig({ extra: EVERY_SECOND }));
    let partial = '';
    done = spawnCli(
      ['daemon', '--listen', '127.0.0.1:0'],
      { GITHUB_API_URL: sim.url, GITHUB_TOKEN: TOKEN, CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'), CLA_SWEEPER_RETRY_BASE_MS: '1' },
      (c) => {
        child = c;
        c.stderr?.on('data', (chunk: Buffer) => {
          const parts = (partial + chunk.toString('utf8')).split('\n');
          partial = parts.pop() ?? '';
          for (const p of parts) {
            try {
              lines.push(JSON.parse(p) as LogLine);
            } catch {
              // not a log line
            }
          }
        });
      },
    );
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the last sweep at /metrics, /healthz by the sweeps, and closes with the daemon', async () => {
    const address = await until('the server to listen', () => lines.find((l) => l.msg === 'serving /metrics and /healthz')?.address as string | undefined);
    const url = `http://${address}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    await until('a sweep to finish', () => (ends().length > 0 ? true : undefined));
    const m = parseMetrics(await (await fetch(`${url}/metrics`)).text());
    expect(m.value('cla_sweeper_pull_requests', { check: 'cla', verdict: 'missing' })).toBe(4);
    expect(m.value('cla_sweeper_healthy')).toBe(1);
    expect(m.value('cla_sweeper_last_completed_sweep_timestamp_seconds')).toBeGreaterThan(0);

    // A configuration that does not load: three fatal sweeps in a row make it unhealthy.
    writeFileSync(join(dir, 'cla.yaml'), 'repositories: [acme/widgets\n');
    const sick = await until('/healthz to turn unhealthy', async () => {
      const res = await fetch(`${url}/healthz`);
      return res.status === 503 ? ((await res.json()) as { fatalInARow: number; reason: string }) : undefined;
    });
    expect(sick.fatalInARow).toBeGreaterThanOrEqual(3);
    expect(sick.reason).toContain('failed with nothing written');
    const failedMetrics = parseMetrics(await (await fetch(`${url}/metrics`)).text());
    expect(failedMetrics.value('cla_sweeper_healthy')).toBe(0);
    expect(failedMetrics.value('cla_sweeper_run_exit_code')).toBe(1);

    // Fixed: the next completed sweep makes it healthy again.
    writeFileSync(join(dir, 'cla.yaml'), sampleConfig({ extra: EVERY_SECOND }));
    await until('/healthz to turn healthy', async () => ((await fetch(`${url}/healthz`)).status === 200 ? true : undefined));

    child?.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
