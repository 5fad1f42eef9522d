// The one place the process environment is read.

export interface Env {
  token: string | null;
  /** REST base URL without a trailing slash. */
  apiUrl: string;
  configFile: string | null;
  /** Base of the retry back-off in milliseconds (tests shorten it). */
  retryBaseMs: number;
  debug: boolean;
  /** pino level (`CLA_SWEEPER_LOG_LEVEL`): debug, info, warn, error, silent. */
  logLevel: string | null;
  /** `CLA_SWEEPER_NOTIFY_SECRET`: signs outgoing events; required when `notify` is configured. */
  notifySecret?: string | null;
  /**
   * GitHub App authentication (PRODUCT.md: later): the names of the App variables that are set,
   * never their values, and whether GITHUB_APP_PRIVATE_KEY, when set, looks like a PEM key.
   */
  githubApp?: { variables: string[]; keyLooksLikePem: boolean | null };
}

const APP_VARIABLES = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_FILE', 'GITHUB_APP_INSTALLATION_ID'];

export const DEFAULT_API_URL = 'https://api.github.com';

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const retryBase = Number(env.CLA_SWEEPER_RETRY_BASE_MS);
  return {
    token: env.GITHUB_TOKEN?.trim() || null,
    apiUrl: (env.GITHUB_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, ''),
    configFile: env.CLA_SWEEPER_CONFIG?.trim() || null,
    retryBaseMs: Number.isFinite(retryBase) && retryBase >= 0 && env.CLA_SWEEPER_RETRY_BASE_MS ? retryBase : 1000,
    debug: env.CLA_SWEEPER_DEBUG === '1',
    logLevel: env.CLA_SWEEPER_LOG_LEVEL?.trim() || null,
    notifySecret: env.CLA_SWEEPER_NOTIFY_SECRET || null,
    githubApp: githubAppOf(env),
  };
}

function githubAppOf(env: NodeJS.ProcessEnv): Env['githubApp'] {
  const variables = APP_VARIABLES.filter((name) => env[name]?.trim());
  if (variables.length === 0) return undefined;
  const key = env.GITHUB_APP_PRIVATE_KEY?.trim();
  const keyLooksLikePem = key ? /^-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+-----END (?:RSA )?PRIVATE KEY-----$/.test(key) : null;
  return { variables, keyLooksLikePem };
}

