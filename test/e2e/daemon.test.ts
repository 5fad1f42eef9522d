// `cla-sweeper daemon` (issue 11, points 1 and 3), the built CLI against the simulator on a
// schedule of one sweep a second: several sweeps and never two at once, the configuration and the
// signatories read again before each (one that fails to load writes nothing and the daemon goes
// on), a rotated token file picked up at the next sweep, and SIGTERM during a sweep ending it
// cleanly with exit 0. Every wait is for a log line, never for a length of time.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_VERSION } from '../../src/cache/schema.js';
import { type SpawnResult, spawnCli, TOKEN } from '../support/harness.js';
import { type Expected, SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';

const CONTEXT = 'cla/signed';
const EVERY_SECOND = 'schedule: "* * * * * *"\n';
/** Generous: a loaded machine may take long; a daemon that hangs fails here rather than running forever. */
const WAIT_MS = 60_000;

interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

/** A daemon process whose JSON log lines on stderr can be awaited. */
class Running {
  readonly lines: LogLine[] = [];
  readonly done: Promise<SpawnResult>;
  private child: ChildProcess | undefined;
  private partial = '';

  constructor(env: Record<string, string>) {
    this.done = spawnCli(['daemon'], env, (child) => {
      this.child = child;
      child.stderr?.on('data', (chunk: Buffer) => this.take(chunk.toString('utf8')));
    });
  }

  private take(text: string): void {
    const all = this.partial + text;
    const parts = all.split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) {
      try {
        this.lines.push(JSON.parse(part) as LogLine);
      } catch {
        // not a log line (the signal notice)
      }
    }
  }

  count(msg: string): number {
    return this.lines.filter((l) => l.msg === msg).length;
  }

  /** Waits until `predicate` holds over the lines logged so far; fails if the process ends first. */
  async until(what: string, predicate: (lines: LogLine[]) => boolean): Promise<void> {
    let ended = false;
    void this.done.then(() => {
      ended = true;
    });
    const deadline = Date.now() + WAIT_MS;
    while (!predicate(this.lines)) {
      if (ended) throw new Error(`the daemon ended while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; log: ${this.lines.map((l) => l.msg).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits for the next sweep to start and finish (or fail) after this call. */
  async nextSweep(): Promise<LogLine> {
    const started = this.count('sweep started');
    await this.until('a sweep to start', () => this.count('sweep started') > started);
    const ends = () => this.lines.filter((l) => l.msg.startsWith('sweep finished') || l.msg.startsWith('sweep failed'));
    await this.until('that sweep to end', () => ends().length > started);
    return ends()[started]!;
  }

  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }
}

interface Scene {
  sim: Simulator;
  expected: Expected[];
  dir: string;
  env: Record<string, string>;
}

const scenes: Scene[] = [];
const running: Running[] = [];
afterAll(async () => {
  for (const r of running) r.kill('SIGKILL');
  for (const s of scenes) {
    await s.sim.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

async function scene(tokens: Record<string, string> = { [TOKEN]: 'cla-bot' }): Promise<Scene> {
  const { world, expected } = sampleWorld();
  const sim = await startSimulator({ world, tokens });
  const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-daemon-'));
  writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
  writeFileSync(join(dir, 'cla.yaml'), sampleConfig({ extra: EVERY_SECOND }));
  const s: Scene = {
    sim,
    expected,
    dir,
    env: {
      GITHUB_API_URL: sim.url,
      CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'),
      CLA_SWEEPER_RETRY_BASE_MS: '1',
      CLA_SWEEPER_LOG_LEVEL: 'info',
    },
  };
  scenes.push(s);
  return s;
}

function start(s: Scene, env: Record<string, string>): Running {
  const r = new Running({ ...s.env, ...env });
  running.push(r);
  return r;
}

const writesOf = (s: Scene) => s.sim.counters.requests['rest-write'] + s.sim.counters.requests['graphql-mutation'];
const statusOf = (s: Scene, e: Expected) => s.sim.world.statusOf(e.repo, s.sim.world.headSha(e.repo, e.number), CONTEXT);

describe.concurrent('cla-sweeper daemon', () => {
  it('sweeps on a seconds schedule, never two at once, reloads configuration and signatories before each sweep, survives one that cannot load, and stops cleanly on SIGTERM', async () => {
    const s = await scene();
    const d = start(s, { GITHUB_TOKEN: TOKEN });

    // The first sweep reconciles the sample world.
    expect((await d.nextSweep()).exitCode).toBe(0);
    for (const e of s.expected) expect(statusOf(s, e)?.state ?? null, e.case).toBe(e.state);
    const bobs = s.expected.find((e) => e.case === 'unsigned author')!;
    expect(statusOf(s, bobs)?.state).toBe('failure');

    // A new signatory, read by the next sweep: bob's pull request turns green.
    writeFileSync(join(s.dir, 'signatories.yaml'), `${SAMPLE_SIGNATORIES}  - github: bob\n`);
    await d.nextSweep();
    await d.nextSweep();
    expect(statusOf(s, bobs)?.state).toBe('success');

    // A configuration that does not load: the sweep fails, writes nothing, the daemon goes on.
    writeFileSync(join(s.dir, 'cla.yaml'), 'repositories: [acme/widgets\n');
    await d.nextSweep();
    const writesBefore = writesOf(s);
    const failed = await d.nextSweep();
    expect(failed.msg).toMatch(/^sweep failed/);
    expect(failed.exitCode).toBe(1);
    expect(String(failed.error)).toContain('cla.yaml');
    expect(writesOf(s)).toBe(writesBefore);

    // Fixed, with a new sign-here URL (and the schedule written another way): the next sweeps
    // rewrite every status with it, and the daemon moves to the schedule as now written.
    const rewritten = 'schedule: "*/1 * * * * *"\n';
    writeFileSync(join(s.dir, 'cla.yaml'), sampleConfig({ extra: rewritten }).replace('https://example.org/cla', 'https://example.org/sign'));
    await d.nextSweep();
    await d.nextSweep();
    for (const e of s.expected.filter((x) => x.state !== null)) expect(statusOf(s, e)?.targetUrl, e.case).toBe('https://example.org/sign');
    expect(d.lines.find((l) => l.msg.startsWith('the configuration names a new schedule'))).toMatchObject({ to: '*/1 * * * * *' });

    // A sweep slower than the schedule: the ticks that come meanwhile are skipped, not run alongside.
    s.sim.setFaults({ latencyMs: 1500 });
    s.sim.resetCounters();
    await d.until('a skipped tick', (lines) => lines.some((l) => l.msg.startsWith('the previous sweep is still running')));
    await d.nextSweep();
    s.sim.setFaults({ latencyMs: 0 });
    expect(s.sim.counters.maxInFlight).toBeLessThanOrEqual(2); // maxConcurrency of one sweep
    const sequence = d.lines.filter((l) => l.msg === 'sweep started' || l.msg.startsWith('sweep finished') || l.msg.startsWith('sweep failed'));
    for (const [i, l] of sequence.entries()) expect(l.msg === 'sweep started', `line ${i}: ${l.msg}`).toBe(i % 2 === 0);
    // The only failures are the broken configuration's: none for a lock held by an overlapping sweep.
    const failures = d.lines.filter((l) => l.msg.startsWith('sweep failed'));
    expect(failures.length).toBeGreaterThanOrEqual(1);
    for (const f of failures) expect(String(f.error)).toContain('cla.yaml:');
    expect(d.count('sweep started')).toBeGreaterThanOrEqual(7);

    // SIGTERM in the middle of a sweep: it stops at the next safe point, saves its cache, exit 0.
    s.sim.setFaults({ latencyMs: 1000 });
    const started = d.count('sweep started');
    await d.until('a sweep in progress', () => d.count('sweep started') > started);
    d.kill('SIGTERM');
    const r = await d.done;
    expect(r.code, r.stderr).toBe(0);
    expect(d.count('daemon stopped')).toBe(1);
    // The sweep in progress ended (interrupted, partial) before the daemon did.
    const ends = d.lines.filter((l) => l.msg.startsWith('sweep finished') || l.msg.startsWith('sweep failed'));
    expect(ends.length).toBe(d.count('sweep started'));
    expect(ends.at(-1)?.exitCode).toBe(2);
    expect(r.stdout).toContain('stopped early: interrupted');
    expect(JSON.parse(readFileSync(join(s.dir, '.cla-sweeper/cache.json'), 'utf8')).version).toBe(CACHE_VERSION);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('picks up a rotated GITHUB_TOKEN_FILE at the next sweep, without a restart', async () => {
    const oldToken = 'old-rotating-token-for-tests';
    const newToken = 'new-rotating-token-for-tests';
    const s = await scene({ [oldToken]: 'cla-bot', [newToken]: 'cla-bot' });
    const tokenFile = join(s.dir, 'token');
    writeFileSync(tokenFile, `${oldToken}\n`);
    const d = start(s, { GITHUB_TOKEN_FILE: tokenFile });
    expect((await d.nextSweep()).exitCode).toBe(0);

    // The old token is revoked: sweeps fail with a refused credential, and write nothing.
    s.sim.state.tokens.delete(oldToken);
    await d.nextSweep();
    const refused = await d.nextSweep();
    expect(refused.exitCode).toBe(1);
    expect(String(refused.error)).toContain('GitHub refused the credentials');

    // The secret is rotated in place, as a Kubernetes Secret mounted as a file is.
    writeFileSync(tokenFile, `${newToken}\n`);
    await d.nextSweep();
    expect((await d.nextSweep()).exitCode).toBe(0);
    for (const e of s.expected) expect(statusOf(s, e)?.state ?? null, e.case).toBe(e.state);

    d.kill('SIGINT');
    const r = await d.done;
    expect(r.code).toBe(0);
    for (const t of [oldToken, newToken]) expect(`${r.stdout}${r.stderr}`).not.toContain(t);
  });

  it('refuses to start without a schedule, naming the key', async () => {
    const s = await scene();
    writeFileSync(join(s.dir, 'cla.yaml'), sampleConfig());
    const r = await spawnCli(['daemon'], { ...s.env, GITHUB_TOKEN: TOKEN });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('schedule: the daemon sweeps on this schedule');
    expect(s.sim.counters.log).toEqual([]);
  });
});
