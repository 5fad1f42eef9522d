// Signatories lists in YAML or JSON: a `signatories:` list (or a bare list) of mappings.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { SignatoriesError } from '../errors.js';
import { describe, toEntry } from './entry.js';
import type { Signatory } from './model.js';
import { collectEntries } from './problems.js';

/**
 * The keys an entry may have: who it covers, and a few kept for reports. A fixed set, so that a
 * misspelt key (`emial:`) is an error rather than an entry that silently covers nobody by email;
 * CSV keeps any other column, as PRODUCT.md says.
 */
export const ENTRY_KEYS = ['github', 'email', 'name', 'company', 'signed_on', 'note'] as const;
const KNOWN = new Set<string>(ENTRY_KEYS);

/** Other top-level keys are ignored (room for metadata); an empty file or list gives no entries. */
export function entriesFromDocument(text: string, format: 'yaml' | 'json', source: string): Signatory[] {
  if (format === 'json') checkJson(text, source);
  // JSON is parsed again as YAML, which it is a subset of, for the line of every entry.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const message = syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new SignatoriesError(source, `malformed YAML: ${message}`, syntax.linePos?.[0].line);
  }
  const lineOf = (node: unknown) => {
    const range = (node as Node | null)?.range;
    return range ? lines.linePos(range[0]).line : 0;
  };
  const root = doc.contents;
  const list = isMap(root) ? root.get('signatories', true) : root;
  if (root === null || (isScalar(root) && root.value === null) || (isScalar(list) && list.value === null)) return [];
  if (!isSeq(list)) {
    const got = list === undefined || list === null ? 'none' : isMap(list) ? 'a mapping' : 'a single value';
    throw new SignatoriesError(source, `expected a "signatories:" list of entries, found ${got}`, lineOf(list ?? root) || undefined);
  }
  return collectEntries(list.items, source, (item, i) => {
    const line = lineOf(item);
    if (!isMap(item)) {
      const got = isSeq(item) ? 'a list' : describe(isScalar(item) ? item.value : item);
      throw new SignatoriesError(source, `entry ${i + 1}: expected a mapping with "github" and/or "email", got ${got}`, line);
    }
    return toEntry(fieldsOf(item, i, source, line, lineOf), i, source, line);
  });
}

/** JSON.parse is the judge of JSON syntax (YAML would accept more); its position becomes a line. */
function checkJson(text: string, source: string): void {
  try {
    JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new SignatoriesError(source, `malformed JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, line);
  }
}

function fieldsOf(map: YAMLMap, index: number, source: string, line: number, lineOf: (node: unknown) => number): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key !== 'string') {
      throw new SignatoriesError(source, `entry ${index + 1}: key ${describe(key)} is not a name`, line);
    }
    if (!KNOWN.has(key)) {
      throw new SignatoriesError(
        source,
        `entry ${index + 1}: unknown key ${JSON.stringify(key)} (expected one of: ${ENTRY_KEYS.join(', ')})`,
        lineOf(pair.key) || line,
      );
    }
    const value = isScalar(pair.value) ? pair.value.value : pair.value;
    if (value !== null && typeof value === 'object') {
      const kind = isSeq(value) ? 'a list' : 'a mapping';
      throw new SignatoriesError(source, `entry ${index + 1}: ${key} must be a single value, not ${kind}`, line);
    }
    fields.set(key, value);
  }
  return fields;
}
