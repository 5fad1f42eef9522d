import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignatoriesError } from '../../../src/errors.js';
import { formatFromName, parseSignatories } from '../../../src/signatories/parse.js';
import type { SignatoriesFormat } from '../../../src/signatories/parse.js';

const HASH = `sha256:${'ab'.repeat(32)}`;

function parseError(text: string, format: SignatoriesFormat): SignatoriesError {
  try {
    parseSignatories(text, format, 'lists/s');
  } catch (e) {
    expect(e).toBeInstanceOf(SignatoriesError);
    return e as SignatoriesError;
  }
  throw new Error('expected a SignatoriesError');
}

describe('parseSignatories: good lists', () => {
  const expected = [
    { github: 'pelson', email: null, line: 2, extra: {} },
    { github: 'alice', email: 'alice@example.org', line: 3, extra: { name: 'Alice', signed_on: '2024-03-01' } },
    { github: null, email: '*@bigcorp.example', line: 4, extra: {} },
    { github: 'renovate[bot]', email: HASH, line: 5, extra: {} },
  ];
  it.each<[string, SignatoriesFormat, string]>([
    [
      'yaml',
      'yaml',
      `signatories:\n  - github: pelson\n  - {github: alice, email: alice@example.org, name: Alice, signed_on: "2024-03-01"}\n  - email: "*@bigcorp.example"\n  - {github: "renovate[bot]", email: "${HASH}"}\n`,
    ],
    [
      'json',
      'json',
      `{"signatories": [\n{"github": "pelson"},\n{"github": "alice", "email": "alice@example.org", "name": "Alice", "signed_on": "2024-03-01"},\n{"email": "*@bigcorp.example"},\n{"github": "renovate[bot]", "email": "${HASH}"}\n]}`,
    ],
    [
      'csv',
      'csv',
      `github,email,name,signed_on\npelson,,,\nalice, alice@example.org ,Alice,2024-03-01\n,*@bigcorp.example,,\nrenovate[bot],${HASH},,\n`,
    ],
  ])('%s', (_name, format, text) => {
    const { list, warnings } = parseSignatories(text, format, 'lists/s');
    expect(list).toEqual({ source: 'lists/s', entries: expected });
    expect(warnings).toEqual([]);
  });

  it('accepts a bare YAML list, a BOM and numbers in the report keys', () => {
    const { list } = parseSignatories('\uFEFF- github: a\n  signed_on: 2024\n  note: true\n', 'yaml', 's');
    expect(list.entries).toEqual([{ github: 'a', email: null, line: 1, extra: { signed_on: '2024', note: 'true' } }]);
  });

  it('keeps every report key of YAML and JSON entries, and any extra CSV column', () => {
    const yaml = parseSignatories('- {github: a, name: A, company: C, signed_on: "2024-01-02", note: n}\n', 'yaml', 's');
    expect(yaml.list.entries[0]?.extra).toEqual({ name: 'A', company: 'C', signed_on: '2024-01-02', note: 'n' });
    const csv = parseSignatories('github,employer,ticket\na,Acme,CLA-7\n', 'csv', 's');
    expect(csv.list.entries[0]?.extra).toEqual({ employer: 'Acme', ticket: 'CLA-7' });
  });

  it('gives a multi-line CSV record the line it starts on, and skips blank lines', () => {
    const { list } = parseSignatories('Email,Name\r\n\r\na@b.org,"Ann\nB"\r\nc@d.org,Cy\r\n', 'csv', 's');
    expect(list.entries.map((e) => [e.email, e.line])).toEqual([
      ['a@b.org', 3],
      ['c@d.org', 5],
    ]);
  });

  it.each([
    ['*@*.bigcorp.example'],
    ['first.last+tag@sub.example.org'],
    [`sha256:${'AB'.repeat(32)}`],
  ])('accepts email %s', (email) => {
    expect(parseSignatories(`- email: "${email}"\n`, 'yaml', 's').list.entries[0]?.email).toBe(email);
  });

  it('tolerates duplicates and warns about an email listed under two logins', () => {
    const { list, warnings } = parseSignatories(
      '- {github: a, email: x@y.org}\n- {github: a, email: x@y.org}\n- {github: b, email: X@y.org}\n- {github: c}\n- {email: x@y.org}\n',
      'yaml',
      's',
    );
    expect(list.entries).toHaveLength(5);
    expect(warnings).toEqual(['X@y.org is listed for @a (line 1) and for @b (line 3)']);
  });

  it('the example list parses, and its hash is that of the documented address', async () => {
    const text = await readFile('config/signatories.example.yaml', 'utf8');
    const { list } = parseSignatories(text, 'yaml', 'example');
    const hash = createHash('sha256').update('dave@example.org').digest('hex');
    expect(list.entries.map((e) => e.email)).toContain(`sha256:${hash}`);
    expect(list.entries.every((e) => e.github !== null || e.email !== null)).toBe(true);
  });
});

