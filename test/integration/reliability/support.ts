// Shared by the reliability tests: a generated world of a few dozen pull requests, its
// configuration, snapshots of the end state, and in-process runs that capture stderr.
import { writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import type { Env } from '../../../src/env.js';
import type { Harness } from '../../support/harness.js';
import { MISSING, SAMPLE_SIGNATORIES, SIGNED } from '../../support/sample-world.js';
import type { Simulator } from '../../support/simulator/server.js';
import { World } from '../../support/simulator/world.js';

export const CONTEXT = 'cla/signed';

/**
 * `repos` repositories under `acme/`, each with `perRepo` open pull requests cycling through the
 * cases of PRODUCT.md (signed, unsigned author, unsigned co-author, unlinked email, bot, domain
 * CLA, signed co-author by email), plus one of more than 100 commits in the first repository.
 * Deterministic: two calls give worlds with the same SHAs.
 */
export function bigWorld(repos = 4, perRepo = 10): { world: World; names: string[] } {
  const w = new World();
  for (const login of ['alice', 'bob', 'carol', 'dave', 'frank', 'grace', 'heidi', 'ivan', 'mallory', 'PeLSon']) {
    w.addUser(login, { emails: [`${login.toLowerCase()}@example.org`] });
  }
  w.addBot('dependabot[bot]');
  const erin = { name: 'Erin', email: 'erin@unlinked.example' };
  const corp = { name: 'Corp Dev', email: 'dev@bigcorp.example' };
  const carolByEmail = { name: 'Carol', email: 'carol@example.org' };
  const cases: Parameters<World['addPullRequest']>[1][] = [
    { commits: [{ author: 'alice' }, { author: 'alice' }] },
    { commits: [{ author: 'alice' }, { author: 'bob' }] },
    { commits: [{ author: 'carol', coAuthors: ['dave'] }] },
    { author: 'alice', commits: [{ author: erin }] },
    { commits: [{ author: 'dependabot[bot]' }] },
    { draft: true, commits: [{ author: 'frank' }] },
    { commits: [{ author: 'grace' }, { author: corp }] },
    { labels: [MISSING, 'bug'], commits: [{ author: 'ivan' }] },
    { commits: [{ author: 'PeLSon' }] },
    { commits: [{ author: 'alice', coAuthors: [carolByEmail] }] },
    { commits: [{ author: 'heidi' }, { author: 'mallory' }] },
  ];
  const names: string[] = [];
  for (let r = 0; r < repos; r++) {
    const name = `acme/repo-${r}`;
    names.push(name);
    w.addRepo(name);
    for (let i = 0; i < perRepo; i++) w.addPullRequest(name, cases[(i + r) % cases.length]!);
    w.addPullRequest(name, { state: 'CLOSED', commits: [{ author: 'bob' }] });
  }
  w.addPullRequest(names[0]!, {
    author: 'heidi',
    commits: [...Array.from({ length: 120 }, () => ({ author: 'heidi' })), { author: 'mallory' }],
  });
  return { world: w, names };
}

export function configFor(repositories: string[], opts: { concurrency?: number; writesPerHour?: number; extra?: string } = {}): string {
  return `repositories:
${repositories.map((r) => `  - ${JSON.stringify(r)}`).join('\n')}
signatories:
  file: signatories.yaml
allowlist:
  - "*[bot]"
status:
  context: ${CONTEXT}
  url: https://example.org/cla
labels:
  signed: "${SIGNED}"
  missing: "${MISSING}"
cache:
  file: .cla-sweeper/cache.json
github:
  maxConcurrency: ${opts.concurrency ?? 2}
  writeIntervalMs: 0
${opts.writesPerHour ? `  maxWritesPerHour: ${opts.writesPerHour}\n` : ''}${opts.extra ?? ''}`;
}

export { SAMPLE_SIGNATORIES };

export interface PullRequestState {
  state: string | null;
  description: string | null;
  labels: string[];
}

/** What a maintainer sees on every pull request of the world: our status on the head, and the labels. */
export function endState(world: World): Record<string, PullRequestState> {
  const out: Record<string, PullRequestState> = {};
  for (const repo of world.repos.values()) {
    for (const pr of repo.pullRequests.values()) {
      const name = `${repo.owner}/${repo.name}`;
      const status = world.statusOf(name, world.headSha(name, pr.number), CONTEXT);
      out[`${name}#${pr.number}`] = {
        state: status?.state ?? null,
        description: status?.description ?? null,
        labels: [...pr.labels].sort(),
      };
    }
  }
  return out;
}

/** The most statuses of our context posted to one SHA of any repository. */
export function maxStatusesPerSha(world: World): number {
  let max = 0;
  for (const repo of world.repos.values()) {
    for (const list of repo.statuses.values()) {
      const perContext = new Map<string, number>();
      for (const s of list) perContext.set(s.context, (perContext.get(s.context) ?? 0) + 1);
      for (const n of perContext.values()) max = Math.max(max, n);
    }
  }
  return max;
}

export function writes(sim: Simulator): number {
  return sim.counters.requests['rest-write'] + sim.counters.requests['graphql-mutation'];
}

export function operations(sim: Simulator, name: string): number {
  return sim.counters.log.filter((r) => r.operationName === name).length;
}

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command line in-process like `h.run`, with environment overrides, capturing stderr
 * (the CLI's error messages and the logs both go there).
 */
export async function runCaptured(h: Harness, env: Partial<Env>, ...args: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(['node', 'cla-sweeper', ...args, '--config', h.configFile], {
      env: { ...h.env(), ...env },
      out: (text) => {
        stdout += text;
      },
      signal: new AbortController().signal,
    });
    return { code, stdout, stderr };
  } finally {
    spy.mockRestore();
  }
}

export function writeFile(h: Harness, name: string, text: string): string {
  const path = `${h.dir}/${name}`;
  writeFileSync(path, text);
  return path;
}

export interface ProxyAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface FaultProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the simulator that answers some requests itself, for
 * faults the simulator has no switch for (a 422 on one write, say).
 */
export async function faultProxy(
  target: string,
  intercept: (req: { method: string; path: string; body: string }) => ProxyAnswer | undefined,
): Promise<FaultProxy> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const answer = intercept({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, body: body.toString('utf8') });
      if (answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
        res.end(JSON.stringify(answer.body));
        return;
      }
      const headers = { ...req.headers };
      delete headers.host;
      const upstream = httpRequest(`${target}${req.url ?? '/'}`, { method: req.method, headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
