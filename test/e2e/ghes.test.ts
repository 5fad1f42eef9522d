// GitHub Enterprise Server (issue 11, point 4): the built CLI with GITHUB_API_URL=http://HOST/api/v3
// against a server that answers only where GHES does (REST under /api/v3, GraphQL at /api/graphql)
// and with rate limiting switched off, as it is by default on GHES: "Rate limits are disabled by
// default for GitHub Enterprise Server"
// (https://docs.github.com/en/enterprise-server@3.18/apps/creating-github-apps/setting-up-a-github-app/rate-limits-for-github-apps).
// Then `GET /rate_limit` answers 404 `{"message":"Rate limiting is not enabled."}` (GHES's REST
// description lists the 404, @octokit/openapi generated/ghes-3.19.json; the message as users
// report it: yontrack/yontrack#916, githubexporter/github-exporter#121), GraphQL's `rateLimit` is
// null (the field is nullable in the schema; hygieia/hygieia#2371,
// nicklegan/github-org-repo-metrics-action#25), and no X-RateLimit-* headers are sent.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, TOKEN } from '../support/harness.js';
import { type Expected, SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { type Simulator, startSimulator } from '../support/simulator/index.js';

const CONTEXT = 'cla/signed';

interface Seen {
  method: string;
  path: string;
  status: number;
}

/**
 * A GHES front for the simulator: forwards `/api/v3/...` and `POST /api/graphql`, refuses every
 * other path as GHES's web server would, and removes every trace of rate limiting.
 */
async function ghesFront(sim: Simulator): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const target = new URL(sim.url);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://ghes').pathname;
    const answer = (status: number, body: unknown) => {
      seen.push({ method: req.method ?? 'GET', path, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const isRest = path === '/api/v3' || path.startsWith('/api/v3/');
    const isGraphql = path === '/api/graphql';
    if (!isRest && !isGraphql) return answer(404, { message: 'Not Found' });
    if (path === '/api/v3/rate_limit') return answer(404, { message: 'Rate limiting is not enabled.' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upstream) => {
          const body: Buffer[] = [];
          upstream.on('data', (c: Buffer) => body.push(c));
          upstream.on('end', () => {
            let text = Buffer.concat(body).toString('utf8');
            if (isGraphql && text) {
              const parsed = JSON.parse(text) as { data?: Record<string, unknown> | null };
              if (parsed.data && 'rateLimit' in parsed.data) parsed.data.rateLimit = null;
              text = JSON.stringify(parsed);
            }
            const headers = Object.fromEntries(
              Object.entries(upstream.headers).filter(([k]) => !k.startsWith('x-ratelimit') && k !== 'content-length'),
            );
            seen.push({ method: req.method ?? 'GET', path, status: upstream.statusCode ?? 0 });
            res.writeHead(upstream.statusCode ?? 502, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
            res.end(text);
          });
        },
      );
      forward.on('error', () => answer(502, { message: 'Bad Gateway' }));
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Path templates GHES's REST description documents, per method (the oldest version @octokit/openapi ships). */
function ghesOperations(): { version: string; has: (method: string, path: string) => boolean } {
  const require = createRequire(import.meta.url);
  const version = '3.17';
  const spec = require(`@octokit/openapi/generated/ghes-${version}.json`) as { paths: Record<string, Record<string, unknown>> };
  const templates = Object.entries(spec.paths).map(([template, ops]) => ({
    segments: template.split('/').slice(1),
    methods: new Set(Object.keys(ops)),
  }));
  const has = (method: string, path: string) => {
    const concrete = path.replace(/^\/api\/v3/, '').split('/').slice(1);
    return templates.some(
      (t) =>
        t.methods.has(method.toLowerCase()) &&
        t.segments.length === concrete.length &&
        t.segments.every((s, i) => s.startsWith('{') || s === concrete[i]),
    );
  };
  return { version, has };
}

let sim: Simulator;
let front: Awaited<ReturnType<typeof ghesFront>>;
let expected: Expected[];
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  // An Enterprise Server's no-reply addresses name its own host (users.noreply.HOST): the bot's
  // commits carry 127.0.0.1's, the host of GITHUB_API_URL below.
  const sample = sampleWorld('127.0.0.1');
  expected = sample.expected;
  sim = await startSimulator({ world: sample.world, tokens: { [TOKEN]: 'cla-bot' } });
  front = await ghesFront(sim);
  dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-ghes-'));
  writeFileSync(join(dir, 'signatories.yaml'), SAMPLE_SIGNATORIES);
  writeFileSync(join(dir, 'cla.yaml'), sampleConfig());
  env = {
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: `${front.url}/api/v3`,
    CLA_SWEEPER_CONFIG: join(dir, 'cla.yaml'),
    CLA_SWEEPER_RETRY_BASE_MS: '1',
    CLA_SWEEPER_LOG_LEVEL: 'warn',
  };
});
afterAll(async () => {
  await front.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GitHub Enterprise Server paths, rate limiting switched off', () => {
  it('the front really is GHES-only: /graphql, /rate_limit and REST outside /api/v3 are refused', async () => {
    const ask = async (method: string, path: string) =>
      (await fetch(`${front.url}${path}`, { method, headers: { authorization: `token ${TOKEN}`, 'user-agent': 't' } })).status;
    expect(await ask('POST', '/graphql')).toBe(404);
    expect(await ask('GET', '/repos/acme/widgets')).toBe(404);
    expect(await ask('GET', '/api/v3/rate_limit')).toBe(404);
    expect(await ask('GET', '/api/v3/repos/acme/widgets')).toBe(200);
  });

  it('a whole sweep runs through /api/v3 and /api/graphql only, reconciles every pull request, and a second sweep writes nothing', async () => {
    front.seen.length = 0;
    const first = await spawnCli(['sweep', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    // Nothing to report about a budget that does not exist.
    expect(summary.graphql.remaining).toBeNull();
    for (const e of expected) {
      const status = sim.world.statusOf(e.repo, sim.world.headSha(e.repo, e.number), CONTEXT);
      expect(status?.state ?? null, e.case).toBe(e.state);
      expect([...sim.world.labelsOf(e.repo, e.number)].sort(), e.case).toEqual([...e.labels].sort());
    }
    expect(front.seen.length).toBeGreaterThan(0);
    for (const s of front.seen) expect(s.path === '/api/graphql' || s.path.startsWith('/api/v3/'), `${s.method} ${s.path}`).toBe(true);
    expect(front.seen.some((s) => s.path === '/api/graphql')).toBe(true);
    expect(front.seen.some((s) => s.method !== 'GET' && s.path.startsWith('/api/v3/'))).toBe(true);
    expect(front.seen.filter((s) => s.status === 404)).toEqual([]);

    // Every REST call the sweep made is one GHES documents.
    const ghes = ghesOperations();
    for (const s of front.seen.filter((x) => x.path.startsWith('/api/v3/'))) {
      expect(ghes.has(s.method, s.path), `${s.method} ${s.path} in GHES ${ghes.version}`).toBe(true);
    }

    front.seen.length = 0;
    const second = await spawnCli(['sweep'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(front.seen.filter((s) => s.method !== 'GET' && s.path !== '/api/graphql')).toEqual([]);
  });

  it('explain works through the same paths', async () => {
    front.seen.length = 0;
    const r = await spawnCli(['explain', 'acme/widgets#2'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('bob');
    for (const s of front.seen) expect(s.path === '/api/graphql' || s.path.startsWith('/api/v3/'), s.path).toBe(true);
  });
});
