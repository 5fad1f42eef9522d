import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appCredentials, isAppRequest, RenewingTokenCache } from '../../../src/github/app-auth.js';
import { AuthError } from '../../../src/errors.js';

const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const T0 = Date.parse('2026-01-01T00:00:00Z');
/** A value as @octokit/auth-app stores it: token|createdAt|expiresAt|selection|permissions|file. */
const entry = (createdMs: number, lifetimeMs: number) =>
  `ghs_x|${new Date(createdMs).toISOString()}|${new Date(createdMs + lifetimeMs).toISOString()}|all|statuses!|`;

describe('RenewingTokenCache', () => {
  it.each([
    ['an hour-long token, 54 minutes later', 60 * 60_000, 54 * 60_000, true],
    ['an hour-long token, 55 minutes later (five minutes left)', 60 * 60_000, 55 * 60_000, false],
    ['a 2-second token, 1.4 s later', 2000, 1400, true],
    ['a 2-second token, 1.5 s later (a quarter of its life left)', 2000, 1500, false],
    ['a token past its expiry', 60 * 60_000, 61 * 60_000, false],
  ])('%s: kept %s', (_case, lifetime, elapsed, kept) => {
    let now = T0;
    const cache = new RenewingTokenCache(() => now);
    cache.set('42', entry(T0, lifetime));
    now = T0 + elapsed;
    expect(cache.get('42') !== undefined).toBe(kept);
  });

  it('forgets everything on clear(), and a value it cannot read', () => {
    const cache = new RenewingTokenCache(() => T0);
    cache.set('1', entry(T0, 3_600_000));
    cache.set('2', 'garbage');
    expect(cache.get('2')).toBeUndefined();
    cache.clear();
    expect(cache.get('1')).toBeUndefined();
  });
});

describe('appCredentials', () => {
  const app = (o: { appId?: string | null; privateKey?: string | null; installationId?: string | null; variables?: string[] }) => ({
    variables: o.variables ?? ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY'],
    keyLooksLikePem: null,
    appId: o.appId === undefined ? '42' : o.appId,
    privateKey: o.privateKey === undefined ? PEM : o.privateKey,
    installationId: o.installationId ?? null,
  });

  it('accepts an App id or a client id, with or without an installation id', () => {
    expect(appCredentials(app({}))).toMatchObject({ appId: '42', installationId: null, keyVariable: 'GITHUB_APP_PRIVATE_KEY' });
    expect(appCredentials(app({ appId: 'Iv23liAbCdEf', installationId: '7' }))).toMatchObject({ installationId: 7 });
    expect(appCredentials(app({ variables: ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY_FILE'] })).keyVariable).toBe('GITHUB_APP_PRIVATE_KEY_FILE');
  });

  it.each([
    ['no App id', { appId: null }, 'needs GITHUB_APP_ID'],
    ['no key', { privateKey: null }, 'needs a private key (GITHUB_APP_PRIVATE_KEY_FILE or GITHUB_APP_PRIVATE_KEY)'],
    ['an App id that is a name', { appId: 'cla-sweeper' }, 'GITHUB_APP_ID must be the App\'s id'],
    ['an installation id that is not a number', { installationId: 'acme' }, 'GITHUB_APP_INSTALLATION_ID must be a number'],
    ['a key that is not one', { privateKey: 'not-a-key-at-all-0123456789' }, 'GITHUB_APP_PRIVATE_KEY does not hold a private key that can be read'],
    ['a key cut after its first line', { privateKey: '-----BEGIN RSA PRIVATE KEY-----' }, 'does not hold a private key that can be read'],
  ])('%s is an AuthError saying what to fix', (_case, o, says) => {
    let thrown: unknown;
    try {
      appCredentials(app(o));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AuthError);
    expect((thrown as Error).message).toContain(says);
    expect((thrown as Error).message).not.toContain('not-a-key-at-all');
  });
});

describe('isAppRequest', () => {
  it.each([
    ['/app', true],
    ['/app/installations/{installation_id}/access_tokens', true],
    ['/api/v3/app/installations/1/access_tokens', true],
    ['/repos/{owner}/{repo}/installation', true],
    ['/orgs/acme/installation', true],
    ['/apps/cla-sweeper', false],
    ['/graphql', false],
    ['/repos/acme/app/statuses/abc', false],
    ['/repos/app/x/labels', false],
    ['http://127.0.0.1:1234/api/v3/app/installations/7/access_tokens', true],
    ['https://api.github.com/repos/acme/widgets/installation', true],
  ])('%s: %s', (url, expected) => {
    expect(isAppRequest(url)).toBe(expected);
  });
});
