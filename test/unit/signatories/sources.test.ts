import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatoriesError } from '../../../src/errors.js';
import { loadSignatories, sourceName } from '../../../src/signatories/sources.js';
import type { SignatoriesDeps } from '../../../src/signatories/sources.js';

const YAML_LIST = 'signatories:\n  - github: pelson\n  - email: a@b.org\n';

const noRepo: SignatoriesDeps = {
  readRepoFile: () => Promise.reject(new Error('no GitHub in this test')),
};

async function rejection(promise: Promise<unknown>): Promise<SignatoriesError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a SignatoriesError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignatoriesError);
  return error as SignatoriesError;
}

describe('file source', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cla-signatories-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and parses by extension', async () => {
    const path = join(dir, 's.csv');
    await writeFile(path, 'github\npelson\n');
    const { list } = await loadSignatories({ kind: 'file', path }, noRepo);
    expect(list).toEqual({ source: path, entries: [{ github: 'pelson', email: null, line: 2, extra: {} }] });
  });

  it.each([
    ['missing', 'absent.yaml', (path: string) => `no such file (signatories.file is relative to the configuration file); to start from the example, copy cla-sweeper's config/signatories.example.yaml to ${path}`],
    ['missing (CSV)', 'absent.csv', () => "no such file (signatories.file is relative to the configuration file); cla-sweeper's config/signatories.example.yaml shows every kind of entry, docs/signatories.md the JSON and CSV forms"],
    ['a directory', 'dir.yaml', () => 'is a directory'],
  ])('names the path when it is %s', async (_name, file, detail) => {
    const path = join(dir, file);
    if (file === 'dir.yaml') await mkdir(path, { recursive: true });
    const error = await rejection(loadSignatories({ kind: 'file', path }, noRepo));
    expect(error.message).toBe(`signatories ${path}: ${detail(path)}`);
  });

  it('uses an injected reader', async () => {
    const { list } = await loadSignatories(
      { kind: 'file', path: '/nowhere/s.yaml' },
      { ...noRepo, readFile: async () => YAML_LIST },
    );
    expect(list.entries).toHaveLength(2);
  });
});

describe('url source', () => {
  let server: Server;
  let base: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const path = (req.url ?? '').replace(/\?.*$/, '');
      if (path === '/list.yaml') res.writeHead(200, { 'content-type': 'text/plain' }).end(YAML_LIST);
      else if (path === '/list') res.writeHead(200, { 'content-type': 'application/json' }).end('[{"github": "a"}]');
      else if (path === '/blob') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('x');
      else if (path === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      else if (path === '/page.json') res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      else if (path === '/text.json') res.writeHead(200, { 'content-type': 'text/plain' }).end('signatories: []');
      else if (path === '/slow.yaml') setTimeout(() => res.end(YAML_LIST), 5_000).unref();
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });

  it('fetches a 2xx answer with a User-Agent, format from the extension', async () => {
    const { list } = await loadSignatories({ kind: 'url', url: `${base}/list.yaml` }, noRepo);
    expect(list.source).toBe(`${base}/list.yaml`);
    expect(list.entries.map((e) => e.github ?? e.email)).toEqual(['pelson', 'a@b.org']);
    expect(seen.at(-1)?.['user-agent']).toBe('cla-sweeper');
  });

  it('takes the format from the Content-Type when the path has no extension', async () => {
    const { list } = await loadSignatories({ kind: 'url', url: `${base}/list` }, { ...noRepo, userAgent: 'cla-sweeper/9' });
    expect(list.entries).toEqual([{ github: 'a', email: null, line: 1, extra: {} }]);
    expect(seen.at(-1)?.['user-agent']).toBe('cla-sweeper/9');
  });

  it.each([
    ['404', '/missing.json?key=s3cret', 'signatories URL: the server answered 404 Not Found'],
    ['no extension, unknown type', '/blob', 'signatories URL: cannot tell the format (Content-Type application/octet-stream)'],
    ['HTML without an extension', '/page', 'signatories URL: the server sent an HTML page, not a list'],
    ['HTML at a .json path', '/page.json', 'signatories URL: the server sent an HTML page, not a list'],
    ['YAML at a .json path', '/text.json', 'signatories URL: malformed JSON: Unexpected token'],
  ])('%s', async (_name, path, message) => {
    const url = `${base}${path}`;
    const shown = url.replace('s3cret', '***');
    const error = await rejection(loadSignatories({ kind: 'url', url }, noRepo));
    expect(error.message).toContain(message.replace('URL', shown));
    expect(error.message).not.toContain('s3cret');
  });

  it('gives up after the timeout', async () => {
    const url = `${base}/slow.yaml`;
    const error = await rejection(loadSignatories({ kind: 'url', url }, { ...noRepo, timeoutMs: 200 }));
    expect(error.message).toBe(`signatories ${url}: no answer within 0.2 s`);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/s.yaml`;
    await new Promise((ok) => closed.close(ok));
    const error = await rejection(loadSignatories({ kind: 'url', url }, noRepo));
    expect(error.message).toBe(`signatories ${url}: could not be fetched (ECONNREFUSED)`);
  });
});

describe('github source', () => {
  it('reads through readRepoFile and parses by the path', async () => {
    const calls: unknown[][] = [];
    const { list } = await loadSignatories(
      { kind: 'github', repo: 'SciTools/cla', path: 'lists/s.json', ref: null },
      {
        readRepoFile: async (...args) => {
          calls.push(args);
          return '{"signatories": [{"github": "pelson"}]}';
        },
      },
    );
    expect(calls).toEqual([['SciTools/cla', 'lists/s.json', null]]);
    expect(list.source).toBe('github:SciTools/cla/lists/s.json');
    expect(list.entries).toHaveLength(1);
  });

  it('wraps a read failure naming github:owner/repo/path@ref', async () => {
    const cause = new Error('Not Found (404)');
    const error = await rejection(
      loadSignatories(
        { kind: 'github', repo: 'SciTools/cla', path: 's.yaml', ref: 'main' },
        { readRepoFile: () => Promise.reject(cause) },
      ),
    );
    expect(error.message).toBe('signatories github:SciTools/cla/s.yaml@main: could not be read from GitHub: Not Found (404)');
    expect(error.cause).toBe(cause);
  });

  it('reports parse errors under the same name', async () => {
    const error = await rejection(
      loadSignatories(
        { kind: 'github', repo: 'a/b', path: 's.yaml', ref: 'v1' },
        { readRepoFile: async () => 'signatories: []\n' },
      ),
    );
    expect(error.source).toBe('github:a/b/s.yaml@v1');
    expect(error.detail).toContain('the list is empty');
  });
});

describe('sourceName', () => {
  it.each([
    [{ kind: 'file', path: '/srv/s.yaml' } as const, '/srv/s.yaml'],
    [{ kind: 'url', url: 'https://x.org/s.json?token=abc' } as const, 'https://x.org/s.json?token=***'],
    [{ kind: 'github', repo: 'a/b', path: 'p/s.csv', ref: 'main' } as const, 'github:a/b/p/s.csv@main'],
  ])('%j is %s', (source, name) => {
    expect(sourceName(source)).toBe(name);
  });
});
