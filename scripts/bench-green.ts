// The time to green of `npm run bench`: the daemon on a one-minute schedule with quick sweeps,
// against the simulator in this process; a change is made at a random moment of the minute (a
// contributor signs, or a commit is pushed), and the time until the status turns is measured.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { type GeneratedWorld, generatedConfig, signatoriesYaml } from '../test/support/generated-worlds.js';
import { seededRandom } from '../test/support/seeded-random.js';
import type { Simulator } from '../test/support/simulator/index.js';

const CLI = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'dist/src/cli/main.js');

export interface GreenFigures {
  world: string;
  /** Seconds from each change to its status, in the order made. */
  samples: { change: 'signatory' | 'push'; seconds: number }[];
  medianSeconds: number;
  worstSeconds: number;
  /** Sweeps the daemon finished during the measurement, and the GraphQL points they spent. */
  sweeps: number;
  pointsPerSweep: number;
  /** GraphQL points the daemon spent during the measurement, by operation. */
  pointsByOperation?: Record<string, number>;
  error?: string;
}

export interface GreenSettings {
  samples: number;
  /** `schedule` of the daemon. */
  schedule: string;
  token: string;
  maxConcurrency: number;
  /** Gives up on one change after this long. */
  sampleTimeoutMs: number;
}

/** What the simulator had counted when a sweep finished. */
interface Mark {
  points: number;
  log: number;
}

/**
 * Daemon log lines (JSON on stderr): counts finished sweeps, and marks what the simulator (in this
 * process) had counted at each, so that points are divided among whole sweeps only.
 */
function watch(child: ChildProcess, sim: Simulator): { finished: () => number; marks: Mark[]; stderr: () => string } {
  const marks: Mark[] = [];
  let text = '';
  child.stderr?.on('data', (d: Buffer) => {
    text += d;
    const lines = text.split('\n');
    text = lines.pop() ?? '';
    // A failed sweep ends a sweep too: its points are its own.
    for (const line of lines) if (/"msg":"sweep (finished|failed)/.test(line)) marks.push({ points: sim.counters.costPoints, log: sim.counters.log.length });
  });
  return { finished: () => marks.length, marks, stderr: () => text };
}

async function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (test()) return true;
    await sleep(100);
  }
  return test();
}

export async function timeToGreen(g: GeneratedWorld, sim: Simulator, dir: string, configFile: string, s: GreenSettings): Promise<GreenFigures> {
  const { world } = g;
  const random = seededRandom(g.spec.seed + 7);
  const figures: GreenFigures = { world: g.spec.name, samples: [], medianSeconds: Number.NaN, worstSeconds: Number.NaN, sweeps: 0, pointsPerSweep: Number.NaN };
  writeFileSync(
    configFile,
    generatedConfig({ repositories: g.repositories, maxConcurrency: s.maxConcurrency, extra: `schedule: "${s.schedule}"\nsweep:\n  rescanMinutes: 60\n` }),
  );
  const signed = [g.flipCandidate];
  const daemon = spawn(process.execPath, [CLI, 'daemon', '--config', configFile], {
    env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: s.token, GITHUB_API_URL: sim.url, CLA_SWEEPER_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log = watch(daemon, sim);
  try {
    // Settle: the first sweep lists again what the benchmark's last sweep labelled.
    if (!(await until(() => log.finished() >= 1, 10 * 60_000))) throw new Error(`the daemon finished no sweep: ${log.stderr().slice(-300)}`);
    const first = log.finished() - 1;
    let requestsBeforeTurn = sim.counters.log.length;
    // Guests whose pull requests turn green when they alone sign.
    const candidates = [...new Set([...g.unsignedOf.values()].filter((u) => u.length === 1).map((u) => u[0]!))].filter((l) => !signed.includes(l));
    for (let i = 0; i < s.samples; i++) {
      await sleep(5_000 + random() * 55_000);
      const change = i % 2 === 0 && candidates.length > 0 ? 'signatory' : 'push';
      let turned: () => boolean;
      if (change === 'signatory') {
        const guest = candidates.shift()!;
        signed.push(guest);
        writeFileSync(join(dir, 'signatories.yaml'), signatoriesYaml(g, signed));
        const key = [...g.unsignedOf].find(([, u]) => u.length === 1 && u[0] === guest)![0];
        const [repo, number] = [key.slice(0, key.lastIndexOf('#')), Number(key.slice(key.lastIndexOf('#') + 1))];
        turned = () => world.statusOf(repo, world.headSha(repo, number), 'cla/signed')?.state === 'success';
      } else {
        const repo = g.repositories[Math.floor(random() * g.repositories.length)]!;
        const number = 1 + Math.floor(random() * world.mustRepo(repo).pullRequests.size);
        const head = world.pushCommits(repo, number, [{ author: g.signed[0]! }]);
        turned = () => world.statusOf(repo, head, 'cla/signed') !== undefined;
      }
      const start = performance.now();
      // Also counts the daemon's requests while the change has not turned yet.
      const seen = () => {
        const before = sim.counters.log.length;
        if (turned()) return true;
        requestsBeforeTurn = before;
        return false;
      };
      if (!(await until(seen, s.sampleTimeoutMs))) throw new Error(`change ${i + 1} (${change}) did not turn within ${s.sampleTimeoutMs / 1000} s`);
      figures.samples.push({ change, seconds: Math.round((performance.now() - start) / 100) / 10 });
    }
    // The sweep that turned the last change (the first to finish after the requests counted while
    // it had not turned), and the next, which lists again what that one wrote: both belong to the
    // cost of the changes.
    const turning = log.marks.findIndex((m, n) => n > first && m.log > requestsBeforeTurn);
    const last = (turning < 0 ? log.finished() : turning) + 1;
    if (!(await until(() => log.finished() > last, 3 * 60_000))) throw new Error('the daemon finished no sweep after the last change');
    const [from, to] = [log.marks[first]!, log.marks[last]!];
    figures.sweeps = last - first;
    figures.pointsPerSweep = Math.round(((to.points - from.points) / figures.sweeps) * 10) / 10;
    const byOperation: Record<string, number> = {};
    for (const r of sim.counters.log.slice(from.log, to.log)) {
      if (r.operationName && r.cost) byOperation[r.operationName] = (byOperation[r.operationName] ?? 0) + r.cost;
    }
    figures.pointsByOperation = byOperation;
  } catch (error) {
    figures.error = error instanceof Error ? error.message : String(error);
  } finally {
    daemon.kill('SIGTERM');
    await new Promise((done) => daemon.on('close', done));
  }
  const sorted = figures.samples.map((x) => x.seconds).sort((a, b) => a - b);
  if (sorted.length > 0) {
    figures.medianSeconds = sorted[Math.floor((sorted.length - 1) / 2)]!;
    figures.worstSeconds = sorted[sorted.length - 1]!;
  }
  return figures;
}
