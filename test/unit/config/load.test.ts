import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { MAX_REPORTED_PROBLEMS } from '../../../src/config/problems.js';
import { ConfigError } from '../../../src/errors.js';

let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cla-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `text` to a fresh file and returns its path. */
async function configFile(text: string, name = `c${n++}.yaml`): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function loadError(text: string): Promise<{ file: string; error: ConfigError }> {
  const file = await configFile(text);
  const error = await loadConfig(file).then(
    () => {
      throw new Error('expected a ConfigError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return { file, error: error as ConfigError };
}

const MINIMAL = 'repositories: [SciTools/iris]\nsignatories:\n  file: signatories.yaml\n';

describe('loadConfig: defaults and paths', () => {
  it('fills every default', async () => {
    const loaded = await loadConfig(await configFile(MINIMAL));
    expect(loaded.config).toEqual({
      repositories: ['SciTools/iris'],
      exclude: [],
      signatories: { file: 'signatories.yaml' },
      allowlist: [],
      status: { context: 'cla/signed', url: null },
      labels: { signed: 'cla: signed', missing: 'cla: missing' },
      cache: { file: '.cla-sweeper/cache.json' },
      sweep: { rescanMinutes: 0 },
      github: { maxConcurrency: 2, writeIntervalMs: 1000, maxWritesPerHour: 500 },
      budget: { reservePoints: 500 },
      guard: { maxFlips: 10, maxFlipShare: 0.2 },
      publish: 'status',
      mergeQueue: true,
    });
  });

  it('resolves the signatories file and the cache relative to the configuration file', async () => {
    await mkdir(join(dir, 'nested'), { recursive: true });
    const file = await configFile(
      'repositories: [a/b]\nsignatories: {file: ../lists/s.csv}\ncache: {file: state/cache.json}\n',
      'nested/cla.yaml',
    );
    const loaded = await loadConfig(relative(process.cwd(), file));
    expect(loaded.file).toBe(file);
    expect(loaded.dir).toBe(join(dir, 'nested'));
    expect(loaded.signatoriesSource).toEqual({ kind: 'file', path: join(dir, 'lists', 's.csv') });
    expect(loaded.cacheFile).toBe(join(dir, 'nested', 'state', 'cache.json'));
  });

  it('keeps absolute paths as they are', async () => {
    const loaded = await loadConfig(
      await configFile('repositories: [a/b]\nsignatories: {file: /srv/s.json}\ncache: {file: /var/cache/c.json}\n'),
    );
    expect(loaded.signatoriesSource).toEqual({ kind: 'file', path: '/srv/s.json' });
    expect(loaded.cacheFile).toBe('/var/cache/c.json');
  });

  it.each([
    ['url', 'url: https://example.org/s.json', { kind: 'url', url: 'https://example.org/s.json' }],
    [
      'github with ref',
      'github: {repo: SciTools/cla, path: lists/s.yaml, ref: main}',
      { kind: 'github', repo: 'SciTools/cla', path: 'lists/s.yaml', ref: 'main' },
    ],
    [
      'github without ref',
      'github: {repo: SciTools/cla, path: s.csv}',
      { kind: 'github', repo: 'SciTools/cla', path: 's.csv', ref: null },
    ],
  ])('signatories source: %s', async (_name, source, expected) => {
    const loaded = await loadConfig(await configFile(`repositories: [a/b]\nsignatories: {${source.replace(/^(\w+): /, '$1: ')}}\n`));
    expect(loaded.signatoriesSource).toEqual(expected);
  });

  it('accepts a full configuration', async () => {
    const loaded = await loadConfig(
      await configFile(`
repositories: [SciTools/iris, SciTools/*, a-b/c.d_e-f]
exclude: [SciTools/old-thing]
signatories: {url: "http://127.0.0.1:8080/s"}
allowlist: ["*[bot]", ci@bots.example.org]
status: {context: ci/cla, url: https://example.org/cla}
labels: {signed: CLA OK, missing: CLA needed}
cache: {file: c.json}
schedule: "0 */15 * * * *"
github: {maxConcurrency: 4, writeIntervalMs: 1500}
budget: {reservePoints: 0}
guard: {maxFlips: 0, maxFlipShare: 1}
`),
    );
    expect(loaded.config.status).toEqual({ context: 'ci/cla', url: 'https://example.org/cla' });
    expect(loaded.config.guard).toEqual({ maxFlips: 0, maxFlipShare: 1 });
    expect(loaded.config.schedule).toBe('0 */15 * * * *');
  });

  it('loads the dashboard (title defaulted) and notify', async () => {
    const file = await configFile('repositories: [a/b]\nsignatories: {file: s.yaml}\ndashboard: {repo: SciTools/.github}\nnotify: {url: https://hooks.example.org/cla}\n');
    const { config } = await loadConfig(file);
    expect(config.dashboard).toEqual({ repo: 'SciTools/.github', title: 'CLA dashboard' });
    expect(config.notify).toEqual({ url: 'https://hooks.example.org/cla' });
  });

  it.each([
    ['dashboard', 'dashboard: {title: x}\n', 'repo'],
    ['notify', 'notify: {url: not-a-url}\n', 'url'],
  ])('refuses a malformed %s naming its line and key', async (key, yaml, sub) => {
    const file = await configFile(`repositories: [a/b]\nsignatories: {file: s.yaml}\n${yaml}`);
    await expect(loadConfig(file)).rejects.toThrow(new RegExp(`:3: ${key}.${sub}`));
  });

  it('loads the example configuration', async () => {
    const loaded = await loadConfig('config/cla-sweeper.example.yaml');
    expect(loaded.config.repositories).toEqual(['SciTools/iris', 'SciTools/cartopy']);
    expect(loaded.signatoriesSource).toEqual({ kind: 'file', path: join(process.cwd(), 'config', 'signatories.yaml') });
  });
});

describe('loadConfig: errors name file, line, key and expectation', () => {
  // [case, file text, line, key, detail (substring)]
  it.each<[string, string, number | undefined, string, string]>([
    [
      'malformed repository name',
      'repositories:\n  - SciTools/iris\n  - SciTools/cartopy\n  - SciTools iris\nsignatories: {file: s.yaml}\n',
      4,
      'repositories[2]',
      '"SciTools iris" is not "owner/name"',
    ],
    ['owner with a leading hyphen', 'repositories: [-a/b]\nsignatories: {file: s.yaml}\n', 1, 'repositories[0]', '"-a/b" is not'],
    ['owner starting with a hyphen', 'repositories: [-ab/c]\nsignatories: {file: s.yaml}\n', 1, 'repositories[0]', 'is not'],
    ['owner too long', `repositories: [${'a'.repeat(40)}/c]\nsignatories: {file: s.yaml}\n`, 1, 'repositories[0]', 'is not'],
    ['repository ".."', 'repositories: [a/..]\nsignatories: {file: s.yaml}\n', 1, 'repositories[0]', '"a/.." is not'],
    ['repository with a slash', 'repositories: [a/b/c]\nsignatories: {file: s.yaml}\n', 1, 'repositories[0]', 'is not'],
    ['repository as a number', 'repositories: [42]\nsignatories: {file: s.yaml}\n', 1, 'repositories[0]', 'got the number 42'],
    ['empty repository list', 'repositories: []\nsignatories: {file: s.yaml}\n', 1, 'repositories', 'the list is empty'],
    ['repositories without value', 'repositories:\nsignatories: {file: s.yaml}\n', 1, 'repositories', 'expected a list'],
    ['repositories missing', 'signatories: {file: s.yaml}\n', undefined, 'repositories', 'required'],
    ['exclude with owner/*', 'repositories: [a/*]\nexclude: [a/*]\nsignatories: {file: s.yaml}\n', 2, 'exclude[0]', '"a/*" is not "owner/name"'],
    [
      'unknown top-level key',
      'repositories: [a/b]\nsignatories: {file: s.yaml}\ncolour: red\n',
      3,
      '',
      'unknown key "colour" (expected one of: repositories, exclude, signatories,',
    ],
    ['unknown nested key', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nstatus:\n  contxt: x\n', 4, 'status', 'unknown key "contxt" (expected one of: context, url)'],
    [
      'unknown key in signatories.github',
      'repositories: [a/b]\nsignatories:\n  github:\n    repo: a/cla\n    path: s.yaml\n    branch: main\n',
      6,
      'signatories.github',
      'unknown key "branch" (expected one of: repo, path, ref)',
    ],
    ['unknown key in labels', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nlabels: {signed: a, missing: b, other: c}\n', 3, 'labels', 'unknown key "other" (expected one of: signed, missing)'],
    ['several documents', 'repositories: [a/b]\n---\nsignatories: {file: s.yaml}\n', 2, '', 'malformed YAML: Source contains multiple documents'],
    ['no signatories source', 'repositories: [a/b]\nsignatories: {}\n', 2, 'signatories', 'give one source'],
    [
      'two signatories sources',
      'repositories: [a/b]\nsignatories:\n  file: s.yaml\n  url: https://x.org/s.json\n',
      2,
      'signatories',
      'not "file" and "url"',
    ],
    ['signatories file without a known extension', 'repositories: [a/b]\nsignatories: {file: s.txt}\n', 2, 'signatories.file', '.yaml, .yml, .json or .csv'],
    ['signatories ftp URL', 'repositories: [a/b]\nsignatories: {url: "ftp://x.org/s.json"}\n', 2, 'signatories.url', 'is not an http(s) URL'],
    ['signatories URL with credentials', 'repositories: [a/b]\nsignatories: {url: "https://me:pw@x.org/s"}\n', 2, 'signatories.url', '"https://***@x.org/s": credentials'],
    ['github repo not owner/name', 'repositories: [a/b]\nsignatories:\n  github: {repo: cla, path: s.yaml}\n', 3, 'signatories.github.repo', '"cla" is not "owner/name"'],
    ['github path missing', 'repositories: [a/b]\nsignatories:\n  github:\n    repo: a/cla\n', 3, 'signatories.github.path', 'required'],
    ['github ref as a number', 'repositories: [a/b]\nsignatories:\n  github: {repo: a/cla, path: s.yaml, ref: 2024}\n', 3, 'signatories.github.ref', 'got the number 2024'],
    ['labels equal ignoring case', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nlabels:\n  signed: CLA\n  missing: cla\n', 5, 'labels.missing', 'must differ from labels.signed'],
    ['label too long', `repositories: [a/b]\nsignatories: {file: s.yaml}\nlabels: {signed: ${'x'.repeat(51)}}\n`, 3, 'labels.signed', '50-character limit'],
    ['empty status context', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nstatus: {context: ""}\n', 3, 'status.context', 'must not be empty'],
    ['status url not a URL', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nstatus: {url: example.org}\n', 3, 'status.url', 'is not an http(s) URL'],
    ['negative concurrency', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ngithub:\n  maxConcurrency: -1\n', 4, 'github.maxConcurrency', 'expected a positive whole number'],
    ['fractional write interval', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ngithub:\n  writeIntervalMs: 1.5\n', 4, 'github.writeIntervalMs', 'got the number 1.5'],
    ['zero concurrency', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ngithub: {maxConcurrency: 0}\n', 3, 'github.maxConcurrency', 'positive'],
    ['concurrency as text', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ngithub: {maxConcurrency: "2"}\n', 3, 'github.maxConcurrency', 'got "2"'],
    ['concurrency above GitHub\'s limit', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ngithub:\n  maxConcurrency: 101\n', 4, 'github.maxConcurrency', 'GitHub allows no more than 100 concurrent requests'],
    ['zero writes an hour', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ngithub: {maxWritesPerHour: 0}\n', 3, 'github.maxWritesPerHour', 'positive whole number (writes per rolling hour)'],
    ['share above 1', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nguard: {maxFlipShare: 2}\n', 3, 'guard.maxFlipShare', 'between 0 and 1'],
    ['unknown publish mode', 'repositories: [a/b]\nsignatories: {file: s.yaml}\npublish: checks\n', 3, 'publish', 'expected "status" or "check-run", got "checks"'],
    ['mergeQueue not a boolean', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nmergeQueue: "no"\n', 3, 'mergeQueue', 'expected true or false, got "no"'],
    ['negative budget', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nbudget: {reservePoints: -5}\n', 3, 'budget.reservePoints', 'whole number ≥ 0'],
    ['bad cron', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nschedule: "61 * * * *"\n', 3, 'schedule', 'is not a cron expression'],
    ['cron with too few fields', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nschedule: hourly\n', 3, 'schedule', 'is not a cron expression'],
    ['section as a list', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ngithub: [1]\n', 3, 'github', 'expected a mapping'],
    ['dashboard repo', 'repositories: [a/b]\nsignatories: {file: s.yaml}\ndashboard: {repo: nope}\n', 3, 'dashboard.repo', 'is not "owner/name"'],
    ['notify without url', 'repositories: [a/b]\nsignatories: {file: s.yaml}\nnotify: {}\n', 3, 'notify.url', 'required'],
    ['top level is a list', '- a/b\n', undefined, '', 'expected a mapping with at least "repositories" and "signatories" (or "dco"), got a list'],
    ['malformed YAML', 'repositories: [a/b]\nsignatories:\n  file: "s.yaml\n', 4, '', 'malformed YAML: Missing closing "quote'],
    ['duplicate key', 'repositories: [a/b]\nrepositories: [c/d]\n', 2, '', 'malformed YAML: Map keys must be unique'],
    ['empty file', '', undefined, '', 'the file is empty'],
    ['only comments', '# nothing yet\n', undefined, '', 'the file is empty'],
  ])('%s', async (_name, text, line, key, detail) => {
    const { file, error } = await loadError(text);
    expect(error.file).toBe(file);
    expect(error.line).toBe(line);
    expect(error.key).toBe(key);
    expect(error.detail.split('\n')[0]).toContain(detail);
    expect(error.message.split('\n')[0]).toBe(`${file}${line ? `:${line}` : ''}: ${key ? `${key}: ` : ''}${error.detail.split('\n')[0]}`);
  });

  it('reports several problems, first in the file first, up to the limit', async () => {
    const { file, error } = await loadError(
      'colour: red\nrepositories: [x, y, z, w]\nsignatories: {file: s.yaml}\ngithub: {maxConcurrency: 0}\nguard: {maxFlipShare: 3}\n',
    );
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`${file}:1: unknown key "colour" (expected one of: repositories, exclude, signatories, dco, allowlist, status, labels, cache, schedule, sweep, github, budget, guard, publish, mergeQueue, dashboard, notify)`);
    expect(lines[1]).toBe(`${file}:2: repositories[0]: "x" is not "owner/name" or "owner/*"`);
    expect(lines).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(lines.at(-1)).toBe('(and 2 more problems)');
  });

  it('names the file as given, relative or not', async () => {
    const file = relative(process.cwd(), await configFile('repositories: [bad]\nsignatories: {file: s.yaml}\n'));
    await expect(loadConfig(file)).rejects.toThrow(`${file}:1: repositories[0]: "bad" is not "owner/name"`);
  });

  it('says how to point at another file when it is missing', async () => {
    const file = join(dir, 'absent.yaml');
    const error = await loadConfig(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(new RegExp(`^${file}: no such file .*--config FILE or CLA_SWEEPER_CONFIG`));
  });

  it('refuses a directory', async () => {
    await expect(loadConfig(dir)).rejects.toThrow(`${dir}: is a directory`);
  });
});
