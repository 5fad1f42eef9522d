// Parsing a signatories list (YAML, JSON or CSV) into entries, with line numbers for every error.
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { isLogin } from '../config/repo-name.js';
import { SignatoriesError } from '../errors.js';
import type { Signatory, SignatoryList } from './model.js';
import { redactUrl } from './redact-url.js';

export type SignatoriesFormat = 'yaml' | 'json' | 'csv';

export interface ParsedSignatories {
  list: SignatoryList;
  /** Suspicious but harmless findings, such as one email listed under two logins. */
  warnings: string[];
}

const PLAIN_EMAIL = /^[^\s@*]+@[^\s@*.]+(?:\.[^\s@*.]+)*$/;
/** `*@bigcorp.example` or `*@*.bigcorp.example`; at least two labels so that `*@com` is refused. */
const DOMAIN_PATTERN = /^\*@(?:\*\.)?[^\s@*.]+(?:\.[^\s@*.]+)+$/;
const HASHED_EMAIL = /^sha256:[0-9a-f]{64}$/i;

/** What `email` may hold, for messages. */
const EMAIL_FORMS = 'an email address, a *@domain pattern or sha256:<64 hex>';

export function parseSignatories(text: string, format: SignatoriesFormat, source: string): ParsedSignatories {
  const body = text.replace(/^\uFEFF/, '');
  const entries = format === 'csv' ? fromCsv(body, source) : fromDocument(body, format, source);
  if (entries.length === 0) {
    throw new SignatoriesError(source, 'the list is empty: refusing to mark every pull request as missing');
  }
  return { list: { source, entries }, warnings: contradictions(entries) };
}

