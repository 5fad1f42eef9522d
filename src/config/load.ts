// Reading the configuration file into a validated Config, with errors that name file, line and key.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { combine, genericMessage, toProblems } from './problems.js';
import { Config } from './schema.js';

export type SignatoriesSource =
  | { kind: 'file'; path: string /* absolute */ }
  | { kind: 'url'; url: string }
  | { kind: 'github'; repo: string; path: string; ref: string | null };

export interface LoadedConfig {
  /** Absolute path of the configuration file. */
  file: string;
  /** Its directory: relative paths in the file are resolved against it. */
  dir: string;
  config: Config;
  /** Null when the CLA check is not configured (a DCO-only configuration). */
  signatoriesSource: SignatoriesSource | null;
  /** Absolute. */
  cacheFile: string;
}

/**
 * Reads and validates `file` (as the user gave it; relative to the working directory).
 * Throws a ConfigError whose first line names the first problem by `file:line: key: detail`;
 * further problems (up to MAX_REPORTED_PROBLEMS in problems.ts) follow on their own lines in `detail`.
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const absolute = resolve(file);
  const text = await readConfigText(file, absolute);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const message = syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(file, '', `malformed YAML: ${message}`, syntax.linePos?.[0].line);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new ConfigError(file, '', 'the file is empty: it needs at least "repositories" and "signatories"');
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = Config.safeParse(data, { reportInput: true, error: genericMessage });
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => toProblems(issue, doc, lineCounter));
    throw combine(file, problems);
  }
  const dir = dirname(absolute);
  const config = result.data;
  return {
    file: absolute,
    dir,
    config,
    signatoriesSource: config.signatories ? sourceOf(config.signatories, dir) : null,
    cacheFile: resolve(dir, config.cache.file),
  };
}

async function readConfigText(file: string, absolute: string): Promise<string> {
  try {
    return (await readFile(absolute, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ConfigError(
        file,
        '',
        `no such file (looked for ${absolute}); point at another with --config FILE or CLA_SWEEPER_CONFIG`,
      );
    }
    if (code === 'EISDIR') throw new ConfigError(file, '', 'is a directory, not a configuration file');
    throw new ConfigError(file, '', `cannot be read (${code ?? (err as Error).message})`);
  }
}

function sourceOf(s: NonNullable<Config['signatories']>, dir: string): SignatoriesSource {
  if (s.file !== undefined) return { kind: 'file', path: resolve(dir, s.file) };
  if (s.url !== undefined) return { kind: 'url', url: s.url };
  // The schema guarantees exactly one of the three.
  const github = s.github!;
  return { kind: 'github', repo: github.repo, path: github.path, ref: github.ref };
}

