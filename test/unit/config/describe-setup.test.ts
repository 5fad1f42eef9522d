// `cla-sweeper validate` output (src/report/validate-summary.ts) over a loaded configuration.
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../../src/config/load.js';
import { Config } from '../../../src/config/schema.js';
import type { Signatory, SignatoryList } from '../../../src/signatories/model.js';
import { countSignatories, describeSetup } from '../../../src/report/validate-summary.js';

function entry(github: string | null, email: string | null, line = 1): Signatory {
  return { github, email, line, extra: {} };
}

const HASH = `sha256:${'0f'.repeat(32)}`;
const LIST: SignatoryList = {
  source: '/etc/cla/s.yaml',
  entries: [
    entry('pelson', null),
    entry('Alice', 'alice@example.org'),
    entry('alice', 'ALICE@example.org'),
    entry(null, 'carol@example.org'),
    entry(null, '*@bigcorp.example'),
    entry(null, '*@*.bigcorp.example'),
    entry(null, HASH),
  ],
};

function loaded(raw: unknown): LoadedConfig {
  const config = Config.parse(raw);
  return {
    file: '/etc/cla/cla-sweeper.yaml',
    dir: '/etc/cla',
    config,
    signatoriesSource: { kind: 'url', url: 'https://example.org/s.json?token=abc' },
    cacheFile: '/etc/cla/.cla-sweeper/cache.json',
  };
}

describe('countSignatories', () => {
  it.each<[string, SignatoryList, ReturnType<typeof countSignatories>]>([
    ['mixed, duplicates counted once', LIST, { entries: 7, logins: 2, emails: 2, hashedEmails: 1, domainPatterns: 2 }],
    ['logins only', { source: 's', entries: [entry('a', null), entry('b', null)] }, { entries: 2, logins: 2, emails: 0, hashedEmails: 0, domainPatterns: 0 }],
  ])('%s', (_name, list, counts) => {
    expect(countSignatories(list)).toEqual(counts);
  });
});

describe('describeSetup', () => {
  it('prints every setting on aligned lines', () => {
    const text = describeSetup(
      loaded({
        repositories: ['SciTools/iris', 'SciTools/*'],
        exclude: ['SciTools/old'],
        signatories: { url: 'https://example.org/s.json?token=abc' },
        allowlist: ['*[bot]'],
        status: { url: 'https://example.org/cla' },
        schedule: '*/15 * * * *',
      }),
      LIST,
      ['x@y.org is listed for @a (line 1) and for @b (line 3)'],
    );
    expect(text.split('\n')).toEqual([
      'config        /etc/cla/cla-sweeper.yaml',
      'repositories  2: SciTools/iris, SciTools/*',
      'exclude       SciTools/old',
      'checks        cla',
      'signatories   url https://example.org/s.json?token=***',
      '              7 entries: 2 logins, 2 emails, 1 hashed email, 2 domain patterns',
      'status        context "cla/signed", url https://example.org/cla',
      'labels        signed "cla: signed", missing "cla: missing"',
      'allowlist     *[bot]',
      'cache         /etc/cla/.cla-sweeper/cache.json',
      'github        maxConcurrency 2, writeIntervalMs 1000, maxWritesPerHour 500',
      'guard         maxFlips 10, maxFlipShare 0.2',
      'budget        reservePoints 500',
      'publish       commit statuses; merge queues on',
      'schedule      */15 * * * * (daemon mode)',
      'warnings      x@y.org is listed for @a (line 1) and for @b (line 3)',
    ]);
  });

  it('says when optional lists are empty and leaves out absent sections', () => {
    const text = describeSetup(
      loaded({ repositories: ['a/b'], signatories: { file: 's.yaml' } }),
      { source: 's', entries: [entry('a', null)] },
      [],
    );
    expect(text).toContain('allowlist     (none)');
    expect(text).toContain('url (none)');
    expect(text).toContain('1 entry: 1 login, 0 emails, 0 hashed emails, 0 domain patterns');
    expect(text).not.toMatch(/^(exclude|schedule|warnings|dashboard|notify)/m);
  });

  it('says how verdicts are published and whether merge queues are answered', () => {
    const text = describeSetup(loaded({ repositories: ['a/b'], signatories: { file: 's.yaml' }, publish: 'check-run', mergeQueue: false }), { source: 's', entries: [entry('a', null)] }, []);
    expect(text).toContain('publish       check runs (needs a GitHub App installation token); merge queues off');
  });
});
