// GraphQL answers are parsed with JSON.parse rather than @octokit/request's json-with-bigint
// (src/github/client.ts, graphqlParsedNatively): the answer a sweep reads is the same, without the
// rewritten copy of every answer and the object per value that parser allocates on Node 20.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, parsedAnswer } from '../../src/github/client.js';
import { silentLogger } from '../../src/log.js';

describe('GraphQL answers', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; type: string; body: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': answer.type });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () =>
    createClient({ token: 't', apiUrl: url, userAgent: 'cla-sweeper-test', log: silentLogger(), maxConcurrency: 1, writeIntervalMs: 0, retryBaseMs: 1 });

  it('are parsed by JSON.parse: a number beyond 2^53 stays a number, not a BigInt', async () => {
    answer = { status: 200, type: 'application/json; charset=utf-8', body: '{"data":{"viewer":{"login":"cla-bot","big":12345678901234567890}}}' };
    const data = await client().graphql<{ viewer: { login: string; big: unknown } }>('query { viewer { login } }');
    expect(data.viewer.login).toBe('cla-bot');
    expect(typeof data.viewer.big).toBe('number');
  });

  it('with errors still reach @octokit/graphql as an answer with errors and partial data', async () => {
    answer = {
      status: 200,
      type: 'application/json',
      body: '{"data":{"a":{"login":"x"},"b":null},"errors":[{"type":"NOT_FOUND","path":["b"],"message":"Could not resolve"}]}',
    };
    const error = await client()
      .graphql('query { a: viewer { login } }')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GraphqlResponseError', data: { a: { login: 'x' }, b: null } });
    expect((error as { errors: { type: string }[] }).errors[0]?.type).toBe('NOT_FOUND');
  });
});

describe('parsedAnswer', () => {
  it('parses JSON media types (application/json, +json)', () => {
    expect(parsedAnswer('{"a":1}', 'application/json; charset=utf-8')).toEqual({ a: 1 });
    expect(parsedAnswer('{"a":1}', 'Application/JSON')).toEqual({ a: 1 });
    expect(parsedAnswer('{"a":1}', 'application/scim+json')).toEqual({ a: 1 });
  });

  it('hands anything else back as text', () => {
    expect(parsedAnswer('<html>Unicorn</html>', 'text/html')).toBe('<html>Unicorn</html>');
    expect(parsedAnswer('{"a":1}', undefined)).toBe('{"a":1}');
    expect(parsedAnswer('not json', 'application/json')).toBe('not json');
    expect(parsedAnswer('', 'application/json')).toBe('');
  });
});
