import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noReplyHostOf, readEnv } from '../../src/env.js';

const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const FAKE_TOKEN = 'fake-token-for-env-tests-0123';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIfake\nline\n-----END RSA PRIVATE KEY-----';

describe('GITHUB_TOKEN_FILE', () => {
  it('reads the token from the file, trimmed', () => {
    const env = readEnv({ GITHUB_TOKEN_FILE: file('token', `  ${FAKE_TOKEN}\n\n`) });
    expect(env.token).toBe(FAKE_TOKEN);
    expect(env.credentialsProblem).toBeNull();
  });

  it('reads the file again on every call: a rotated file gives the new token', () => {
    const path = file('rotating', 'first-token-value');
    expect(readEnv({ GITHUB_TOKEN_FILE: path }).token).toBe('first-token-value');
    writeFileSync(path, 'second-token-value\n');
    expect(readEnv({ GITHUB_TOKEN_FILE: path }).token).toBe('second-token-value');
  });

  it.each([
    ['a missing file', () => join(dir, 'nope'), 'no such file'],
    ['a directory', () => dir, 'is a directory'],
    ['an empty file', () => file('empty', ' \n'), 'the file is empty'],
  ])('%s is a problem naming the variable and the path', (_case, path, says) => {
    const p = path();
    const env = readEnv({ GITHUB_TOKEN_FILE: p });
    expect(env.token).toBeNull();
    expect(env.credentialsProblem).toContain(`GITHUB_TOKEN_FILE=${p}`);
    expect(env.credentialsProblem).toContain(says);
  });

  it('with GITHUB_TOKEN too, names both and says to drop one; never shows the values', () => {
    const env = readEnv({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_TOKEN_FILE: file('t2', 'other-token-value') });
    expect(env.token).toBeNull();
    expect(env.credentialsProblem).toMatch(/GITHUB_TOKEN and GITHUB_TOKEN_FILE are both set: drop one/);
    expect(env.credentialsProblem).not.toContain(FAKE_TOKEN);
    expect(env.credentialsProblem).not.toContain('other-token-value');
  });

  it('GITHUB_TOKEN alone works as before', () => {
    expect(readEnv({ GITHUB_TOKEN: ` ${FAKE_TOKEN} ` })).toMatchObject({ token: FAKE_TOKEN, credentialsProblem: null });
  });
});

describe('GitHub App variables', () => {
  it('reads the key from GITHUB_APP_PRIVATE_KEY_FILE and the ids', () => {
    const env = readEnv({ GITHUB_APP_ID: '42', GITHUB_APP_PRIVATE_KEY_FILE: file('key.pem', `${PEM}\n`), GITHUB_APP_INSTALLATION_ID: '7' });
    expect(env.githubApp).toEqual({
      variables: ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY_FILE', 'GITHUB_APP_INSTALLATION_ID'],
      keyLooksLikePem: true,
      appId: '42',
      privateKey: PEM,
      installationId: '7',
    });
  });

  it('turns "\\n" written out in a one-line variable back into line breaks', () => {
    const env = readEnv({ GITHUB_APP_ID: '42', GITHUB_APP_PRIVATE_KEY: PEM.replace(/\n/g, '\\n') });
    expect(env.githubApp?.privateKey).toBe(PEM);
    expect(env.githubApp?.keyLooksLikePem).toBe(true);
  });

  it('a key file that cannot be read is a problem naming GITHUB_APP_PRIVATE_KEY_FILE and the path', () => {
    const p = join(dir, 'missing.pem');
    const env = readEnv({ GITHUB_APP_ID: '42', GITHUB_APP_PRIVATE_KEY_FILE: p });
    expect(env.credentialsProblem).toBe(`GITHUB_APP_PRIVATE_KEY_FILE=${p}: no such file; check the path (and that the Secret is mounted there)`);
  });
});

describe('noReplyHostOf', () => {
  it.each([
    ['https://api.github.com', 'github.com'],
    ['https://API.GitHub.com/', 'github.com'],
    ['https://github.example.org/api/v3', 'github.example.org'],
    ['https://github.example.org/api/v3/', 'github.example.org'],
    ['http://127.0.0.1:8080/api/v3', '127.0.0.1'],
    ['https://api.octocorp.ghe.com', 'octocorp.ghe.com'],
    ['http://127.0.0.1:8080', 'github.com'],
    ['not a url', 'github.com'],
  ])('%s → users.noreply.%s', (url, host) => {
    expect(noReplyHostOf(url)).toBe(host);
  });

  it('is derived from GITHUB_API_URL', () => {
    expect(readEnv({ GITHUB_API_URL: 'https://ghes.example.org/api/v3/' })).toMatchObject({
      apiUrl: 'https://ghes.example.org/api/v3',
      noReplyHost: 'ghes.example.org',
    });
    expect(readEnv({}).noReplyHost).toBe('github.com');
  });
});
