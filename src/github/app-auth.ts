// GitHub App authentication: the App's credentials from the environment, installation tokens that
// are renewed before they expire, the installation of each owner, and errors worded for the reader.
// Signing, the JWT's clock drift and the token requests are @octokit/auth-app's.
import { createPrivateKey } from 'node:crypto';
import { RequestError } from '@octokit/request-error';
import type { GitHubAppEnv } from '../env.js';
import { AuthError } from '../errors.js';

export interface AppCredentials {
  appId: string;
  privateKey: string;
  /** GITHUB_APP_INSTALLATION_ID, or null: the installation of each owner is looked up. */
  installationId: number | null;
  /** The variable the key came from, to name it in messages. */
  keyVariable: 'GITHUB_APP_PRIVATE_KEY' | 'GITHUB_APP_PRIVATE_KEY_FILE';
}

/** The App's credentials, checked before any request: a message says what to fix. */
export function appCredentials(app: GitHubAppEnv): AppCredentials {
  const keyVariable = app.variables.includes('GITHUB_APP_PRIVATE_KEY_FILE') ? 'GITHUB_APP_PRIVATE_KEY_FILE' : 'GITHUB_APP_PRIVATE_KEY';
  const missing = ['GITHUB_APP_ID', 'a private key (GITHUB_APP_PRIVATE_KEY_FILE or GITHUB_APP_PRIVATE_KEY)'].filter((_, i) =>
    i === 0 ? !app.appId : !app.privateKey,
  );
  if (missing.length > 0) {
    throw new AuthError(`GitHub App authentication needs ${missing.join(' and ')} (set: ${app.variables.join(', ')})`);
  }
  // An App id is a number; GitHub also accepts the App's client id (Iv1.…, Iv23…) as the JWT's issuer.
  if (!/^(\d+|Iv[0-9A-Za-z.]+)$/.test(app.appId!)) {
    throw new AuthError(`GITHUB_APP_ID must be the App's id, a number shown on the App's settings page (or its client id), not "${app.appId}"`);
  }
  const installation = app.installationId ?? null;
  if (installation !== null && !/^\d+$/.test(installation)) {
    throw new AuthError(`GITHUB_APP_INSTALLATION_ID must be a number (the end of the installation's settings URL), not "${installation}"`);
  }
  try {
    createPrivateKey(app.privateKey!);
  } catch {
    throw new AuthError(
      `${keyVariable} does not hold a private key that can be read: it should be the whole .pem file GitHub generated for the App ("Generate a private key" on the App's settings page), from "-----BEGIN RSA PRIVATE KEY-----" to the END line`,
    );
  }
  return { appId: app.appId!, privateKey: app.privateKey!, installationId: installation === null ? null : Number(installation), keyVariable };
}

/**
 * Installation tokens, kept by @octokit/auth-app in this cache, are renewed once they come within
 * `margin` of their expiry: a quarter of their life, at most five minutes. GitHub's tokens "expire
 * one hour from the time you create them" (REST docs, "Create an installation access token for an
 * app"); the library's own cache keeps a token 59 minutes whatever `expires_at` says.
 */
export class RenewingTokenCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // The library stores "token|createdAt|expiresAt|…".
    const [, createdAt, expiresAt] = value.split('|');
    const created = Date.parse(createdAt ?? '');
    const expires = Date.parse(expiresAt ?? '');
    const margin = Math.min(5 * 60_000, Math.max(0, (expires - created) / 4));
    if (!Number.isFinite(expires) || this.now() >= expires - margin) {
      this.entries.delete(key);
      return undefined;
    }
    return value;
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
  }

  /** Forgets every token: the next request mints a new one (after GitHub refused one). */
  clear(): void {
    this.entries.clear();
  }
}

/**
 * Whether a request is one of the App's own: signed with its JWT (`/app/...`, and the installation
 * look-ups) rather than made with an installation token. `url` is a path, a route or a full URL.
 */
export function isAppRequest(url: string | undefined): boolean {
  if (!url) return false;
  const path = (/^https?:/.test(url) ? new URL(url).pathname : (url.split('?')[0] ?? '')).replace(/^\/api\/v3(?=\/)/, '');
  return /^\/app(\/|$)/.test(path) || /^\/(repos\/[^/]+\/[^/]+|orgs\/[^/]+|users\/[^/]+)\/installation$/.test(path);
}

