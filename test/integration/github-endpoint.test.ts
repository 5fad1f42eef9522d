// Issue 8, item 2: a GITHUB_API_URL that cannot work ends the run at once (exit 1, no retry, a
// message naming GITHUB_API_URL, the address and what to check); what is transient (5xx, GitHub's
// HTML outage page, a dropped connection) is still retried and never called an HTTP 500 when
// nothing answered; Enterprise Server without rate limiting keeps working.
import dns from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { closedPort, type HttpStub, htmlPage, startHttpStub } from '../support/http-stub.js';
import { bigWorld, configFor, runCaptured, writes } from './reliability/support.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function start(): Promise<Harness> {
  const { world, names } = bigWorld(2, 3);
  const h = await harness(world, { config: configFor(names) });
  open.push(h);
  return h;
}

async function stub(...args: Parameters<typeof startHttpStub>): Promise<HttpStub> {
  const s = await startHttpStub(...args);
  open.push(s);
  return s;
}

describe('a GITHUB_API_URL that cannot work', () => {
  it('connection refused: exit 1 at the first request, naming GITHUB_API_URL and the address', async () => {
    const h = await start();
    const port = await closedPort();
    const apiUrl = `http://127.0.0.1:${port}/api/v3`;
    const r = await runCaptured(h, { apiUrl, logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`GITHUB_API_URL=${apiUrl}`);
    expect(r.stderr).toContain(`nothing accepts connections on 127.0.0.1:${port} (connection refused, ECONNREFUSED)`);
    // Not retried (each retry would be logged), and nothing claims GitHub answered.
    expect(r.stderr).not.toContain('no answer from GitHub');
    expect(r.stderr).not.toMatch(/\b500\b|server error/);
    expect(r.stdout).toBe('');
  });

  /** dns.lookup failing as the system resolver does with `code` (for the first `failures` lookups), without asking any DNS server; then resolving to loopback. */
  function resolver(code: string, failures = Number.POSITIVE_INFINITY): string[] {
    const lookups: string[] = [];
    vi.spyOn(dns, 'lookup').mockImplementation(((hostname: string, options: { all?: boolean }, callback: (error: Error | null, ...answer: unknown[]) => void) => {
      lookups.push(hostname);
      if (lookups.length <= failures) {
        const error = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, errno: -3008, syscall: 'getaddrinfo', hostname });
        process.nextTick(callback, error);
      } else if (options?.all) process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }]);
      else process.nextTick(callback, null, '127.0.0.1', 4);
    }) as unknown as typeof dns.lookup);
    return lookups;
  }

  it('a host name that does not resolve (ENOTFOUND): exit 1 at the first lookup, naming the host', async () => {
    const h = await start();
    const lookups = resolver('ENOTFOUND');
    const r = await runCaptured(h, { apiUrl: 'https://ghe.example.invalid/api/v3', logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GITHUB_API_URL=https://ghe.example.invalid/api/v3: the host name ghe.example.invalid does not resolve (ENOTFOUND)');
    expect(lookups).toEqual(['ghe.example.invalid']);
  });

  it('a name whose lookup keeps failing for now (EAI_AGAIN) is asked again, then ends the run: exit 1, naming the host', async () => {
    const h = await start();
    const lookups = resolver('EAI_AGAIN');
    const r = await runCaptured(h, { apiUrl: 'https://ghe.example.invalid/api/v3', logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GITHUB_API_URL=https://ghe.example.invalid/api/v3: the host name ghe.example.invalid does not resolve (EAI_AGAIN)');
    // Retried as often as the request may be (the sweep's first read allows one retry: the caller
    // splits it when GitHub fails), each failure before the last logged as no answer.
    const retried = r.stderr.split('\n').filter((l) => l.includes('no answer from GitHub') && l.includes('EAI_AGAIN'));
    expect(retried.length).toBeGreaterThan(0);
    expect(lookups).toHaveLength(retried.length + 1);
  });

  it('a lookup that fails once for now (EAI_AGAIN, a resolver restarting) is retried and the sweep completes', async () => {
    const h = await start();
    const lookups = resolver('EAI_AGAIN', 1);
    const port = new URL(h.sim.url).port;
    const r = await runCaptured(h, { apiUrl: `http://github.example.invalid:${port}`, logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(0);
    expect(lookups.length).toBeGreaterThan(1);
    expect(writes(h.sim)).toBeGreaterThan(0);
  });

  it('an HTML 404 (a web server, not the API): exit 1 after one request, naming status and content type', async () => {
    const h = await start();
    const web = await stub((_req, res) => htmlPage(res, 404, 'Page not found'));
    const r = await runCaptured(h, { apiUrl: web.url, logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(1);
    expect(web.requests).toEqual(['POST /graphql']);
    const message = `GITHUB_API_URL=${web.url} does not answer like GitHub's API: POST ${web.url}/graphql got 404 with text/html, not GitHub's JSON`;
    expect(r.stderr).toContain(message);
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'github-unreachable', message: expect.stringContaining(message) }, exitCode: 1 });
  });

  it('a 200 HTML page (a login page in front of the API): exit 1, not a crash', async () => {
    const h = await start();
    const web = await stub((_req, res) => htmlPage(res, 200, 'Sign in'));
    const r = await runCaptured(h, { apiUrl: web.url, logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('got 200 with text/html');
    expect(r.stderr).not.toContain('unexpected error');
    expect(web.requests).toHaveLength(1);
  });
  it('a 200 JSON that is no GraphQL answer (another JSON service): exit 1 after one request, not a TypeError', async () => {
    const h = await start();
    const other = await stub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"hello":"world"}');
      return true;
    });
    const r = await runCaptured(h, { apiUrl: other.url, logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`GITHUB_API_URL=${other.url} does not answer like GitHub's API: POST ${other.url}/graphql got JSON that is not a GraphQL answer`);
    expect(r.stderr).not.toMatch(/Cannot read properties|unexpected error/);
    expect(other.requests).toHaveLength(1);
    expect(writes(h.sim)).toBe(0);
  });
});

describe('transient trouble is retried', () => {
  it("GitHub's HTML outage page (503) is retried, logged as a server error, and the sweep completes", async () => {
    const h = await start();
    const front = await stub((_req, res, i) => i < 2 && htmlPage(res, 503, 'Unicorn! · GitHub'), h.sim.url);
    const r = await runCaptured(h, { apiUrl: front.url, logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('GitHub server error');
    expect(writes(h.sim)).toBeGreaterThan(0);
  });

  it('a connection dropped before any answer is retried and logged as no answer, never as an HTTP 500', async () => {
    const h = await start();
    const front = await stub((req, _res, i) => {
      if (i > 0) return false;
      req.socket.destroy();
      return true;
    }, h.sim.url);
    const r = await runCaptured(h, { apiUrl: front.url, logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes('no answer from GitHub'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/), method: 'POST' });
    expect(r.stderr).not.toContain('"status":500');
  });

  it('Enterprise Server with rate limiting switched off (rateLimit null, /rate_limit 404) sweeps as usual', async () => {
    const h = await start();
    // GHES answers `rateLimit: null` and `GET /rate_limit` 404 "Rate limiting is not enabled."
    // (https://docs.github.com/enterprise-server@latest/rest/rate-limit/rate-limit).
    const ghes = await stub(
      (req, res) => {
        if (!req.url?.endsWith('/rate_limit')) return false;
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: 'Rate limiting is not enabled.', documentation_url: 'https://docs.github.com/enterprise-server/rest' }));
        return true;
      },
      h.sim.url,
      (path, body) => {
        if (!path.endsWith('/graphql')) return body;
        const answer = JSON.parse(body) as { data?: { rateLimit?: unknown } | null };
        if (answer.data && 'rateLimit' in answer.data) answer.data.rateLimit = null;
        return JSON.stringify(answer);
      },
    );
    const r = await runCaptured(h, { apiUrl: `${ghes.url}/api/v3`, logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.graphql.remaining).toBeNull();
    expect(summary.writes.failed).toEqual([]);
    expect(writes(h.sim)).toBeGreaterThan(0);
    expect(ghes.requests.some((x) => x.startsWith('POST /api/graphql'))).toBe(true);
  });
});
