// Bad input everywhere (issue 4, point 7): each gets a clear message naming what to fix, exit 1
// with no write when it is fatal, and no stack trace unless --debug.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../../src/env.js';
import type { Env } from '../../../src/env.js';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, configFor, runCaptured, SAMPLE_SIGNATORIES, writes } from './support.js';

const NOT_A_KEY = 'this-is-not-a-private-key-0123456789';
const app = (vars: Record<string, string>): Partial<Env> => {
  const e = readEnv(vars);
  return { token: null, githubApp: e.githubApp, credentialsProblem: e.credentialsProblem };
};

interface Case {
  name: string;
  /** Spoils the setup: receives the harness and its configuration writer. */
  spoil: (h: Harness, config: (extra: string, repos?: string[]) => void) => void;
  env?: Partial<Env>;
  code: 0 | 1;
  /** Substrings stderr must contain (the message a person reads). */
  says: string[];
  /** Substrings that must appear nowhere. */
  never?: string[];
}

const cases: Case[] = [
  // The configuration file.
  {
    name: 'malformed YAML configuration',
    spoil: (h) => h.setConfig('repositories: [acme/repo-0\nsignatories: { file: signatories.yaml\n'),
    code: 1,
    says: ['cla-sweeper.yaml', 'malformed YAML'],
  },
  {
    name: 'empty configuration file',
    spoil: (h) => h.setConfig(''),
    code: 1,
    says: ['cla-sweeper.yaml', 'empty'],
  },
  {
    name: 'a number where a list is expected',
    spoil: (h) => h.setConfig('repositories: 42\nsignatories:\n  file: signatories.yaml\n'),
    code: 1,
    says: ['cla-sweeper.yaml', 'repositories'],
  },
  {
    name: 'a word where a number is expected',
    spoil: (h) => h.setConfig(configFor(names).replace('maxConcurrency: 2', 'maxConcurrency: many')),
    code: 1,
    says: ['github.maxConcurrency', 'many'],
  },
  {
    name: 'a key given twice',
    spoil: (_h, config) => config('github:\n  maxConcurrency: 3\n'),
    code: 1,
    says: ['cla-sweeper.yaml:', 'Map keys must be unique'],
  },
  {
    name: 'a share outside 0..1',
    spoil: (_h, config) => config('guard:\n  maxFlipShare: 2\n'),
    code: 1,
    says: ['guard.maxFlipShare', 'between 0 and 1'],
  },
  {
    name: 'a repository name with a space',
    spoil: (_h, config) => config('', ['acme/repo-0', 'acme/my repo']),
    code: 1,
    says: ['repositories[1]', 'acme/my repo'],
  },
  {
    name: 'a repository name with two slashes',
    spoil: (_h, config) => config('', ['acme/repo-0/extra']),
    code: 1,
    says: ['repositories[0]', 'acme/repo-0/extra'],
  },
  {
    name: 'an owner alone',
    spoil: (_h, config) => config('', ['acme']),
    code: 1,
    says: ['repositories[0]', 'acme'],
  },
  // The signatories list.
  {
    name: 'malformed YAML signatories',
    spoil: (h) => h.setSignatories('signatories:\n  - github: alice\n  - github: [bob\n'),
    code: 1,
    says: ['signatories.yaml'],
  },
  {
    name: 'malformed JSON signatories',
    spoil: (h) => {
      writeFileSync(`${h.dir}/list.json`, '{"signatories": [{"github": "alice"},]}');
      h.setConfig(configFor(names).replace('file: signatories.yaml', 'file: list.json'));
    },
    code: 1,
    says: ['list.json'],
  },
  {
    name: 'malformed CSV signatories (an unclosed quote)',
    spoil: (h) => {
      writeFileSync(`${h.dir}/list.csv`, 'github,email\nalice,"alice@example.org\nbob,bob@example.org\n');
      h.setConfig(configFor(names).replace('file: signatories.yaml', 'file: list.csv'));
    },
    code: 1,
    says: ['list.csv'],
  },
  {
    name: 'CSV signatories without a github or email column',
    spoil: (h) => {
      writeFileSync(`${h.dir}/list.csv`, 'name,signed_on\nAlice,2024-01-01\n');
      h.setConfig(configFor(names).replace('file: signatories.yaml', 'file: list.csv'));
    },
    code: 1,
    says: ['list.csv', 'github'],
  },
  {
    name: 'an entry with neither github nor email',
    spoil: (h) => h.setSignatories('signatories:\n  - github: alice\n  - name: Somebody\n'),
    code: 1,
    says: ['signatories.yaml:3'],
  },
  {
    name: 'a login GitHub would never allow',
    spoil: (h) => h.setSignatories('signatories:\n  - github: alice\n  - github: "bob smith"\n'),
    code: 1,
    says: ['signatories.yaml:3', 'bob smith'],
  },
  {
    name: 'an email that is not one',
    spoil: (h) => h.setSignatories('signatories:\n  - github: alice\n  - email: "carol@@example.org"\n'),
    code: 1,
    says: ['signatories.yaml:3', 'carol@@example.org'],
  },
  {
    name: 'duplicate entries (tolerated)',
    spoil: (h) => h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: alice\n  - github: ALICE\n`),
    code: 0,
    says: [],
  },
  {
    name: 'one email listed for two logins (a warning, not an error)',
    spoil: (h) => h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: dave\n    email: carol@example.org\n`),
    code: 0,
    says: ['carol@example.org', '@carol', '@dave'],
  },
  // The cache.
  {
    name: 'a cache file of garbage',
    spoil: (h) => writeCache(h, '\u0000garbage{{{'),
    code: 0,
    says: ['cache file unreadable: rebuilding it', 'not valid JSON'],
  },
  {
    name: 'a cache file of an older format',
    spoil: (h) => writeCache(h, JSON.stringify({ version: 0, prs: {} })),
    code: 0,
    says: ['cache file unreadable: rebuilding it', 'older version of cla-sweeper (format 0)'],
  },
  // Credentials.
  {
    name: 'a token GitHub refuses (401)',
    spoil: () => undefined,
    env: { token: 'revoked-token-00000000000000000000000000' },
    code: 1,
    says: ['401', 'GITHUB_TOKEN'],
    never: ['revoked-token-00000000000000000000000000'],
  },
  {
    name: 'no token',
    spoil: () => undefined,
    env: { token: null },
    code: 1,
    says: ['GITHUB_TOKEN is not set'],
  },
  {
    name: 'a GitHub App private key file that is not there',
    spoil: () => undefined,
    env: app({ GITHUB_APP_ID: '12345', GITHUB_APP_INSTALLATION_ID: '678', GITHUB_APP_PRIVATE_KEY_FILE: '/secrets/key.pem' }),
    code: 1,
    says: ['GITHUB_APP_PRIVATE_KEY_FILE=/secrets/key.pem: no such file'],
  },
  {
    name: 'GitHub App variables without a key',
    spoil: () => undefined,
    env: app({ GITHUB_APP_ID: '12345' }),
    code: 1,
    says: ['GitHub App authentication needs a private key (GITHUB_APP_PRIVATE_KEY_FILE or GITHUB_APP_PRIVATE_KEY)'],
  },
  {
    name: 'a GitHub App private key that is not a key',
    spoil: () => undefined,
    env: app({ GITHUB_APP_ID: '12345', GITHUB_APP_PRIVATE_KEY: NOT_A_KEY }),
    code: 1,
    says: ['GITHUB_APP_PRIVATE_KEY does not hold a private key that can be read', '.pem'],
    never: [NOT_A_KEY],
  },
  {
    name: 'GitHub App variables beside a token (an error naming what to drop)',
    spoil: () => undefined,
    env: { githubApp: readEnv({ GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: NOT_A_KEY }).githubApp },
    code: 1,
    says: ['both a token (GITHUB_TOKEN or GITHUB_TOKEN_FILE) and GitHub App variables (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY) are set', 'drop the token', 'drop the App variables'],
    never: [NOT_A_KEY],
  },
];

