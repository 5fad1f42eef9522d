// Issue 8: what a new user meets, as the built CLI shows it. Every command works in a terminal;
// a GITHUB_API_URL that cannot work fails at once and says why; --json always prints one JSON
// object; errors name the variable, key or file to fix, never a library's words.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, type SpawnResult, spawnCli, spawnNode, TOKEN } from '../support/harness.js';
import { closedPort, htmlPage, startHttpStub, type HttpStub } from '../support/http-stub.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';

const dirs: string[] = [];
const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A configuration directory of its own: the sample configuration and signatories. */
function configDir(signatories = SAMPLE_SIGNATORIES, config = sampleConfig()): string {
  const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-first-hour-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'signatories.yaml'), signatories);
  writeFileSync(join(dir, 'cla.yaml'), config);
  return dir;
}

async function simulator(): Promise<Simulator> {
  const sim = await startSimulator({ world: sampleWorld().world, tokens: { [TOKEN]: 'cla-bot' } });
  servers.push(sim);
  return sim;
}

function envFor(dir: string, apiUrl: string, more: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: apiUrl, CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'), CLA_SWEEPER_RETRY_BASE_MS: '1', ...more };
}

/** What a person sees: no stack trace, no library's words. */
function expectPlainError(r: SpawnResult): void {
  expect(r.stderr).not.toContain('unexpected error');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** Runs the built CLI under a pseudo-terminal (util-linux `script`): stdout and stderr are the terminal. */
function inTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, BUILT_CLI, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', SHELL: '/bin/sh', TERM: 'dumb', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.replaceAll('\r\n', '\n') }));
  });
}

describe('in a terminal (stderr is a TTY): readable log lines, exit 0', () => {
  let sim: Simulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    sim = await simulator();
    // One email under two logins: a warning every command logs, so each has a log line to show.
    const dir = configDir(`${SAMPLE_SIGNATORIES}  - github: zed\n    email: carol@example.org\n`);
    env = envFor(dir, sim.url);
  });

  it.each([
    ['validate', ['validate'], /^repositories +3: acme\/widgets/m],
    ['sweep --dry-run', ['sweep', '--dry-run'], /^Dry run complete: 3 repositories, 11 open pull requests/m],
    ['sweep', ['sweep'], /^Sweep complete: 3 repositories, 11 open pull requests/m],
    ['explain', ['explain', 'acme/widgets#2'], /^cla \(cla\/signed\): missing/m],
  ])('%s', async (_name, args, result) => {
    const r = await inTerminal(args, env);
    expect(r.output).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    expect(r.output).toMatch(result);
    expect(r.output).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: signatories warning\n {4}source: /m);
    expect(r.output).not.toContain('{"level"');
  });

  it('sweep logs each write as a readable line', async () => {
    const r = await inTerminal(['sweep', '--full'], { ...envFor(configDir(), (await simulator()).url) });
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: wrote\n {4}repo: "acme\/widgets"\n {4}pullRequest: 1\n/m);
  });
});

