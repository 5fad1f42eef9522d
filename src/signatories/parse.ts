// Parsing a signatories list (YAML, JSON or CSV) into entries, with line numbers for every error.
import { SignatoriesError } from '../errors.js';
import type { Signatory, SignatoryList } from './model.js';
import { entriesFromCsv } from './parse-csv.js';
import { entriesFromDocument } from './parse-document.js';
import { redactUrl } from './redact-url.js';

export type SignatoriesFormat = 'yaml' | 'json' | 'csv';

export interface ParsedSignatories {
  list: SignatoryList;
  /** Suspicious but harmless findings, such as one email listed under two logins. */
  warnings: string[];
}

/** Throws a SignatoriesError naming `source`, the entry and its line; an empty list is an error. */
export function parseSignatories(text: string, format: SignatoriesFormat, source: string): ParsedSignatories {
  const body = text.replace(/^\uFEFF/, '');
  const entries = format === 'csv' ? entriesFromCsv(body, source) : entriesFromDocument(body, format, source);
  if (entries.length === 0) {
    const add =
      format === 'csv'
        ? 'Add at least one row under the header row, with a "github" and/or an "email" column'
        : 'Add at least one entry, such as "- github: LOGIN" or "- email: ADDRESS" under "signatories:"';
    throw new SignatoriesError(
      source,
      `the list is empty: refusing to mark every pull request as missing. ${add} (config/signatories.example.yaml shows every kind of entry)`,
    );
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

/** One email (plain or hashed) listed with two different logins: one of them is probably wrong. */
function contradictions(entries: Signatory[]): string[] {
  const firstByEmail = new Map<string, Signatory>();
  const reported = new Set<string>();
  const warnings: string[] = [];
  for (const entry of entries) {
    if (entry.github === null || entry.email === null || entry.email.startsWith('*@')) continue;
    const email = entry.email.toLowerCase();
    const first = firstByEmail.get(email);
    if (!first) {
      firstByEmail.set(email, entry);
      continue;
    }
    const key = `${email} ${entry.github.toLowerCase()}`;
    if (first.github!.toLowerCase() === entry.github.toLowerCase() || reported.has(key)) continue;
    reported.add(key);
    warnings.push(`${entry.email} is listed for @${first.github} (line ${first.line}) and for @${entry.github} (line ${entry.line})`);
  }
  return warnings;
}
