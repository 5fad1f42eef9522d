// Runs the real command line in-process against the simulator, with a configuration written to a
// temporary directory; and spawns the built CLI for end-to-end tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/program.js';
import type { Env } from '../../src/env.js';
import { SAMPLE_SIGNATORIES, sampleConfig } from './sample-world.js';
import { startSimulator, type Simulator } from './simulator/index.js';
import type { TokenSpec } from './simulator/auth/identity.js';
import type { World } from './simulator/world.js';

export const TOKEN = 'sim-token-for-tests';

export interface RunResult {
  code: number;
  stdout: string;
}

export interface Harness {
  sim: Simulator;
  dir: string;
  configFile: string;
  cacheFile: string;
  run(...args: string[]): Promise<RunResult>;
  setSignatories(text: string): void;
  setConfig(text: string): void;
  env(): Env;
  close(): Promise<void>;
}

export async function harness(
  world: World,
  opts: {
    signatories?: string;
    config?: string;
    faults?: Parameters<typeof startSimulator>[0] extends infer O ? O extends { faults?: infer F } ? F : never : never;
    graphqlLimit?: number;
    /** What the token the CLI runs with is (default: the classic token of user cla-bot). */
    token?: TokenSpec;
  } = {},
): Promise<Harness> {
  const sim = await startSimulator({ world, tokens: { [TOKEN]: opts.token ?? 'cla-bot' }, faults: opts.faults, graphqlLimit: opts.graphqlLimit });
  const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-'));
  const configFile = join(dir, 'cla-sweeper.yaml');
  const h: Harness = {
    sim,
    dir,
    configFile,
    cacheFile: join(dir, '.cla-sweeper/cache.json'),
    setSignatories: (text) => writeFileSync(join(dir, 'signatories.yaml'), text),
    setConfig: (text) => writeFileSync(configFile, text),
    env: () => ({ token: TOKEN, apiUrl: sim.url, noReplyHost: 'github.com', configFile: null, retryBaseMs: 1, debug: false, logLevel: 'silent' }),
    async run(...args) {
      let stdout = '';
      const code = await runCli(['node', 'cla-sweeper', ...args, '--config', configFile], {
        env: h.env(),
        out: (text) => {
          stdout += text;
        },
        signal: new AbortController().signal,
      });
      return { code, stdout };
    },
    async close() {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  h.setSignatories(opts.signatories ?? SAMPLE_SIGNATORIES);
  h.setConfig(opts.config ?? sampleConfig());
  return h;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI (npm test builds before running vitest). */
export const BUILT_CLI = join(root, 'dist/src/cli/main.js');

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed because it outran `timeoutMs`. */
  timedOut: boolean;
}

/** Spawns a Node script with only PATH and `env`; `onStart` may kill it; `timeoutMs` kills it. */
export function spawnNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  opts: { onStart?: (child: ReturnType<typeof spawn>) => void; timeoutMs?: number; uid?: number; gid?: number } = {},
): Promise<SpawnResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.uid === undefined ? {} : { uid: opts.uid }),
      ...(opts.gid === undefined ? {} : { gid: opts.gid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let timedOut = false;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
    opts.onStart?.(child);
  });
}

/** Spawns the built CLI; `onStart` may kill it. */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
  onStart?: (child: ReturnType<typeof spawn>) => void,
): Promise<SpawnResult> {
  return spawnNode(BUILT_CLI, args, env, { onStart });
}