describe('parseSignatories: errors name the source, the entry and the line', () => {
  it.each<[string, SignatoriesFormat, string, number | undefined, string]>([
    ['yaml: neither github nor email', 'yaml', 'signatories:\n  - github: a\n  - name: Bob\n', 3, 'entry 2: has neither "github" nor "email"'],
    ['yaml: bad email', 'yaml', 'signatories:\n  - github: a\n  - github: b\n  - email: x\n', 4, 'entry 3: email "x" is not an email address, a *@domain pattern or sha256:<64 hex>'],
    ['yaml: email with a space', 'yaml', '- email: a b@c.org\n', 1, 'email "a b@c.org" is not'],
    ['yaml: pattern over a whole TLD', 'yaml', '- email: "*@com"\n', 1, 'email "*@com" is not'],
    ['yaml: glob in the local part', 'yaml', '- email: "a*@b.org"\n', 1, 'email "a*@b.org" is not'],
    ['yaml: short hash', 'yaml', '- email: sha256:abc\n', 1, 'email "sha256:abc" is not'],
    ['yaml: 63 hex digits', 'yaml', `- email: sha256:${'a'.repeat(63)}\n`, 1, 'is not an email address'],
    ['yaml: 65 hex digits', 'yaml', `- email: sha256:${'a'.repeat(65)}\n`, 1, 'is not an email address'],
    ['yaml: non-hex digest', 'yaml', `- email: sha256:${'g'.repeat(64)}\n`, 1, 'is not an email address'],
    ['yaml: bad login', 'yaml', '- github: "bad login"\n', 1, 'entry 1: github "bad login" is not a GitHub login'],
    ['yaml: login with @', 'yaml', '- github: "@pelson"\n', 1, '(write it without the @)'],
    ['yaml: login too long', 'yaml', `- github: ${'a'.repeat(40)}\n`, 1, 'is not a GitHub login'],
    ['yaml: login starting with a hyphen', 'yaml', '- github: -a\n', 1, 'is not a GitHub login'],
    ['yaml: login as a number', 'yaml', '- github: 12345\n', 1, 'github 12345 (a number) is not a login (quote it'],
    ['yaml: email as a number', 'yaml', '- email: 7\n', 1, 'email 7 (a number) is not'],
    ['yaml: entry is a string', 'yaml', 'signatories:\n  - pelson\n', 2, 'entry 1: expected a mapping with "github" and/or "email", got "pelson"'],
    ['yaml: entry is a number', 'yaml', '- 42\n', 1, 'got 42 (a number)'],
    ['yaml: nested value', 'yaml', '- github: a\n  name: [x]\n', 1, 'entry 1: name must be a single value, not a list'],
    ['yaml: signatories is a mapping', 'yaml', 'signatories:\n  github: a\n', 2, 'expected a "signatories:" list of entries, found a mapping'],
    ['yaml: no signatories key', 'yaml', 'people: []\n', 1, 'expected a "signatories:" list of entries, found none'],
    ['yaml: empty list', 'yaml', 'signatories: []\n', undefined, 'the list is empty: refusing to mark every pull request as missing. Add at least one entry, such as "- github: LOGIN"'],
    ['yaml: misspelt key', 'yaml', 'signatories:\n  - github: a\n  - github: b\n    emial: b@example.org\n', 4, 'entry 2: unknown key "emial" (expected one of: github, email, name, company, signed_on, note)'],
    ['yaml: key in the wrong case', 'yaml', '- Github: a\n', 1, 'entry 1: unknown key "Github"'],
    ['json: misspelt key', 'json', '[\n{"github": "a",\n "emial": "a@example.org"}\n]', 3, 'entry 1: unknown key "emial"'],
    ['yaml: empty key', 'yaml', 'signatories:\n', undefined, 'the list is empty'],
    ['yaml: empty file', 'yaml', '', undefined, 'the list is empty'],
    ['yaml: malformed', 'yaml', 'signatories:\n  - github: "a\n', 3, 'malformed YAML: Missing closing "quote'],
    ['json: bad email', 'json', '{"signatories": [\n  {"github": "a"},\n  {"email": "nope"}\n]}', 3, 'entry 2: email "nope" is not'],
    ['json: login as a number', 'json', '[{"github": 1}]', 1, 'github 1 (a number) is not a login'],
    ['json: entry is null', 'json', '{"signatories": [\n null\n]}', 2, 'entry 1: expected a mapping'],
    ['json: malformed', 'json', '{"signatories": [\n  {"github": "a"},\n  {"github": "b",}\n]}', 3, 'malformed JSON'],
    ['json: truncated', 'json', '{"signatories": [', undefined, 'malformed JSON'],
    ['json: empty list', 'json', '{"signatories": []}', undefined, 'the list is empty'],
    ['csv: bad email', 'csv', 'github,email\na,a@b.org\nb,nope\n', 3, 'entry 2: email "nope" is not'],
    ['csv: neither', 'csv', 'name,github,email\nAnn,,\n', 2, 'entry 1: has neither "github" nor "email"'],
    ['csv: no identity column', 'csv', 'name,signed_on\nAnn,2024\n', 1, 'the header row has no "github" or "email" column (found: name, signed_on)'],
    ['csv: duplicate column', 'csv', 'github,email,github\na,,b\n', 1, 'names column "github" twice'],
    ['csv: empty column name', 'csv', 'github,,email\na,,\n', 1, 'empty column name (column 2)'],
    ['csv: ragged row', 'csv', 'github,email\na,a@b.org\nb,b@c.org,extra\n', 3, 'malformed CSV: Invalid Record Length'],
    ['csv: unclosed quote', 'csv', 'github\n"abc\n', 2, 'malformed CSV: Quote Not Closed'],
    ['csv: header only', 'csv', 'github,email\n', undefined, 'the list is empty: refusing to mark every pull request as missing. Add at least one row under the header row'],
    ['csv: empty', 'csv', '', undefined, 'the list is empty'],
  ])('%s', (_name, format, text, line, detail) => {
    const error = parseError(text, format);
    expect(error.source).toBe('lists/s');
    expect(error.line).toBe(line);
    expect(error.detail).toContain(detail);
    expect(error.message).toBe(`signatories lists/s${line ? `:${line}` : ''}: ${error.detail}`);
  });
});

