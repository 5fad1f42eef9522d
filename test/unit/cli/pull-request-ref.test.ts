import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { parsePullRequestRef, webHostOf } from '../../../src/cli/pull-request-ref.js';

const DOTCOM = 'https://api.github.com';
const GHES = 'https://ghe.example.org/api/v3';

describe('parsePullRequestRef', () => {
  it.each<[string, string, string, number]>([
    ['acme/widgets#12', DOTCOM, 'acme/widgets', 12],
    ['  acme/my.repo_x-1#3 ', DOTCOM, 'acme/my.repo_x-1', 3],
    ['https://github.com/acme/widgets/pull/12', DOTCOM, 'acme/widgets', 12],
    ['https://github.com/acme/widgets/pull/12/files', DOTCOM, 'acme/widgets', 12],
    ['https://github.com/acme/widgets/pull/12/commits/abc123?w=1#diff-1', DOTCOM, 'acme/widgets', 12],
    ['https://GitHub.com/acme/widgets/pull/12#issuecomment-99', DOTCOM, 'acme/widgets', 12],
    ['https://ghe.example.org/acme/widgets/pull/7', GHES, 'acme/widgets', 7],
    ['http://127.0.0.1:8080/acme/widgets/pull/7', 'http://127.0.0.1:8080', 'acme/widgets', 7],
    ['https://acme.ghe.com/acme/widgets/pull/7', 'https://api.acme.ghe.com', 'acme/widgets', 7],
  ])('%s (GITHUB_API_URL %s) is %s#%i', (ref, apiUrl, repo, number) => {
    expect(parsePullRequestRef(ref, apiUrl)).toEqual({ repo, number });
  });

  it.each<[string, string, string]>([
    ['not-a-ref', DOTCOM, 'is not a pull request: expected OWNER/REPO#NUMBER or a pull request URL'],
    ['acme/widgets#x', DOTCOM, 'is not a pull request'],
    ['-bad/widgets#1', DOTCOM, 'is not a pull request'],
    ['https://github.com/acme/widgets/issues/12', DOTCOM, 'https://github.com/acme/widgets/issues/12 is not a pull request\'s page'],
    ['https://github.com/acme/widgets/pulls', DOTCOM, 'is not a pull request\'s page'],
    ['https://github.com/acme/widgets/pull/12', GHES, 'is on github.com, but GITHUB_API_URL (https://ghe.example.org/api/v3) is the API of ghe.example.org'],
    ['https://ghe.example.org/acme/widgets/pull/7', DOTCOM, 'is on ghe.example.org, but GITHUB_API_URL (https://api.github.com) is the API of github.com'],
  ])('refuses %s (GITHUB_API_URL %s)', (ref, apiUrl, message) => {
    expect(() => parsePullRequestRef(ref, apiUrl)).toThrow(ConfigError);
    expect(() => parsePullRequestRef(ref, apiUrl)).toThrow(message);
  });

  it.each([
    [DOTCOM, 'github.com'],
    [GHES, 'ghe.example.org'],
    ['http://127.0.0.1:8080', '127.0.0.1:8080'],
  ])('the web host of %s is %s', (apiUrl, host) => {
    expect(webHostOf(apiUrl)).toBe(host);
  });
});
