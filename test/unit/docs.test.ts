// The user documentation lives in the repository: every relative link of README.md and docs/
// reaches a file of the repository, and the LICENSE is the one package.json names.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve('.');
const pages = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

describe('documentation links', () => {
  it.each(pages)('%s links only to files inside the repository that exist', (page) => {
    const text = readFileSync(page, 'utf8');
    const bad: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target!)) continue;
      const path = resolve(dirname(page), target!.split('#')[0]!);
      if (relative(root, path).startsWith('..') || !existsSync(path)) bad.push(target!);
    }
    expect(bad).toEqual([]);
  });

  it('the README links the docs pages', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const page of pages.filter((p) => p !== 'README.md')) expect(readme).toContain(`](${page})`);
  });
});

describe('LICENSE', () => {
  it('is the Apache License 2.0 that package.json names', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).license).toBe('Apache-2.0');
    const text = readFileSync('LICENSE', 'utf8');
    expect(text).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
    expect(text).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(text).toContain('9. Accepting Warranty or Additional Liability.');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });
});
