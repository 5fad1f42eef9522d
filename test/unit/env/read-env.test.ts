// readEnv refuses values no run could succeed with, naming the variable, the value and what is expected.
import { describe, expect, it } from 'vitest';
import { EnvError } from '../../../src/errors.js';
import { readEnv } from '../../../src/env.js';

function envError(vars: Record<string, string>): EnvError {
  try {
    readEnv(vars);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error('expected an EnvError');
}

describe('GITHUB_API_URL', () => {
  it.each([
    [undefined, 'https://api.github.com'],
    ['', 'https://api.github.com'],
    ['https://api.github.com/', 'https://api.github.com'],
    [' https://ghe.example.org/api/v3// ', 'https://ghe.example.org/api/v3'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('%j is used as %s', (value, apiUrl) => {
    expect(readEnv(value === undefined ? {} : { GITHUB_API_URL: value }).apiUrl).toBe(apiUrl);
  });

  it.each([
    ['not a url', 'GITHUB_API_URL is "not a url", not a URL; expected the REST API base URL: https://api.github.com for github.com, https://HOST/api/v3 for GitHub Enterprise Server'],
    ['api.github.com', 'GITHUB_API_URL is "api.github.com", not a URL'],
    ['ftp://ghe.example.org/api/v3', 'GITHUB_API_URL is ftp://ghe.example.org/api/v3: only https:// (or http://) URLs can be used'],
    ['http://127.0.0.1:1', 'GITHUB_API_URL is http://127.0.0.1:1: port 1 is one that fetch refuses to connect to'],
    ['https://github.com', "GITHUB_API_URL is https://github.com, GitHub's website: github.com's API is at https://api.github.com"],
    ['https://ghe.example.org/api/v3?x=1', 'GITHUB_API_URL is https://ghe.example.org/api/v3?x=***: a base URL has no query or fragment'],
  ])('%j is refused', (value, message) => {
    expect(envError({ GITHUB_API_URL: value }).message).toContain(message);
    expect(envError({ GITHUB_API_URL: value }).variable).toBe('GITHUB_API_URL');
  });

  it.each([
    ['https://x-access-token:ghs_secretvalue1234@ghe.example.org/api/v3', 'ghs_secretvalue1234'],
    ['ghp_notaurlbutatoken0123456789', 'ghp_notaurlbutatoken0123456789'],
    ['0123456789abcdef0123456789abcdef01234567', '0123456789abcdef0123456789abcdef01234567'],
  ])('never repeats a credential found in it: %s', (value, secret) => {
    const error = envError({ GITHUB_API_URL: value });
    expect(error.message).not.toContain(secret);
    expect(error.message).toMatch(/GITHUB_TOKEN/);
  });

  it('does not repeat a long value that is not a URL (a secret pasted in the wrong place), only its length', () => {
    const value = 'Zm9vYmFyYmF6cXV4c2VjcmV0dmFsdWUxMjM0NTY3ODk';
    const error = envError({ GITHUB_API_URL: value });
    expect(error.message).not.toContain(value);
    expect(error.message).toContain(`GITHUB_API_URL is a value of ${value.length} characters (not shown), not a URL`);
  });
});

describe('GITHUB_TOKEN', () => {
  it('is trimmed', () => {
    expect(readEnv({ GITHUB_TOKEN: ' ghp_abc123\n' }).token).toBe('ghp_abc123');
  });

  it.each([
    ['ghp_abc\ndef', 'GITHUB_TOKEN holds a space or line break (at character 8 of 11): copy the token again'],
    ['ghp_ab c', 'GITHUB_TOKEN holds a space or line break (at character 7 of 8)'],
    ['ghp_abc\u2019', 'GITHUB_TOKEN holds a character no token has (at character 8 of 8)'],
  ])('%j cannot be sent as a header: refused without repeating it', (token, message) => {
    const error = envError({ GITHUB_TOKEN: token });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('ghp_');
  });
});

describe('CLA_SWEEPER_LOG_LEVEL', () => {
  it.each([
    ['debug', 'debug'],
    ['WARN', 'warn'],
    [' silent ', 'silent'],
  ])('%j is %s', (value, level) => {
    expect(readEnv({ CLA_SWEEPER_LOG_LEVEL: value }).logLevel).toBe(level);
  });

  it('names the variable and the allowed values for one pino does not know', () => {
    expect(envError({ CLA_SWEEPER_LOG_LEVEL: 'verbose' }).message).toBe(
      'CLA_SWEEPER_LOG_LEVEL is "verbose": expected one of debug, info, warn, error, silent',
    );
  });
});