describe('parseSignatories: every bad entry at once', () => {
  it.each<[SignatoriesFormat, string]>([
    ['yaml', 'signatories:\n  - github: ok\n  - email: nope\n  - github: "bad login"\n  - emial: x@y.org\n'],
    ['csv', 'github,email\nok,\n,nope\nbad login,\n,\n'],
  ])('%s: names each bad entry with its line, the first one first', (format, text) => {
    const error = parseError(text, format);
    expect(error.line).toBe(3);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^signatories lists\/s:3: entry 2: email "nope" is not/);
    expect(lines[1]).toMatch(/^signatories lists\/s:4: entry 3: github "bad login" is not a GitHub login/);
    expect(lines[2]).toMatch(/^signatories lists\/s:5: entry 4: /);
  });

  it('reports at most five problems and counts the rest', () => {
    const text = `signatories:\n${Array.from({ length: 8 }, (_, i) => `  - email: bad${i}\n`).join('')}`;
    const lines = parseError(text, 'yaml').message.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[4]).toContain('entry 5: email "bad4"');
    expect(lines[5]).toBe('(and 3 more problems)');
  });
});

describe('formatFromName', () => {
  it.each<[string, string | undefined, SignatoriesFormat]>([
    ['s.yaml', undefined, 'yaml'],
    ['S.YML', undefined, 'yaml'],
    ['dir/s.json', undefined, 'json'],
    ['s.csv', 'application/json', 'csv'],
    ['https://x.org/list.json?token=1#top', 'text/plain', 'json'],
    ['https://x.org/list', 'application/json; charset=utf-8', 'json'],
    ['https://x.org/list', 'application/vnd.example+json', 'json'],
    ['https://x.org/list', 'application/x-yaml', 'yaml'],
    ['https://x.org/list', 'text/yaml', 'yaml'],
    ['https://x.org/list', 'text/csv; header=present', 'csv'],
  ])('%s (%s) is %s', (name, contentType, format) => {
    expect(formatFromName(name, contentType)).toBe(format);
  });

  it.each([
    ['s.txt', undefined, /^signatories s\.txt: cannot tell the format: name it \.yaml, \.yml, \.json or \.csv$/],
    ['https://x.org/list?token=secret', 'text/html', /^signatories https:\/\/x\.org\/list\?token=\*\*\*: cannot tell the format \(Content-Type text\/html\)/],
  ])('refuses %s', (name, contentType, message) => {
    expect(() => formatFromName(name, contentType)).toThrow(message);
    expect(() => formatFromName(name, contentType)).toThrow(SignatoriesError);
  });
});
