// The simulated GitHub's HTTP front: a node:http server on 127.0.0.1 that refuses what GitHub
// refuses (User-Agent, credentials, rate limits), injects the configured faults, counts every
// request, and hands GraphQL to the executor and REST to the routes in rest/.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Identity, type TokenSpec, resolveToken } from './auth/identity.js';
import { looksLikeJwt, verifyAppJwt } from './auth/jwt.js';
import { analyseQuery, executeGraphql, renewBudget } from './graphql/index.js';
import { createState } from './graphql/state.js';
import {
  FaultDice,
  type Refusal,
  badCredentials,
  graphqlSomethingWentWrong,
  graphqlSecondaryRateLimit,
  graphqlTimeout,
  missingUserAgent,
  primaryRateLimit,
  problemsParsingJson,
  secondaryRateLimit,
  serverError,
  unauthenticated,
} from './refusals.js';
import { accountId } from './rest/render.js';
import { handleRest } from './rest/router.js';
import type { Counters, Faults, RateBudget, RequestKind, RequestRecord, SimulatorState } from './types.js';
import { World } from './world.js';

export interface StartOptions {
  world?: World;
  /**
   * Replaces the default `{ 'sim-token': 'cla-bot' }`. A string is a classic token of that login with
   * access everywhere; `{ login, kind: 'fine-grained', repositories: { 'o/r': 'read' } }` a personal
   * token with access per repository; `{ installation: id }` an installation token (see auth/identity.ts).
   */
  tokens?: Record<string, TokenSpec>;
  /** Seconds the simulated GitHub's clock runs ahead of this machine's (negative: behind), for JWT clock drift. */
  clockSkewSeconds?: number;
  /** Lifetime of minted installation tokens (default 3600, GitHub's hour); small values let a token expire mid-sweep. */
  installationTokenSeconds?: number;
  faults?: Partial<Faults>;
  graphqlLimit?: number;
  restLimit?: number;
  /** Port on 127.0.0.1; 0 (the default) lets the system pick a free one. */
  port?: number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`; the same routes answer under `/api/v3`, GraphQL at `/graphql` and `/api/graphql`. */
  url: string;
  world: World;
  state: SimulatorState;
  /**
   * `requests` counts every HTTP request received, refused ones included (missing User-Agent or
   * credentials, rate limits, injected faults), because each is a request the client sent; the log
   * records each one with the status it got and its path as received (`/api/v3/...` included).
   * Writes per pull request count only writes that succeeded. Refused requests charge no budget.
   */
  counters: Counters;
  setFaults(patch: Partial<Faults>): void;
  /** Moves the simulated clock on (JWT checks, token expiry and the Date header follow it), so a test can expire a token without waiting. */
  advanceClock(seconds: number): void;
  resetCounters(): void;
  close(): Promise<void>;
}

interface Answer extends Refusal {
  resource: 'core' | 'graphql';
}

interface Running {
  state: SimulatorState;
  dice: FaultDice;
  inFlight: number;
  requests: number;
  url: string;
  /** `requests` when `secondaryLimitAfterRequests` was last set, and how many requests that limit has refused since. */
  secondaryFrom: number;
  secondaryRefused: number;
}

const GHES_PREFIX = '/api/v3';
const GRAPHQL_PATHS = new Set(['/graphql', '/api/graphql']);

export async function startSimulator(opts: StartOptions = {}): Promise<Simulator> {
  const state = createState(opts.world ?? new World(), {
    ...(opts.tokens ? { tokens: opts.tokens } : {}),
    ...(opts.clockSkewSeconds !== undefined ? { clockSkewSeconds: opts.clockSkewSeconds } : {}),
    ...(opts.installationTokenSeconds !== undefined ? { installationTokenSeconds: opts.installationTokenSeconds } : {}),
  });
  if (opts.faults) Object.assign(state.faults, opts.faults);
  if (opts.graphqlLimit !== undefined) setLimit(state.graphqlBudget, opts.graphqlLimit);
  if (opts.restLimit !== undefined) setLimit(state.restBudget, opts.restLimit);

  const running: Running = {
    state,
    dice: new FaultDice(state.faults),
    inFlight: 0,
    requests: 0,
    url: '',
    secondaryFrom: 0,
    secondaryRefused: 0,
  };
  const server = createServer((req, res) => {
    serve(running, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `simulator bug: ${err instanceof Error ? err.stack : String(err)}` }));
    });
  });
  await listen(server, opts.port ?? 0);
  running.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: running.url,
    world: state.world,
    state,
    counters: state.counters,
    setFaults(patch) {
      Object.assign(state.faults, patch);
      if (patch.seed !== undefined) running.dice.reseed();
      if (patch.secondaryLimitAfterRequests !== undefined || patch.secondaryLimitRequests !== undefined) {
        running.secondaryFrom = running.requests;
        running.secondaryRefused = 0;
      }
    },
    advanceClock(seconds) {
      state.clockOffsetMs += seconds * 1000;
    },
    resetCounters() {
      resetCounters(state.counters);
    },
    close: () => close(server),
  };
}

function setLimit(budget: RateBudget, limit: number): void {
  budget.limit = limit;
  budget.remaining = limit;
  budget.used = 0;
}

function resetCounters(c: Counters): void {
  for (const kind of Object.keys(c.requests) as RequestKind[]) c.requests[kind] = 0;
  c.costPoints = 0;
  c.writesPerPullRequest.clear();
  c.maxInFlight = 0;
  c.log.length = 0;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** GitHub's request ids look like `C0DE:1A2B:3C4D5E:6F7A8B:65A1B2C3`; these are deterministic. */
function requestId(n: number): string {
  const hex = (v: number, width: number) => v.toString(16).toUpperCase().padStart(width, '0');
  return `C1A5:${hex(n, 4)}:${hex(n * 7919, 6)}:${hex(n * 104729, 6)}:${hex(0x65a1b2c3 + n, 8)}`;
}

interface GraphqlRequestInfo {
  kind: RequestKind;
  operationName?: string;
  nodeCount?: number;
}

function describeGraphql(body: unknown): GraphqlRequestInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    query?: unknown;
    variables?: unknown;
    operationName?: unknown;
  };
  if (typeof b.query !== 'string') return { kind: 'graphql-query' };
  const operationName = typeof b.operationName === 'string' ? b.operationName : undefined;
  const variables = typeof b.variables === 'object' && b.variables !== null ? (b.variables as Record<string, unknown>) : undefined;
  const analysis = analyseQuery(b.query, variables, operationName);
  if (!analysis.ok) {
    return { kind: /^\s*mutation\b/.test(b.query) ? 'graphql-mutation' : 'graphql-query', operationName };
  }
  return {
    kind: analysis.isMutation ? 'graphql-mutation' : 'graphql-query',
    operationName: analysis.operationName ?? operationName,
    nodeCount: analysis.nodeCount,
  };
}

async function serve(sim: Running, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = sim;
  const counters = state.counters;
  sim.inFlight += 1;
  counters.maxInFlight = Math.max(counters.maxInFlight, sim.inFlight);
  sim.requests += 1;
  const id = requestId(sim.requests);
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', sim.url);
    const raw = await readBody(req);
    const parsed = parseJson(raw);
    const isGraphql = GRAPHQL_PATHS.has(url.pathname);
    const info: GraphqlRequestInfo = isGraphql
      ? describeGraphql(parsed.ok ? parsed.value : undefined)
      : { kind: method === 'GET' || method === 'HEAD' ? 'rest-read' : 'rest-write' };
    const record: RequestRecord = { kind: info.kind, method, path: url.pathname, status: 0 };
    if (info.operationName) record.operationName = info.operationName;
    counters.requests[info.kind] += 1;
    counters.log.push(record);

    const answer = await decide(sim, req, { method, url, parsed, isGraphql, info, id, record });
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    record.status = answer.status;
    send(res, answer, rateHeaders(answer.resource === 'graphql' ? state.graphqlBudget : state.restBudget), id, state);
  } finally {
    sim.inFlight -= 1;
  }
}

interface Incoming {
  method: string;
  url: URL;
  parsed: { ok: true; value: unknown } | { ok: false };
  isGraphql: boolean;
  info: GraphqlRequestInfo;
  id: string;
  record: RequestRecord;
}

async function decide(sim: Running, req: IncomingMessage, r: Incoming): Promise<Answer> {
  const { state } = sim;
  const resource = r.isGraphql ? 'graphql' : 'core';
  const refuse = (x: Refusal): Answer => ({ ...x, resource });

  renewBudget(state.restBudget);
  renewBudget(state.graphqlBudget);

  if (!req.headers['user-agent']) return refuse(missingUserAgent());
  const auth = req.headers.authorization;
  if (!auth) return refuse(unauthenticated(r.isGraphql));
  const token = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(auth)?.[1];
  // GitHub answers an expired installation token as it answers an unknown one ("Installation tokens
  // expire one hour from the time you create them. Using an expired token produces a status code of
  // 401 - Unauthorized", REST docs for creating an installation access token; "Bad credentials" as
  // actions/create-github-app-token#72 quotes it).
  let identity: Identity;
  if (token && looksLikeJwt(token)) {
    const checked = verifyAppJwt(state.world, token, simulatedNow(state));
    if (!checked.ok) {
      return refuse({
        status: checked.status,
        body: { message: checked.message, documentation_url: 'https://docs.github.com/rest', status: String(checked.status) },
      });
    }
    // GraphQL takes user and installation tokens only; how it answers an App's JWT is not documented
    // and the simulator answers as to an unknown token.
    if (r.isGraphql) return refuse(badCredentials());
    identity = { kind: 'app', appId: checked.app.id, appSlug: checked.app.slug, login: checked.app.slug };
  } else {
    const resolved = token ? resolveToken(state, token, simulatedNow(state)) : undefined;
    if (!resolved?.ok) return refuse(badCredentials());
    identity = resolved.identity;
  }
  const viewer = identity.login;

  const f = state.faults;
  const secondary = (): Answer =>
    refuse(
      r.isGraphql && f.secondaryLimitGraphqlStatus === 200
        ? graphqlSecondaryRateLimit(f.secondaryRetryAfterSeconds, r.id)
        : secondaryRateLimit(f.secondaryRetryAfterSeconds, r.id),
    );
  if (f.secondaryLimitConcurrency > 0 && sim.inFlight > f.secondaryLimitConcurrency) return secondary();
  if (
    f.secondaryLimitAfterRequests > 0 &&
    sim.requests - sim.secondaryFrom > f.secondaryLimitAfterRequests &&
    sim.secondaryRefused < f.secondaryLimitRequests
  ) {
    sim.secondaryRefused += 1;
    return secondary();
  }
  const roll = sim.dice.roll();
  if (roll.serverError) return refuse(serverError(roll.serverError));
  if (!r.parsed.ok) return refuse(problemsParsingJson());

  if (r.isGraphql) {
    if (r.method !== 'POST') return refuse({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/graphql' } });
    if (f.timeoutAboveNodes > 0 && (r.info.nodeCount ?? 0) > f.timeoutAboveNodes) return refuse(graphqlTimeout());
    if (roll.graphqlError && r.info.kind === 'graphql-query' && r.info.nodeCount !== undefined) {
      return refuse(graphqlSomethingWentWrong(r.id));
    }
    const outcome = await executeGraphql(state, identity, r.parsed.value);
    state.counters.costPoints += outcome.cost;
    r.record.cost = outcome.cost;
    if (outcome.operationName) r.record.operationName = outcome.operationName;
    for (const key of outcome.writes ?? []) bumpWrites(state.counters, key);
    if (outcome.writes?.length === 1) r.record.pullRequest = outcome.writes[0];
    return { status: outcome.status, body: outcome.body, resource };
  }

  const path = r.url.pathname === GHES_PREFIX || r.url.pathname.startsWith(`${GHES_PREFIX}/`)
    ? r.url.pathname.slice(GHES_PREFIX.length) || '/'
    : r.url.pathname;
  const apiBase = path === r.url.pathname ? sim.url : `${sim.url}${GHES_PREFIX}`;
  // GitHub does not charge `GET /rate_limit` against the core budget.
  if (path !== '/rate_limit') {
    if (state.restBudget.remaining <= 0) {
      const subject =
        identity.kind === 'installation' ? `installation ID ${identity.installationId}` : accountId(state.world, viewer);
      return refuse(primaryRateLimit(subject, r.id, new Date()));
    }
    state.restBudget.remaining -= 1;
    state.restBudget.used += 1;
  }
  const outcome = handleRest({
    state,
    apiBase,
    accept: String(req.headers.accept ?? '').toLowerCase(),
    ifNoneMatch: String(req.headers['if-none-match'] ?? ''),
    method: r.method,
    path,
    query: r.url.searchParams,
    body: r.parsed.value,
    viewer,
    identity,
  });
  // "Making a conditional request does not count against your primary rate limit if a 304 response
  // is returned and the request was made while correctly authorized with an Authorization header."
  // https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
  if (outcome.status === 304 && path !== '/rate_limit') {
    state.restBudget.remaining += 1;
    state.restBudget.used -= 1;
  }
  if (outcome.pullRequest && outcome.status < 300) {
    bumpWrites(state.counters, outcome.pullRequest);
    r.record.pullRequest = outcome.pullRequest;
  }
  return { status: outcome.status, headers: outcome.headers, body: outcome.body, resource };
}

function bumpWrites(c: Counters, key: string): void {
  c.writesPerPullRequest.set(key, (c.writesPerPullRequest.get(key) ?? 0) + 1);
}

function rateHeaders(b: RateBudget): Record<string, string> {
  return {
    'x-ratelimit-limit': String(b.limit),
    'x-ratelimit-remaining': String(Math.max(0, b.remaining)),
    'x-ratelimit-used': String(b.used),
    'x-ratelimit-reset': String(b.resetAt),
  };
}

/** The simulated GitHub's clock, in epoch milliseconds. */
export function simulatedNow(state: SimulatorState): number {
  return Date.now() + state.clockOffsetMs;
}

function send(res: ServerResponse, answer: Answer, rate: Record<string, string>, id: string, state: SimulatorState): void {
  const headers: Record<string, string> = {
    // GitHub's clock, which @octokit/auth-app reads to correct a JWT refused for clock drift.
    date: new Date(simulatedNow(state)).toUTCString(),
    ...rate,
    'x-ratelimit-resource': answer.resource,
    'x-github-request-id': id,
    'x-github-media-type': 'github.v3; format=json',
    ...(answer.headers ?? {}),
  };
  if (answer.status === 204 || answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  headers['content-type'] ??= 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers);
  res.end(text);
}