/**
 * A request made with the App's JWT that GitHub refused, as an error that says what to check.
 * GitHub's words: "A JSON web token could not be decoded" for a key that is not the App's,
 * "Integration not found" (404) for an unknown App id (test/support/simulator/NOTES.md).
 */
export function appAuthError(error: unknown, creds: Pick<AppCredentials, 'appId' | 'keyVariable'>, what: string): AuthError | null {
  if (!(error instanceof RequestError)) return null;
  const message = (error.response?.data as { message?: unknown } | undefined)?.message;
  const said = typeof message === 'string' ? ` (${error.status} ${message})` : ` (${error.status})`;
  if (error.status === 401) {
    return new AuthError(
      `GitHub refused the App's credentials${said} while ${what}: check that ${creds.keyVariable} holds a current private key of the App GITHUB_APP_ID=${creds.appId} (a key deleted from the App's settings stops working), and that this machine's clock is right`,
    );
  }
  if (error.status === 404 && /\/access_tokens$/.test(error.request.url)) {
    // GitHub answers 404 alike for an unknown App and an unknown installation.
    const installation = /\/installations\/(\d+)\//.exec(error.request.url)?.[1] ?? '?';
    return new AuthError(
      `GitHub knows no installation GITHUB_APP_INSTALLATION_ID=${installation} of an App GITHUB_APP_ID=${creds.appId}${said} while ${what}: check both ids on the App's settings page (an installation's id ends its settings URL), or leave GITHUB_APP_INSTALLATION_ID unset to find the App's installation on each configured owner`,
    );
  }
  if (error.status === 404 && /\/app(\/|$)/.test(new URL(error.request.url).pathname)) {
    return new AuthError(`GitHub knows no App with GITHUB_APP_ID=${creds.appId}${said} while ${what}: check the App's id on its settings page`);
  }
  return null;
}

type RequestFn = (route: string, params?: Record<string, unknown>) => Promise<{ data: unknown }>;

/**
 * The installation of the App on each owner ("owner" or "owner/name" entries of the
 * configuration), by the App's JWT: `GET /repos/{owner}/{repo}/installation` for a repository,
 * else `GET /orgs/{org}/installation`, else `GET /users/{username}/installation`
 * (REST docs, "GitHub App installations"). An owner without one is an error naming it.
 */
export async function findInstallations(
  request: RequestFn,
  entries: string[],
  creds: Pick<AppCredentials, 'appId' | 'keyVariable'>,
): Promise<Map<string, number>> {
  const byOwner = new Map<string, number>();
  const example = new Map<string, string | null>();
  for (const entry of entries) {
    const [owner, name] = entry.split('/');
    if (!owner) continue;
    const key = owner.toLowerCase();
    if (!example.has(key) || (example.get(key) === null && name && name !== '*')) example.set(key, name && name !== '*' ? name : null);
  }
  // Checks the App's credentials first, so that a 404 below can only mean "not installed there".
  try {
    await request('GET /app');
  } catch (error) {
    throw appAuthError(error, creds, 'checking the App') ?? error;
  }
  for (const [owner, repo] of example) {
    const routes: [string, Record<string, string>][] = repo
      ? [['GET /repos/{owner}/{repo}/installation', { owner, repo }]]
      : [
          ['GET /orgs/{org}/installation', { org: owner }],
          ['GET /users/{username}/installation', { username: owner }],
        ];
    let found: number | null = null;
    for (const [route, params] of routes) {
      try {
        found = ((await request(route, params)).data as { id: number }).id;
        break;
      } catch (error) {
        if (error instanceof RequestError && error.status === 404) continue;
        throw appAuthError(error, creds, `looking up the App's installation on ${owner}`) ?? error;
      }
    }
    if (found === null) {
      throw new AuthError(
        `the GitHub App GITHUB_APP_ID=${creds.appId} is not installed on ${owner}${repo ? `/${repo}` : ''}: install it there (the App's page, "Install App"), or remove ${owner} from "repositories"`,
      );
    }
    byOwner.set(owner, found);
  }
  return byOwner;
}

/** @octokit/auth-app's strategy. */
export type AppAuthStrategy = typeof import('@octokit/auth-app').createAppAuth;

/** Loaded only when the App variables are set: a token-authenticated run never pays for it. */
export async function appAuthStrategy(): Promise<AppAuthStrategy> {
  return (await import('@octokit/auth-app')).createAppAuth;
}
