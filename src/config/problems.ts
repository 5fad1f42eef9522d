// Zod issues turned into ConfigErrors that name the line and key path in the YAML document.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { describeValue } from './fields.js';
import { knownKeys } from './schema.js';

/** One problem found in the file. */
export interface Problem {
  key: string;
  detail: string;
  line: number | undefined;
}

/**
 * At most this many problems are reported at once: enough to fix a file in one go without
 * burying the first one under a cascade.
 */
export const MAX_REPORTED_PROBLEMS = 5;

export function toProblems(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): Problem[] {
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
export function genericMessage(issue: z.core.$ZodRawIssue): string | undefined {
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

export function combine(file: string, problems: Problem[]): ConfigError {
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
