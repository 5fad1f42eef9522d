// Builds what every command needs from the options and the environment: configuration,
// logger, GitHub client and adapters, signatories.
import { createRequire } from 'node:module';
import { type LoadedConfig, loadConfig } from '../config/load.js';
import { type Env, readEnv } from '../env.js';
import { AuthError } from '../errors.js';
import { createClient, type GitHubClient } from '../github/client.js';
import { GraphqlRunner } from '../github/graphql-runner.js';
import type { Check } from '../checks/check.js';
import { combinedNeeds } from '../checks/check.js';
import { noReplyDomain } from '../github/hosts.js';
import { GitHubReader } from '../github/reader.js';
import { type RestStats, readRepoFile } from '../github/writer.js';
import { createLogger, type Logger } from '../log.js';
import { loadSignatories } from '../signatories/sources.js';
import type { SignatoryList } from '../signatories/model.js';

export interface CommonOptions {
  config?: string;
  debug?: boolean;
  /** `--log-level`, one of LOG_LEVELS (commander checks it). */
  logLevel?: string;
}

export const DEFAULT_CONFIG = 'config/cla-sweeper.yaml';

/** The package version, from src/cli (tests) or dist/src/cli (the built CLI). */
function packageVersion(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'cla-sweeper' && pkg.version) return pkg.version;
    } catch {
      // not at this depth
    }
  }
  return '0.0.0';
}
export const VERSION = packageVersion();
export const USER_AGENT = `cla-sweeper/${VERSION} (+https://github.com/cla-sweeper/cla-sweeper)`;

export function configPath(opts: CommonOptions, env: Env): string {
  return opts.config ?? env.configFile ?? DEFAULT_CONFIG;
}

export function makeLogger(opts: CommonOptions, env: Env): Logger {
  const level = opts.debug || env.debug ? 'debug' : (opts.logLevel ?? env.logLevel ?? 'info');
  return createLogger({ level, secrets: env.token ? [env.token] : [] });
}

export interface GitHubContext {
  client: GitHubClient;
  runner: GraphqlRunner;
  rest: RestStats;
  /** `users.noreply.HOST` of this GitHub. */
  noReplyDomain: string;
}

/**
 * The reads of a sweep, shaped by the checks: their contexts, their labels, what they need of
 * commits; and, with `publish: check-run`, the App whose check runs are read instead of statuses.
 */
export function readerFor(github: GitHubContext, checks: readonly Check[], checkRunsOf: { appId: number } | null = null): GitHubReader {
  const needs = combinedNeeds(checks);
  return new GitHubReader(github.runner, {
    checkRunsOf,
    contexts: checks.map((c) => c.context),
    labels: checks.flatMap((c) => (c.labels ? [c.labels.signed, c.labels.missing] : [])),
    committer: needs.committer,
    coAuthorLogins: needs.coAuthorLogins,
    noReplyDomain: github.noReplyDomain,
  });
}

export function connect(loaded: LoadedConfig, env: Env, log: Logger): GitHubContext {
  const app = env.githubApp;
  if (!env.token && app) {
    const key =
      app.keyLooksLikePem === false
        ? ' (GITHUB_APP_PRIVATE_KEY does not hold a PEM private key either: it should be the PEM file GitHub gave you, starting with "-----BEGIN")'
        : '';
    throw new AuthError(
      `GitHub App authentication is not supported yet (${app.variables.join(', ')} set): set GITHUB_TOKEN to a personal access token or an installation token${key}`,
    );
  }
  if (!env.token) {
    throw new AuthError('GITHUB_TOKEN is not set: export a personal access token or an installation token in GITHUB_TOKEN');
  }
  if (app) {
    log.warn({ variables: app.variables }, 'GitHub App authentication is not supported yet: ignoring the GitHub App variables, using GITHUB_TOKEN');
  }
  const { config } = loaded;
  const client = createClient({
    token: env.token,
    apiUrl: env.apiUrl,
    userAgent: USER_AGENT,
    log,
    maxConcurrency: config.github.maxConcurrency,
    writeIntervalMs: config.github.writeIntervalMs,
    retryBaseMs: env.retryBaseMs,
  });
  const runner = new GraphqlRunner(client, log, config.budget.reservePoints);
  return { client, runner, rest: { reads: 0, writes: 0 }, noReplyDomain: noReplyDomain(env.apiUrl) };
}

/** Where a command's output goes, and what it runs with; the CLI passes the process's own. */
export interface Io {
  env: Env;
  out: (text: string) => void;
  signal: AbortSignal;
}

export function processIo(signal: AbortSignal): Io {
  let env: Env | undefined;
  return {
    // Read when a command first needs it: a bad value is then reported like any other error
    // (with --json too), and --help works whatever the environment holds.
    get env() {
      env ??= readEnv();
      return env;
    },
    out: (text) => process.stdout.write(text),
    signal,
  };
}

export async function loadSetup(opts: CommonOptions, env: Env): Promise<{ loaded: LoadedConfig; log: Logger }> {
  const log = makeLogger(opts, env);
  const loaded = await loadConfig(configPath(opts, env));
  return { loaded, log };
}

/** The CLA check's list; null when only the DCO check is configured. */
export async function signatoriesOf(
  loaded: LoadedConfig,
  github: GitHubContext | null,
  log: Logger,
): Promise<{ list: SignatoryList; warnings: string[] } | null> {
  if (!loaded.signatoriesSource) return null;
  const result = await loadSignatories(loaded.signatoriesSource, {
    userAgent: USER_AGENT,
    readRepoFile: (repo, path, ref) => {
      if (!github) throw new AuthError('the signatories live on GitHub: set GITHUB_TOKEN to read them');
      return readRepoFile(github.client, github.rest, repo, path, ref);
    },
  });
  for (const warning of result.warnings) log.warn({ source: result.list.source, warning }, 'signatories warning');
  return result;
}
