// How GitHub's refusals are classified: by status and headers, never by the message.
import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { AuthError, GitHubError } from '../../../src/errors.js';
import { toGitHubError } from '../../../src/github/errors.js';
import { acceptedPermissions } from '../../../src/github/permissions.js';

function refusal(status: number, headers: Record<string, string>, message = 'whatever GitHub says', docs?: string): RequestError {
  return new RequestError(message, status, {
    request: { method: 'POST', url: 'https://api.github.com/x', headers: { authorization: 'token secret' } },
    response: { status, url: 'https://api.github.com/x', headers, data: { message, ...(docs ? { documentation_url: docs } : {}) } },
  });
}

describe('toGitHubError', () => {
  it.each([
    ['a spent REST budget', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-resource': 'core' }, 'rate-limited', 'rest'],
    ['a spent GraphQL budget', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-resource': 'graphql' }, 'rate-limited', 'graphql'],
    ['a secondary limit with retry-after', 403, { 'x-ratelimit-remaining': '4000', 'retry-after': '60' }, 'rate-limited', 'all'],
    ['429 without headers', 429, {}, 'rate-limited', 'all'],
    ['a 403 without rate-limit headers', 403, { 'x-ratelimit-remaining': '4000' }, 'forbidden', undefined],
    ['a 404', 404, {}, 'not-found', undefined],
    ['a 422', 422, {}, 'invalid', undefined],
    ['a 502', 502, {}, 'server', undefined],
  ] as const)('%s is %s', (_case, status, headers, kind, limit) => {
    const error = toGitHubError(refusal(status, headers), 'set-status on a/b#1');
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).kind).toBe(kind);
    expect((error as GitHubError).limit).toBe(limit);
  });

  it('does not read the message: a 403 that says "secondary rate limit" without GitHub\'s headers is a refusal', () => {
    expect((toGitHubError(refusal(403, {}, 'You have exceeded a secondary rate limit'), 'x') as GitHubError).kind).toBe('forbidden');
  });

  it.each([
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    'https://docs.github.com/rest/overview/resources-in-the-rest-api#secondary-rate-limits',
  ])('tells a secondary limit sent without retry-after by its documentation link (%s)', (docs) => {
    const error = toGitHubError(refusal(403, { 'x-ratelimit-remaining': '4000' }, 'x', docs), 'x') as GitHubError;
    expect([error.kind, error.limit]).toEqual(['rate-limited', 'all']);
    const refused = toGitHubError(refusal(403, {}, 'x', 'https://docs.github.com/rest/commits/statuses#create-a-commit-status'), 'x') as GitHubError;
    expect(refused.kind).toBe('forbidden');
  });

  it('turns 401 into an AuthError that names the variable and never the token', () => {
    const error = toGitHubError(refusal(401, {}, 'Bad credentials'), 'ListOpenPullRequests');
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('GITHUB_TOKEN');
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('keeps the permission GitHub names for a fine-grained token', () => {
    const error = toGitHubError(refusal(403, { 'x-accepted-github-permissions': 'statuses=write' }), 'set-status on a/b#1') as GitHubError;
    expect(error.permission).toBe('Commit statuses: write');
  });
});

describe('acceptedPermissions', () => {
  it.each([
    ['statuses=write', 'Commit statuses: write'],
    ['issues=write; pull_requests=write', 'Issues: write or Pull requests: write'],
    ['contents=read,pull_requests=write', 'Contents: read and Pull requests: write'],
    ['', undefined],
  ])('%j → %j', (header, text) => {
    expect(acceptedPermissions({ 'x-accepted-github-permissions': header })).toBe(text);
  });
});
