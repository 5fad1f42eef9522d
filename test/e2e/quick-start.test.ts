// Issue 8, item 3: the README's quick start works as written. Its lines are read from README.md
// and run as they stand, in a copy of the checkout (the built dist/ and node_modules/ linked in),
// with one change: the simulator's port, which the test lets the system pick so that runs in
// parallel do not collide.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const README_PORT = '127.0.0.1:8089';

/** The ```sh blocks of the README's "Quick start" section, in order, as lists of lines. */
function quickStartBlocks(): string[][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Quick start\n'), readme.indexOf('\n## ', readme.indexOf('\n## Quick start\n') + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trimEnd().split('\n'));
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done, reject) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => done({ code, output }));
  });
}

describe("the README's quick start, line by line", () => {
  const blocks = quickStartBlocks();
  let dir: string;
  let simulator: ChildProcess | undefined;
  let simulatorOutput = '';

  beforeAll(() => {
    // A fresh checkout as far as the quick start can tell: its files, the build, the dependencies.
    dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-quick-start-'));
    cpSync(join(root, 'config'), join(dir, 'config'), { recursive: true, filter: (src) => !/cla-sweeper\.yaml$|signatories\.yaml$/.test(src) || /example|demo/.test(src) });
    cpSync(join(root, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(root, 'dist'), join(dir, 'dist'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  });
  afterAll(() => {
    // npm runs the simulator in a shell of its own: the whole process group is ours to end.
    if (simulator?.pid !== undefined && simulator.exitCode === null) process.kill(-simulator.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the four blocks this test follows', () => {
    expect(blocks.map((b) => b[0])).toEqual([
      'npm ci && npm run build',
      'npm run simulator',
      expect.stringMatching(/^export GITHUB_API_URL=http:\/\/127\.0\.0\.1:8089 GITHUB_TOKEN=simulator-token$/),
      expect.stringMatching(/^unset GITHUB_API_URL/),
    ]);
    // The first block is what `npm test` has done already (npm ci, then the build).
    expect(blocks[0]).toEqual(['npm ci && npm run build']);
  });

  it('starts the simulator, which prints the lines the README exports', async () => {
    expect(blocks[1]).toEqual(['npm run simulator']);
    simulator = spawn('bash', ['-c', blocks[1]![0]!], {
      cwd: dir,
      // No update check: the test stays on this machine.
      env: { PATH: process.env.PATH ?? '', HOME: dir, CLA_SWEEPER_SIMULATOR_PORT: '0', npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    await new Promise<void>((ready, fail) => {
      simulator!.stdout!.on('data', (d) => {
        simulatorOutput += d;
        if (simulatorOutput.includes('Ctrl-C')) ready();
      });
      simulator!.stderr!.on('data', (d) => {
        simulatorOutput += d;
      });
      simulator!.on('close', (code) => fail(new Error(`the simulator ended (${code}): ${simulatorOutput}`)));
    });
    expect(simulatorOutput).toMatch(/GitHub simulator on http:\/\/127\.0\.0\.1:\d+: 11 open pull requests in 3 repositories/);
  });

  it('validate and sweep --dry-run against it succeed, as the README says', async () => {
    const address = /export GITHUB_API_URL=http:\/\/(127\.0\.0\.1:\d+) /.exec(simulatorOutput)?.[1];
    expect(address).toBeDefined();
    const lines = blocks[2]!.map((line) => line.replaceAll(README_PORT, address!));
    // What the simulator says to export is what the README exports.
    expect(simulatorOutput).toContain(`  ${lines[0]}\n`);
    const r = await bash(lines.join('\n'), dir, {});
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/^repositories +3: acme\/widgets, acme\/gadgets, acme\/docs$/m);
    expect(r.output).toMatch(/^Dry run complete: 3 repositories, 11 open pull requests/m);
    expect(r.output).toMatch(/^cla \(cla\/signed\): missing/m);
  });

  it('then, for your own repositories, the copied examples pass validate', async () => {
    const block = blocks[3]!;
    // The lines up to validate; the sweeps after it need a real GitHub and a real token.
    const upTo = block.findIndex((line) => /main\.js validate\b/.test(line));
    expect(upTo).toBeGreaterThan(0);
    expect(block.slice(upTo + 1).every((line) => /main\.js sweep\b/.test(line))).toBe(true);
    const r = await bash(block.slice(0, upTo + 1).join('\n'), dir, { GITHUB_API_URL: `http://${README_PORT}` });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/^repositories +2: SciTools\/iris, SciTools\/cartopy$/m);
    expect(r.output).toMatch(/^signatories +file .*config\/signatories\.yaml$/m);
  });
});