function writeCache(h: Harness, text: string): void {
  mkdirSync(dirname(h.cacheFile), { recursive: true });
  writeFileSync(h.cacheFile, text);
}

let h: Harness;
const names = ['acme/repo-0'];
beforeAll(async () => {
  h = await harness(bigWorld(1, 2).world, { config: configFor(names) });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.setConfig(configFor(names));
  h.setSignatories(SAMPLE_SIGNATORIES);
  rmSync(h.cacheFile, { force: true });
  h.sim.resetCounters();
});

describe('bad input', () => {
  it.each(cases)('$name', async (c) => {
    c.spoil(h, (extra, repos) => h.setConfig(configFor(repos ?? names, { extra })));
    const r = await runCaptured(h, { logLevel: 'warn', ...c.env }, 'sweep');
    expect(r.code, r.stderr).toBe(c.code);
    for (const s of c.says) expect(r.stderr).toContain(s);
    for (const s of c.never ?? []) expect(`${r.stdout}${r.stderr}`).not.toContain(s);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('unexpected error');
    if (c.code === 1) expect(writes(h.sim)).toBe(0);
  });

  it('prints the stack trace with --debug', async () => {
    h.setSignatories('signatories:\n  - name: Nobody\n');
    const r = await runCaptured(h, {}, 'sweep', '--debug');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
