// Signatories lists in CSV: a header row naming `github` and/or `email`; other columns (name,
// signed_on, ...) are kept for reports, as PRODUCT.md allows, whatever their names.
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { SignatoriesError } from '../errors.js';
import { toEntry } from './entry.js';
import type { Signatory } from './model.js';
import { collectEntries } from './problems.js';

interface CsvRow {
  record: string[];
  info: { lines: number };
  raw: string;
}

export function entriesFromCsv(text: string, source: string): Signatory[] {
  let rows: CsvRow[];
  try {
    // With `info` and `raw`, csv-parse returns these objects rather than the string[][] its types say.
    rows = parseCsv(text, { info: true, raw: true, skip_empty_lines: true, trim: true }) as unknown as CsvRow[];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    throw new SignatoriesError(source, `malformed CSV: ${err.message.replace(/ (on|at) line \d+$/, '')}`, line);
  }
  const [header, ...records] = rows;
  if (!header) return [];
  const columns = header.record.map((name) => (/^(github|email)$/i.test(name) ? name.toLowerCase() : name));
  const headerLine = startLine(header);
  if (!columns.includes('github') && !columns.includes('email')) {
    const found = columns.join(', ');
    throw new SignatoriesError(source, `the header row has no "github" or "email" column (found: ${found})`, headerLine);
  }
  columns.forEach((name, i) => {
    if (name === '') throw new SignatoriesError(source, `the header row has an empty column name (column ${i + 1})`, headerLine);
    if (columns.indexOf(name) !== i) throw new SignatoriesError(source, `the header row names column "${name}" twice`, headerLine);
  });
  return collectEntries(records, source, (row, i) => {
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
