// Which GitHub App the token belongs to, for `publish: check-run`: only its check runs are ours,
// and only an App's installation token can create check runs at all.
//
// - GraphQL `viewer` answers an installation token with the App's bot, `SLUG[bot]`
//   (fullsend-ai/fullsend#1953: "`viewer` returns `fullsend-ai-coder[bot]`" for an installation
//   token; pingdotgg/t3code#11273 reads it for `ghs_` tokens "and user tokens alike"); for any other
//   token, the user's login, which never has brackets. That tells, without writing, whether check
//   runs can be created: "Create a check run" is for GitHub Apps ("Your GitHub App must have the
//   `checks:write` permission", REST docs; "OAuth apps and personal access tokens (classic) cannot
//   use this endpoint", "Update a check run").
// - `GET /apps/{app_slug}` then gives the App's id: "If the GitHub App you specify is private, you
//   must authenticate with a personal access token or an installation access token" (REST docs,
//   "Get an app"); public Apps answer anyone. `GET /app` would not do: "You must use a JWT".
// - The GITHUB_TOKEN of GitHub Actions is the `github-actions` App's installation token (id 15368:
//   databricks/cli#4563 quotes "Invalid app_id `15368` - check run can only be modified by the
//   GitHub App that created it"), and takes the same path.
import { GitHubError } from '../errors.js';
import type { GraphqlRunner } from './graphql-runner.js';
import type { GitHubClient } from './client.js';
import { toGitHubError } from './errors.js';
import * as q from './queries.js';
import type { RestStats } from './writer.js';

export type TokenOwner = { kind: 'app'; slug: string; appId: number } | { kind: 'user'; login: string };

const BOT = /^(.+)\[bot\]$/;

export async function tokenOwner(github: { client: GitHubClient; runner: GraphqlRunner; rest: RestStats }): Promise<TokenOwner> {
  const { data } = await github.runner.run<{ viewer: { login: string } | null }>('ViewerLogin', q.VIEWER_LOGIN, {}, 1, { useReserve: true });
  const login = data.viewer?.login;
  if (!login) throw new GitHubError('GitHub did not say who the token belongs to (GraphQL viewer)', 'other');
  const slug = BOT.exec(login)?.[1];
  if (!slug) return { kind: 'user', login };
  github.rest.reads += 1;
  try {
    const res = await github.client.request('GET /apps/{app_slug}', { app_slug: slug });
    if (!res.data) throw new GitHubError(`GitHub gave no App for ${slug}`, 'other');
    return { kind: 'app', slug, appId: res.data.id };
  } catch (error) {
    throw toGitHubError(error, `reading the GitHub App ${slug} the token belongs to`);
  }
}