describe('a GITHUB_API_URL that cannot work: exit 1 at once, saying what to check', () => {
  let dir: string;
  let preload: string;
  let web: HttpStub;
  beforeAll(async () => {
    dir = configDir();
    // Fails every name lookup as the system resolver does when a name does not exist, without
    // asking any DNS server: the real fetch and socket code runs, on this machine only.
    preload = join(dir, 'no-dns.mjs');
    writeFileSync(
      preload,
      `import dns from 'node:dns';
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  const error = Object.assign(new Error('getaddrinfo ENOTFOUND ' + hostname), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
  process.nextTick(done, error);
};
`,
    );
    web = await startHttpStub((_req, res) => htmlPage(res, 404, 'Not Found'));
    servers.push(web);
  });

  it('a closed port', async () => {
    const port = await closedPort();
    const r = await spawnCli(['sweep'], envFor(dir, `http://127.0.0.1:${port}`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cla-sweeper: GitHub cannot be reached at GITHUB_API_URL=http://127.0.0.1:${port}: nothing accepts connections on 127.0.0.1:${port}`);
    expect(r.stderr).not.toMatch(/"status":500|server error/);
    expect(r.stdout).toBe('');
    expectPlainError(r);
  });

  it('a host name that does not resolve', async () => {
    const r = await spawnCli(['sweep'], envFor(dir, 'https://github.example.invalid/api/v3', { NODE_OPTIONS: `--import=${preload}` }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GITHUB_API_URL=https://github.example.invalid/api/v3: the host name github.example.invalid does not resolve (ENOTFOUND)');
    expectPlainError(r);
  });

  it('a web server that is not the API (HTML 404), with --json', async () => {
    const before = web.requests.length;
    const r = await spawnCli(['sweep', '--json'], envFor(dir, web.url));
    expect(r.code).toBe(1);
    expect(web.requests.length - before).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ error: { kind: 'github-unreachable', message: expect.stringContaining('got 404 with text/html') }, exitCode: 1 });
    expect(out.error.message).toContain(`GITHUB_API_URL=${web.url}`);
    expectPlainError(r);
  });

  it.each([
    ['http://127.0.0.1:1', 'GITHUB_API_URL is http://127.0.0.1:1: port 1 is one that fetch refuses to connect to'],
    ['not a url', 'GITHUB_API_URL is "not a url", not a URL; expected the REST API base URL'],
  ])('%j is refused when the environment is read', async (apiUrl, message) => {
    for (const args of [['sweep'], ['validate'], ['explain', 'acme/widgets#1']]) {
      const r = await spawnCli(args, envFor(dir, apiUrl));
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe(`cla-sweeper: ${message}${r.stderr.slice(`cla-sweeper: ${message}`.length)}`);
      expectPlainError(r);
    }
    const json = await spawnCli(['sweep', '--json'], envFor(dir, apiUrl));
    expect(JSON.parse(json.stdout)).toEqual({ error: { kind: 'environment', message: expect.stringContaining(message) }, exitCode: 1 });
  });
});

describe('--json always prints one JSON object', () => {
  it.each([
    ['a configuration that does not exist', ['sweep', '--json', '--config', '/nonexistent/cla.yaml'], 'config', 'no such file'],
    ['no token', ['sweep', '--json'], 'auth', 'GITHUB_TOKEN is not set'],
    ['an unknown option', ['sweep', '--json', '--bogus'], 'usage', "unknown option '--bogus'"],
  ])('on %s', async (_name, args, kind, message) => {
    // Each fails before any request; were one sent, nothing would answer it.
    const env: Record<string, string> = envFor(configDir(), `http://127.0.0.1:${await closedPort()}`);
    if (kind === 'auth') delete env.GITHUB_TOKEN;
    const r = await spawnCli(args, env);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ error: { kind, message: expect.stringContaining(message) }, exitCode: 1 });
  });

  it('a dry run the mass-change guard refuses shows its plan and the exit status it ends with', async () => {
    const sim = await simulator();
    const dir = configDir(SAMPLE_SIGNATORIES, sampleConfig({ extra: 'guard:\n  maxFlips: 0\n  maxFlipShare: 0\n' }));
    const env = envFor(dir, sim.url);
    expect((await spawnCli(['sweep'], env)).code).toBe(0);
    // alice leaves the list: her green pull requests would turn red.
    writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES.replace('  - github: alice\n', ''));
    const r = await spawnCli(['sweep', '--dry-run', '--json'], env);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.exitCode).toBe(1);
    expect(out.error).toEqual({ kind: 'mass-change', message: expect.stringContaining('Nothing was written') });
    expect(out.planned.length).toBeGreaterThan(0);
    expect(r.stderr).toContain('cla-sweeper: This sweep would turn');
  });
});

