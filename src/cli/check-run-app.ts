// `publish: check-run` needs the App the token belongs to (only its runs are ours) and a token
// that can create check runs at all: told apart by reading, before anything is written.
import type { LoadedConfig } from '../config/load.js';
import type { Env } from '../env.js';
import { ConfigError } from '../errors.js';
import { tokenOwner } from '../github/app-identity.js';
import type { GitHubContext } from './connect.js';

/**
 * The App whose check runs are ours, or null when verdicts are published as statuses. `readOnly`
 * (the report): with a token that is no App's, null rather than an error, since nothing is written.
 */
export async function checkRunApp(loaded: LoadedConfig, github: GitHubContext, env: Env, readOnly = false): Promise<{ appId: number } | null> {
  if (loaded.config.publish !== 'check-run') return null;
  // Authenticated as the App: its installation tokens create check runs, and GITHUB_APP_ID is its
  // id, unless it holds the client id (app-auth.ts takes either), which the token's bot resolves.
  const appId = env.githubApp?.appId;
  if (appId && /^\d+$/.test(appId)) return { appId: Number(appId) };
  const owner = await tokenOwner(github);
  if (owner.kind === 'app') return { appId: owner.appId };
  if (readOnly) return null;
  throw new ConfigError(
    loaded.file,
    'publish',
    `"check-run" needs a GitHub App installation token, but the token belongs to the user @${owner.login}: only a GitHub App can create check runs. ` +
      'Authenticate as a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID; the App needs the "Checks: write" permission), ' +
      'or run in a GitHub Actions workflow with its GITHUB_TOKEN and "permissions: checks: write", or set "publish: status". Nothing was written.',
  );
}
