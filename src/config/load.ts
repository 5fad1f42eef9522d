// Reading the configuration file into a validated Config, with errors that name file, line and key.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { Config, describeValue, knownKeys } from './schema.js';

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
  signatoriesSource: SignatoriesSource;
  /** Absolute. */
  cacheFile: string;
}

/** One problem found in the file. */
interface Problem {
  key: string;
  detail: string;
  line: number | undefined;
}

/**
 * At most this many problems are reported at once: enough to fix a file in one go without
 * burying the first one under a cascade.
 */
export const MAX_REPORTED_PROBLEMS = 5;

/**
 * Reads and validates `file` (as the user gave it; relative to the working directory).
 * Throws a ConfigError whose first line names the first problem by `file:line: key: detail`;
 * further problems (up to MAX_REPORTED_PROBLEMS) follow on their own lines in `detail`.
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
    signatoriesSource: sourceOf(config.signatories, dir),
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

function sourceOf(s: Config['signatories'], dir: string): SignatoriesSource {
  if (s.file !== undefined) return { kind: 'file', path: resolve(dir, s.file) };
  if (s.url !== undefined) return { kind: 'url', url: s.url };
  // The schema guarantees exactly one of the three.
  const github = s.github!;
  return { kind: 'github', repo: github.repo, path: github.path, ref: github.ref };
}

function toProblems(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    const expected = knownKeys(issue.path).join(', ');
    return issue.keys.map((key) => ({
      key: keyPath(issue.path),
      detail: `unknown key ${JSON.stringify(key)} (expected one of: ${expected})`,
      line: lineOf(doc, [...issue.path, key], lines, true),
    }));
  }
  return [{ key: keyPath(issue.path), detail: issue.message, line: lineOf(doc, issue.path, lines, false) }];
}

const NOUNS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Wording for the issues the schema does not phrase itself (zod's defaults name TypeScript types). */
function genericMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const noun = NOUNS[issue.expected] ?? issue.expected;
  return issue.input === undefined ? `required: ${noun}` : `expected ${noun}, got ${describeValue(issue.input)}`;
}

/** `repositories[2]`, `github.maxConcurrency`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/**
 * The line of the node at `path`, or of the nearest ancestor key when it is absent. A key whose
 * value is a block collection is reported on the key's line, which is where a reader looks.
 */
function lineOf(doc: Document, path: readonly PropertyKey[], lines: LineCounter, wantKey: boolean): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  const at = (n: unknown) => {
    const range = (n as Node | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return line;
      const value = pair.value;
      line = wantKey || !isScalar(value) || value.value === null ? (at(pair.key) ?? line) : (at(value) ?? line);
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return line;
      line = at(item) ?? line;
      node = item;
    } else {
      return line;
    }
  }
  return line;
}

function combine(file: string, problems: Problem[]): ConfigError {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const [first, ...rest] = sorted;
  if (!first) return new ConfigError(file, '', 'invalid configuration');
  const shown = rest.slice(0, MAX_REPORTED_PROBLEMS - 1);
  const more = rest.length - shown.length;
  const detail = [
    first.detail,
    ...shown.map((p) => new ConfigError(file, p.key, p.detail, p.line).message),
    ...(more > 0 ? [`(and ${more} more ${more === 1 ? 'problem' : 'problems'})`] : []),
  ].join('\n');
  return new ConfigError(file, first.key, detail, first.line);
}