/** The format named by a file name or URL path, else by a Content-Type. */
export function formatFromName(nameOrUrl: string, contentType?: string): SignatoriesFormat {
  const path = nameOrUrl.replace(/[?#].*$/, '').toLowerCase();
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.csv')) return 'csv';
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (/^(application|text)\/(x-)?yaml$/.test(type) || type.endsWith('+yaml')) return 'yaml';
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  const from = /^https?:/i.test(nameOrUrl) ? redactUrl(nameOrUrl) : nameOrUrl;
  throw new SignatoriesError(
    from,
    `cannot tell the format${type ? ` (Content-Type ${type})` : ''}: name it .yaml, .yml, .json or .csv`,
  );
}

function fromDocument(text: string, format: 'yaml' | 'json', source: string): Signatory[] {
  if (format === 'json') checkJson(text, source);
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
  // A bare list is accepted too; other top-level keys are ignored (room for metadata).
  const root = doc.contents;
  const list = isMap(root) ? root.get('signatories', true) : root;
  // An empty file or an empty `signatories:` is an empty list, refused by the caller.
  if (root === null || (isScalar(root) && root.value === null) || (isScalar(list) && list.value === null)) return [];
  if (!isSeq(list)) {
    const got = list === undefined || list === null ? 'none' : isMap(list) ? 'a mapping' : 'a single value';
    throw new SignatoriesError(source, `expected a "signatories:" list of entries, found ${got}`, lineOf(list ?? root) || undefined);
  }
  return list.items.map((item, i) => {
    const line = lineOf(item);
    if (!isMap(item)) {
      const got = isSeq(item) ? 'a list' : `${describe(isScalar(item) ? item.value : item)}`;
      throw new SignatoriesError(source, `entry ${i + 1}: expected a mapping with "github" and/or "email", got ${got}`, line);
    }
    return toEntry(fieldsOf(item, i, source, line), i, source, line);
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

function fieldsOf(map: YAMLMap, index: number, source: string, line: number): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key !== 'string') {
      throw new SignatoriesError(source, `entry ${index + 1}: key ${describe(key)} is not a name`, line);
    }
    const value = isScalar(pair.value) ? pair.value.value : pair.value;
    if (value !== null && typeof value === 'object') {
      throw new SignatoriesError(source, `entry ${index + 1}: ${key} must be a single value, not ${isSeq(value) ? 'a list' : 'a mapping'}`, line);
    }
    fields.set(key, value);
  }
  return fields;
}

interface CsvRow {
  record: string[];
  info: { lines: number };
  raw: string;
}

function fromCsv(text: string, source: string): Signatory[] {
  let rows: CsvRow[];
  try {
    // With `info` and `raw`, csv-parse returns these objects rather than the string[][] its types say.
    rows = parseCsv(text, { info: true, raw: true, skip_empty_lines: true, trim: true }) as unknown as CsvRow[];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    throw new SignatoriesError(source, `malformed CSV: ${(err as Error).message.replace(/ (on|at) line \d+$/, '')}`, line);
  }
  const [header, ...records] = rows;
  if (!header) return [];
  const columns = header.record.map((name) => (/^(github|email)$/i.test(name) ? name.toLowerCase() : name));
  const headerLine = startLine(header);
  if (!columns.includes('github') && !columns.includes('email')) {
    throw new SignatoriesError(source, `the header row has no "github" or "email" column (found: ${columns.join(', ')})`, headerLine);
  }
  columns.forEach((name, i) => {
    if (name === '') throw new SignatoriesError(source, `the header row has an empty column name (column ${i + 1})`, headerLine);
    if (columns.indexOf(name) !== i) throw new SignatoriesError(source, `the header row names column "${name}" twice`, headerLine);
  });
  return records.map((row, i) => {
    const fields = new Map<string, unknown>();
    columns.forEach((name, c) => {
      const value = row.record[c] ?? '';
      fields.set(name, value === '' ? null : value);
    });
    return toEntry(fields, i, source, startLine(row));
  });
}

/** csv-parse reports the line a record ends on; a quoted field may span several. */
function startLine(row: CsvRow): number {
  const breaks = row.raw.replace(/\r?\n$/, '').split('\n').length - 1;
  return row.info.lines - breaks;
}

function toEntry(fields: Map<string, unknown>, index: number, source: string, line: number): Signatory {
  const fail = (detail: string): never => {
    throw new SignatoriesError(source, `entry ${index + 1}: ${detail}`, line);
  };
  const github = fields.get('github') ?? null;
  const email = fields.get('email') ?? null;
  if (github === null && email === null) fail('has neither "github" nor "email"');
  if (github !== null) {
    if (typeof github !== 'string') fail(`github ${describe(github)} is not a login (quote it if it is one)`);
    else if (!isLogin(github)) {
      fail(`github ${describe(github)} is not a GitHub login${github.startsWith('@') ? ' (write it without the @)' : ''}`);
    }
  }
  if (email !== null) {
    if (typeof email !== 'string' || !isEmailRule(email)) fail(`email ${describe(email)} is not ${EMAIL_FORMS}`);
  }
  const extra: Record<string, string> = {};
  for (const [key, value] of fields) {
    if (key !== 'github' && key !== 'email' && value !== null && value !== undefined) extra[key] = String(value);
  }
  return { github: github as string | null, email: email as string | null, line, extra };
}

function isEmailRule(s: string): boolean {
  return PLAIN_EMAIL.test(s) || DOMAIN_PATTERN.test(s) || HASHED_EMAIL.test(s);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'an empty value';
  return `${String(value)} (a ${typeof value})`;
}

/** One email (plain or hashed) listed with two different logins: one of them is probably wrong. */
function contradictions(entries: Signatory[]): string[] {
  const byEmail = new Map<string, Signatory>();
  const warnings: string[] = [];
  const reported = new Set<string>();
  for (const entry of entries) {
    if (entry.github === null || entry.email === null || entry.email.startsWith('*@')) continue;
    const email = entry.email.toLowerCase();
    const first = byEmail.get(email);
    if (!first) {
      byEmail.set(email, entry);
      continue;
    }
    const key = `${email} ${entry.github.toLowerCase()}`;
    if (first.github!.toLowerCase() === entry.github.toLowerCase() || reported.has(key)) continue;
    reported.add(key);
    warnings.push(
      `${entry.email} is listed for @${first.github} (line ${first.line}) and for @${entry.github} (line ${entry.line})`,
    );
  }
  return warnings;
}
