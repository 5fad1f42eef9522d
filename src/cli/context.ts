// Builds what every command needs from the options and the environment: configuration,
// logger, GitHub client and adapters, signatories.
import { createRequire } from 'node:module';
import { type LoadedConfig, loadConfig } from '../config/load.js';
import { type Env, readEnv } from '../env.js';
import { AuthError } from '../errors.js';
import { RememberedFile } from '../cache/remembered-file.js';
import { readRepoFile } from '../github/read-file.js';
import { createLogger, type Logger } from '../log.js';
import type { GitHubContext } from './connect.js';
import { loadSignatories, sourceName } from '../signatories/sources.js';
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
  return createLogger({ level, secrets: secretsOf(env) });
}

/** The values no output may contain: the token, the App's private key and the notify secret. */
export function secretsOf(env: Env): string[] {
  return [env.token, env.githubApp?.privateKey, env.notifySecret].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** Where a command's output goes, and what it runs with; the CLI passes the process's own. */
export interface Io {
  env: Env;
  out: (text: string) => void;
  signal: AbortSignal;
  /** The environment read again (secret files included), before each sweep of a daemon; absent: `env`. */
  reloadEnv?: () => Env;
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
    reloadEnv: () => readEnv(),
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
  const source = loaded.signatoriesSource;
  if (!source) return null;
  const result = await loadSignatories(source, {
    userAgent: USER_AGENT,
    readRepoFile: async (repo, path, ref) => {
      if (!github) throw new AuthError('the signatories live on GitHub: set GITHUB_TOKEN to read them');
      const part = github.forRepo(repo);
      // Asked conditionally: an unchanged list costs nothing against the rate limit.
      const remembered = new RememberedFile(`${loaded.cacheFile}.signatories.json`);
      const key = sourceName(source);
      const known = await remembered.load(key);
      const read = await readRepoFile(part.client, part.rest, repo, path, ref, known);
      if (read.unchanged) log.debug({ source: key }, 'signatories unchanged since the last read (304)');
      else if (read.etag) await remembered.save({ source: key, etag: read.etag, text: read.text });
      return read.text;
    },
  });
  for (const warning of result.warnings) log.warn({ source: result.list.source, warning }, 'signatories warning');
  return result;
}