describe('errors in the reader words', () => {
  it('CLA_SWEEPER_LOG_LEVEL=verbose names the variable and the allowed levels', async () => {
    const r = await spawnCli(['validate'], envFor(configDir(), 'https://api.github.com', { CLA_SWEEPER_LOG_LEVEL: 'verbose' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cla-sweeper: CLA_SWEEPER_LOG_LEVEL is "verbose": expected one of debug, info, warn, error, silent\n');
  });

  it('--log-level verbose names the option and the allowed levels', async () => {
    const r = await spawnCli(['validate', '--log-level', 'verbose'], envFor(configDir(), 'https://api.github.com'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("option '--log-level <level>' argument 'verbose' is invalid. Allowed choices are debug, info, warn, error, silent.");
  });

  describe('a cache directory that cannot be written', () => {
    // Root may write anywhere: as root, the CLI gets the refusal the kernel gives any other user
    // (EACCES on that directory), injected into node:fs/promises by a preload; as any other user,
    // the directory is simply read-only. (Running the CLI as another user would need the checkout
    // to be readable by that user, which a CI clone need not be.)
    const asRoot = process.getuid?.() === 0;
    let dir: string;
    let locked: string;
    let sim: Simulator;
    let extra: Record<string, string> = {};
    beforeAll(async () => {
      sim = await simulator();
      dir = configDir(SAMPLE_SIGNATORIES, sampleConfig({ cache: 'state/cache.json' }));
      locked = join(dir, 'state');
      mkdirSync(locked);
      chmodSync(locked, 0o555);
      if (asRoot) {
        const preload = join(dir, 'deny-writes.mjs');
        writeFileSync(
          preload,
          `import { createRequire, syncBuiltinESMExports } from 'node:module';
const fsp = createRequire(import.meta.url)('node:fs/promises');
const denied = ${JSON.stringify(locked)};
const inside = (p) => String(p) === denied || String(p).startsWith(denied + '/');
for (const [name, syscall] of [['access', 'access'], ['open', 'open'], ['writeFile', 'open'], ['link', 'link'], ['rename', 'rename']]) {
  const real = fsp[name];
  fsp[name] = async (p, ...rest) => {
    if (inside(p)) throw Object.assign(new Error('EACCES: permission denied, ' + syscall + " '" + p + "'"), { errno: -13, code: 'EACCES', syscall, path: String(p) });
    return real(p, ...rest);
  };
}
syncBuiltinESMExports();
`,
        );
        extra = { NODE_OPTIONS: `--import=${preload}` };
      }
    });
    afterAll(() => chmodSync(locked, 0o755));

    it('stops sweep before any GitHub call (exit 1), naming cache.file, the path and the permission', async () => {
      const r = await spawnNode(BUILT_CLI, ['sweep'], envFor(dir, sim.url, extra));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`^cla-sweeper: cache.file ${locked}/cache.json: cannot write in ${locked}: permission denied \\(EACCES\\); the user running cla-sweeper \\(uid \\d+\\) needs write permission on ${locked} \\(owner uid \\d+, mode 555\\)`),
      );
      expectPlainError(r);
      expect(sim.counters.log).toEqual([]);
    });

    it('is a warning from validate, which may run where the cache does not live', async () => {
      const r = await spawnNode(BUILT_CLI, ['validate'], envFor(dir, sim.url, { CLA_SWEEPER_LOG_LEVEL: 'silent', ...extra }));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^warnings +cache.file ${locked}/cache.json: cannot write in ${locked}: permission denied \\(EACCES\\)`, 'm'));
      expect(r.stdout).toContain('(sweep here would stop with exit 1)');
    });
  });
});

describe('small things a user trips on', () => {
  it.each([[['--help']], [['sweep', '--help']]])('%j names the environment variables and the exit statuses', async (args) => {
    const r = await spawnCli(args, {});
    expect(r.code).toBe(0);
    for (const word of ['GITHUB_TOKEN', 'GITHUB_API_URL', 'CLA_SWEEPER_CONFIG', 'CLA_SWEEPER_LOG_LEVEL', 'Exit status:', '  0  ', '  1  ', '  2  ']) {
      expect(r.stdout).toContain(word);
    }
  });

  it('--help works whatever the environment holds', async () => {
    const r = await spawnCli(['--help'], { GITHUB_API_URL: 'not a url', CLA_SWEEPER_LOG_LEVEL: 'verbose' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: cla-sweeper');
  });

  it('explain takes a pull request URL pasted from the browser', async () => {
    const sim = await simulator();
    const r = await spawnCli(['explain', `${sim.url}/acme/widgets/pull/3/files`], envFor(configDir(), sim.url, { CLA_SWEEPER_LOG_LEVEL: 'warn' }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^acme\/widgets#3 /);
    expect(r.stdout).toMatch(/co-author @dave .*NOT covered/);
  });

  it.each([
    [['sweep', '--offboard', 'notarepo'], "option '--offboard <owner/name>' argument 'notarepo' is invalid. expected OWNER/NAME"],
    [['sweep', '--repo', 'acme'], "option '--repo <owner/name>' argument 'acme' is invalid. expected OWNER/NAME"],
  ])('%j is refused before any request', async (args, message) => {
    const r = await spawnCli(args, envFor(configDir(), `http://127.0.0.1:${await closedPort()}`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });

  it('a signatories list with several mistakes names each of them', async () => {
    const dir = configDir('signatories:\n  - github: ok\n  - emial: a@example.org\n  - github: "bad login"\n');
    const r = await spawnCli(['validate'], envFor(dir, 'https://api.github.com'));
    expect(r.code).toBe(1);
    const file = join(dir, 'signatories.yaml');
    expect(r.stderr).toBe(
      `cla-sweeper: signatories ${file}:3: entry 2: unknown key "emial" (expected one of: github, email, name, company, signed_on, note)\n` +
        `signatories ${file}:4: entry 3: github "bad login" is not a GitHub login\n`,
    );
  });
});
