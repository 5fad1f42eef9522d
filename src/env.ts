// The one place the process environment is read, secret files included. A daemon reads it again
// before every sweep, so a secret mounted as a file (a Kubernetes Secret is updated in place) can
// be rotated without a restart.
//
// Values no run could succeed with (a GITHUB_API_URL that is not a URL, an unknown log level, a
// token with a line break) are refused here, naming the variable.
import { readFileSync } from 'node:fs';
import { checkApiUrl } from './api-url.js';
import { EnvError } from './errors.js';
import { checkLogLevel, type LogLevel } from './log-level.js';

export { DEFAULT_API_URL } from './api-url.js';

export interface Env {
  /** From GITHUB_TOKEN, or read from the file GITHUB_TOKEN_FILE names (trimmed). */
  token: string | null;
  /** REST base URL without a trailing slash. */
  apiUrl: string;
  /**
   * The host whose no-reply addresses (`ID+login@users.noreply.HOST`, `login@users.noreply.HOST`)
   * stand for logins, derived from `apiUrl` (see noReplyHostOf).
   */
  noReplyHost: string;
  configFile: string | null;
  /** Base of the retry back-off in milliseconds (tests shorten it). */
  retryBaseMs: number;
  debug: boolean;
  /** `CLA_SWEEPER_LOG_LEVEL`: debug, info, warn, error or silent. */
  logLevel: LogLevel | null;
  /** `CLA_SWEEPER_NOTIFY_SECRET`: signs outgoing events; required when `notify` is configured. */
  notifySecret?: string | null;
  /**
   * GitHub App authentication: the names of the App variables that are set, whether the private
   * key, when given, looks like a PEM key, and the values (the key never reaches a log or message).
   */
  githubApp?: GitHubAppEnv;
  /**
   * Why the credential variables cannot be used (a `_FILE` that cannot be read, a secret given
   * twice), or null. Raised as an error when a command needs credentials, so that `validate` of a
   * local configuration still works where the secrets are not mounted.
   */
  credentialsProblem?: string | null;
}

export interface GitHubAppEnv {
  variables: string[];
  keyLooksLikePem: boolean | null;
  appId?: string | null;
  privateKey?: string | null;
  installationId?: string | null;
}

const APP_VARIABLES = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_FILE', 'GITHUB_APP_INSTALLATION_ID'];


export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const retryBase = Number(env.CLA_SWEEPER_RETRY_BASE_MS);
  const problems: string[] = [];
  const apiUrl = checkApiUrl(env.GITHUB_API_URL);
  const logLevel = env.CLA_SWEEPER_LOG_LEVEL?.trim();
  return {
    token: checkToken(secret(env, 'GITHUB_TOKEN', problems)),
    apiUrl,
    noReplyHost: noReplyHostOf(apiUrl),
    configFile: env.CLA_SWEEPER_CONFIG?.trim() || null,
    retryBaseMs: Number.isFinite(retryBase) && retryBase >= 0 && env.CLA_SWEEPER_RETRY_BASE_MS ? retryBase : 1000,
    debug: env.CLA_SWEEPER_DEBUG === '1',
    logLevel: logLevel ? checkLogLevel('CLA_SWEEPER_LOG_LEVEL', logLevel) : null,
    notifySecret: env.CLA_SWEEPER_NOTIFY_SECRET || null,
    githubApp: githubAppOf(env, problems),
    credentialsProblem: problems[0] ?? null,
  };
}

/**
 * A token is printable ASCII without spaces: one with a line break or a pasted typographic
 * character could not even be sent as a header, and every request would fail. Never repeated.
 */
function checkToken(token: string | null): string | null {
  if (token === null) return null;
  const bad = [...token].findIndex((c) => c < '!' || c > '~');
  if (bad < 0) return token;
  const what = /\s/.test(token[bad]!) ? 'a space or line break' : 'a character no token has';
  throw new EnvError(
    'GITHUB_TOKEN',
    `holds ${what} (at character ${bad + 1} of ${token.length}): copy the token again, or check the file or secret it is read from`,
  );
}

/**
 * A secret given as `NAME` or as `NAME_FILE` (a path whose content, trimmed, is the value), as
 * container images commonly accept it. Problems are collected, not thrown: see credentialsProblem.
 */
function secret(env: NodeJS.ProcessEnv, name: string, problems: string[]): string | null {
  const direct = env[name]?.trim() || null;
  const file = env[`${name}_FILE`]?.trim() || null;
  if (direct && file) {
    problems.push(`${name} and ${name}_FILE are both set: drop one (${name}_FILE is the one a rotated secret file updates)`);
    return null;
  }
  if (!file) return direct;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`${name}_FILE=${file}: ${unreadable(error)}`);
    return null;
  }
  const value = text.trim();
  if (!value) problems.push(`${name}_FILE=${file}: the file is empty; it should hold the ${name === 'GITHUB_TOKEN' ? 'token' : 'PEM private key'}`);
  return value || null;
}

function unreadable(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file; check the path (and that the Secret is mounted there)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; the file must be readable by the user cla-sweeper runs as';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  }
}

function githubAppOf(env: NodeJS.ProcessEnv, problems: string[]): Env['githubApp'] {
  const variables = APP_VARIABLES.filter((name) => env[name]?.trim());
  if (variables.length === 0) return undefined;
  const read = secret(env, 'GITHUB_APP_PRIVATE_KEY', problems);
  // A key pasted into an environment variable often arrives with its line breaks written as "\n".
  const key = read && !read.includes('\n') ? read.replace(/\\n/g, '\n') : read;
  const keyLooksLikePem = key
    ? /^-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+-----END (?:RSA )?PRIVATE KEY-----$/.test(key)
    : null;
  return {
    variables,
    keyLooksLikePem,
    appId: env.GITHUB_APP_ID?.trim() || null,
    privateKey: key,
    installationId: env.GITHUB_APP_INSTALLATION_ID?.trim() || null,
  };
}

/**
 * The host of GitHub's web UI for an API URL, which is the host of its no-reply addresses:
 * `github.com` for `https://api.github.com`; `HOST` for Enterprise Server's `https://HOST/api/v3`
 * (no-reply addresses at `users.noreply.HOST`, PRODUCT.md "Checks and verdicts"); `SUBDOMAIN.ghe.com`
 * for GitHub Enterprise Cloud with data residency, whose API is `https://api.SUBDOMAIN.ghe.com`
 * ("API access", https://docs.github.com/en/enterprise-cloud@latest/admin/data-residency/about-github-enterprise-cloud-with-data-residency#api-access;
 * GitHub's documentation does not spell out GHE.com's no-reply domain, so this assumes GHES's
 * pattern). Anything else (a test server) is taken as github.com.
 */
export function noReplyHostOf(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return 'github.com';
  }
  const host = url.hostname.toLowerCase();
  if (host === 'api.github.com') return 'github.com';
  if (/^\/api\/v3\/?$/.test(url.pathname)) return host;
  const ghe = /^api\.([a-z0-9-]+\.ghe\.com)$/.exec(host);
  if (ghe) return ghe[1]!;
  return 'github.com';
}

/** Where people open pull requests and issues: `https://HOST`, the host of the no-reply addresses. */
export function webUrlOf(env: Pick<Env, 'noReplyHost'>): string {
  return `https://${env.noReplyHost}`;
}
