// The one place the process environment is read. Values no run could succeed with (a
// GITHUB_API_URL that is not a URL, an unknown log level) are refused here, naming the variable.
import { checkApiUrl } from './api-url.js';
import { EnvError } from './errors.js';
import { checkLogLevel, type LogLevel } from './log-level.js';

export { DEFAULT_API_URL } from './api-url.js';

export interface Env {
  token: string | null;
  /** REST base URL without a trailing slash. */
  apiUrl: string;
  configFile: string | null;
  /** Base of the retry back-off in milliseconds (tests shorten it). */
  retryBaseMs: number;
  debug: boolean;
  /** `CLA_SWEEPER_LOG_LEVEL`: debug, info, warn, error or silent. */
  logLevel: LogLevel | null;
  /**
   * GitHub App authentication (PRODUCT.md: later): the names of the App variables that are set,
   * never their values, and whether GITHUB_APP_PRIVATE_KEY, when set, looks like a PEM key.
   */
  githubApp?: { variables: string[]; keyLooksLikePem: boolean | null };
}

const APP_VARIABLES = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_FILE', 'GITHUB_APP_INSTALLATION_ID'];

/** Throws an EnvError naming the variable when one holds a value that cannot work. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const retryBase = Number(env.CLA_SWEEPER_RETRY_BASE_MS);
  const logLevel = env.CLA_SWEEPER_LOG_LEVEL?.trim();
  return {
    token: checkToken(env.GITHUB_TOKEN?.trim() || null),
    apiUrl: checkApiUrl(env.GITHUB_API_URL),
    configFile: env.CLA_SWEEPER_CONFIG?.trim() || null,
    retryBaseMs: Number.isFinite(retryBase) && retryBase >= 0 && env.CLA_SWEEPER_RETRY_BASE_MS ? retryBase : 1000,
    debug: env.CLA_SWEEPER_DEBUG === '1',
    logLevel: logLevel ? checkLogLevel('CLA_SWEEPER_LOG_LEVEL', logLevel) : null,
    githubApp: githubAppOf(env),
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

function githubAppOf(env: NodeJS.ProcessEnv): Env['githubApp'] {
  const variables = APP_VARIABLES.filter((name) => env[name]?.trim());
  if (variables.length === 0) return undefined;
  const key = env.GITHUB_APP_PRIVATE_KEY?.trim();
  const keyLooksLikePem = key ? /^-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+-----END (?:RSA )?PRIVATE KEY-----$/.test(key) : null;
  return { variables, keyLooksLikePem };
}
