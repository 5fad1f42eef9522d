// The one Octokit factory: @octokit/core with retries (5xx, GraphQL "Something went wrong") and
// throttling (secondary limits honour retry-after; requests bounded and paced as GitHub asks).
import { Octokit } from '@octokit/core';
import type { OctokitOptions } from '@octokit/core/types';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import Bottleneck from 'bottleneck';
import type { Logger } from '../log.js';
import { type AppAuthStrategy, type AppCredentials, appAuthError, isAppRequest, type RenewingTokenCache } from './app-auth.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { isJson, notGraphqlAnswer, notJsonAnswer, transportFailure, unreachable } from './endpoint-check.js';

/**
 * Ends the run at the first sign that GITHUB_API_URL cannot work (see endpoint-check.ts); a lookup
 * that failed for now (EAI_AGAIN) only once the request has no retry left. Listed among the first,
 * so its wrap is inside the others: the GitHubUnreachableError it throws carries no HTTP
 * status, so neither the retry plugin (which retries statuses) nor the throttling plugin retries it.
 */
function endpointChecked(octokit: Octokit, options: OctokitOptions) {
  const apiUrl = options.baseUrl as string;
  const clientRetries = (options.retry as { retries?: number } | undefined)?.retries ?? 0;
  octokit.hook.wrap('request', async (request, opts) => {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(opts);
    } catch (error) {
      // The retry plugin counts attempts in the request's options (retryCount) and reads a
      // request's own `retries` before the client's.
      const { retries = clientRetries, retryCount = 0 } = (opts.request ?? {}) as { retries?: number; retryCount?: number };
      throw unreachable(error, apiUrl, retryCount < retries) ?? error;
    }
    // GitHub's media types are JSON (https://docs.github.com/rest/overview/media-types): a page
    // that is not is a web server's answer, whose "data" no read could use.
    const asked = { method: opts.method, url: response.url || opts.url };
    const wrong = notJsonAnswer(apiUrl, response, asked) ?? (isGraphqlUrl(opts.url) ? notGraphqlAnswer(apiUrl, response.data, asked) : null);
    if (wrong) throw wrong;
    return response;
  });
}

/**
 * GraphQL answers are parsed with JSON.parse. @octokit/request parses every JSON answer with
 * json-with-bigint, which on Node 20 (no JSON.parse source text) first rewrites the whole text with
 * a regular expression and then revives every value: a copy of each answer and an object per value
 * more, about a sixth of what a warm sweep allocated (an allocation profile of the M world). No number we read through GraphQL (cost,
 * counts, database ids) comes near 2^53. Listed first: every other wrap sees the parsed answer, as
 * @octokit/request would have handed it. REST answers are left to @octokit/request.
 */
function graphqlParsedNatively(octokit: Octokit) {
  octokit.hook.wrap('request', async (request, opts) => {
    if (!isGraphqlUrl(opts.url)) return request(opts);
    // In place: before-after-hook hands every wrap the options the request started with, whatever
    // a wrap passes on.
    opts.request = { ...opts.request, parseSuccessResponseBody: false };
    const response = await request(opts);
    const text = response.data ? await new Response(response.data as ReadableStream).text() : '';
    response.data = parsedAnswer(text, response.headers['content-type']);
    return response;
  });
}

/** The answer parsed when it is JSON by the rule the endpoint check applies (isJson), else its text. */
export function parsedAnswer(text: string, contentType: string | undefined): unknown {
  if (!isJson(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isGraphqlUrl(url: unknown): boolean {
  return /\/graphql$/.test(new URL(String(url), 'http://github.invalid').pathname);
}

/**
 * Passes every HTTP attempt, retries included, through the client's gate. Listed before the retry
 * and throttling plugins, so its wrap is inside theirs: they wait outside the gate.
 */
function gated(octokit: Octokit, options: OctokitOptions) {
  const gate = options.concurrencyGate as ConcurrencyGate | undefined;
  if (!gate) return;
  octokit.hook.wrap('request', (request, opts) =>
    // An App's own requests (minting an installation token) are made from inside the request that
    // needs the token, which holds a place at the gate already: waiting for another would deadlock.
    isAppRequest(opts.url)
      ? request(opts)
      : gate.run(
          async () => request(opts),
          // The throttling plugin hands these options back to onSecondaryRateLimit.
          (epoch) => {
            (opts.request as GateStamp).gateEpoch = epoch;
          },
        ),
  );
}

interface GateStamp {
  gateEpoch?: number;
}

/**
 * Logs each answer GitHub gave with a server error (5xx, or a GraphQL "Something went wrong"
 * that comes as a 200 without data), attempt by attempt: the retry plugin retries them silently,
 * and an outage should be visible in the logs before the sweep ends partial.
 */
function serverErrorsLogged(octokit: Octokit, options: OctokitOptions) {
  const log = options.serverErrorLog as Logger | undefined;
  if (!log) return;
  octokit.hook.wrap('request', async (request, opts) => {
    try {
      const response = await request(opts);
      const body = response.data as { data?: unknown; errors?: { message?: string; type?: string; path?: unknown }[] } | null;
      const whole = body?.errors?.find((e) => !e.path && !e.type);
      if (body?.data === null && whole) log.warn({ method: opts.method, url: opts.url, error: whole.message }, 'GitHub GraphQL error');
      return response;
    } catch (error) {
      // A request that got no answer at all is not a server error, whatever status
      // @octokit/request gives it (500); the retry plugin still retries it.
      const failure = transportFailure(error);
      if (failure) log.warn({ code: failure.code, error: failure.message, method: opts.method, url: opts.url }, 'no answer from GitHub');
      else if (error instanceof RequestError && error.status >= 500) {
        log.warn({ status: error.status, method: opts.method, url: opts.url }, 'GitHub server error');
      }
      throw error;
    }
  });
}

/**
 * GitHub may answer a secondary rate limit on GraphQL with HTTP 200: "the response status will be
 * `200` or `403`" ("Rate limits and query limits for the GraphQL API", Exceeding the rate limit).
 * Such an answer has no data, an `errors` list and a `retry-after` header (the header is what tells
 * it apart: GitHub sends retry-after only to say "wait"). It is handed on as the 403 GitHub sends
 * otherwise, so that the throttling plugin waits it out the same way and, if it persists, the
 * sweep stops as rate-limited.
 */
function graphqlSecondaryLimitAs403(octokit: Octokit) {
  octokit.hook.wrap('request', async (request, opts) => {
    const response = await request(opts);
    const body = response.data as { data?: unknown; errors?: unknown[] } | null;
    const graphql = isGraphqlUrl(opts.url);
    if (graphql && response.headers['retry-after'] !== undefined && body?.data == null && (body?.errors?.length ?? 0) > 0) {
      throw new RequestError('GitHub answered a secondary rate limit (HTTP 200 with retry-after)', 403, {
        request: opts as ConstructorParameters<typeof RequestError>[2]['request'],
        response: { ...response, status: 403 } as ConstructorParameters<typeof RequestError>[2]['response'],
      });
    }
    return response;
  });
}

/** Statuses a request is never retried on: GitHub said no, and asking again gets the same answer. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451];

/**
 * A request given its own `retries` (a batch the caller splits instead of retrying) has the retry
 * plugin retry any failure, a refusal included, since the plugin reads that option from every
 * error. A refusal keeps no retries here, so that only 5xx answers are asked again; a secondary
 * limit is left to the throttling plugin, which waits as GitHub asks.
 */
function refusalsNotRetried(octokit: Octokit) {
  octokit.hook.wrap('request', async (request, opts) => {
    try {
      return await request(opts);
    } catch (error) {
      const req = (error as { request?: { request?: { retries?: number } } }).request;
      if (error instanceof RequestError && DO_NOT_RETRY.includes(error.status) && req?.request?.retries) {
        req.request = { ...req.request, retries: 0 };
      }
      throw error;
    }
  });
}

/** GitHub App authentication: what the client authenticates as, and the tokens it keeps. */
export interface AppClientAuth {
  credentials: AppCredentials;
  /** @octokit/auth-app's strategy (see appAuthStrategy). */
  strategy: AppAuthStrategy;
  installationId: number;
  cache: RenewingTokenCache;
}

/**
 * With App authentication: an installation token GitHub refuses (revoked, or expired by GitHub's
 * clock before ours) is forgotten and the request sent once more with a new one; a refusal of the
 * App's own credentials becomes an error that names GITHUB_APP_ID and the key to check.
 */
function appTokens(octokit: Octokit, options: OctokitOptions) {
  const app = options.appAuth as AppClientAuth | undefined;
  const log = options.serverErrorLog as Logger | undefined;
  if (!app) return;
  octokit.hook.wrap('request', async (request, opts) => {
    const explain = (error: unknown) =>
      error instanceof RequestError && isAppRequest(error.request.url) ? (appAuthError(error, app.credentials, 'getting an installation token') ?? error) : error;
    try {
      return await request(opts);
    } catch (error) {
      if (!(error instanceof RequestError) || error.status !== 401 || isAppRequest(error.request.url)) throw explain(error);
      log?.info({ method: opts.method, url: opts.url }, 'GitHub refused the installation token: getting a new one');
      app.cache.clear();
      try {
        return await request(opts);
      } catch (again) {
        throw explain(again);
      }
    }
  });
}

// Listed innermost first: the retry and throttling plugins wrap the others.
const SweeperOctokit = Octokit.plugin(
  graphqlParsedNatively,
  endpointChecked,
  appTokens,
  gated,
  serverErrorsLogged,
  graphqlSecondaryLimitAs403,
  refusalsNotRetried,
  retry,
  throttling,
);
export type GitHubClient = InstanceType<typeof SweeperOctokit>;

export interface ClientOptions {
  /** A token, or a GitHub App's installation (`app`). */
  token?: string;
  app?: AppClientAuth;
  apiUrl: string;
  userAgent: string;
  log: Logger;
  /** Requests in flight at once. */
  maxConcurrency: number;
  /** Pause between two writes (and two GraphQL requests, which GitHub's guidance treats alike). */
  writeIntervalMs: number;
  /** Unit of the back-off between retries (ms); 1000 in production. */
  retryBaseMs: number;
  /** How many times a secondary rate limit is waited out before the request fails. */
  secondaryRetries?: number;
}

let clientCount = 0;

export function createClient(opts: ClientOptions): GitHubClient {
  clientCount += 1;
  const secondaryRetries = opts.secondaryRetries ?? 6;
  const gate = new ConcurrencyGate(opts.maxConcurrency);
  return new SweeperOctokit({
    concurrencyGate: gate,
    serverErrorLog: opts.log,
    ...(opts.app
      ? {
          appAuth: opts.app,
          authStrategy: opts.app.strategy,
          auth: {
            appId: opts.app.credentials.appId,
            privateKey: opts.app.credentials.privateKey,
            installationId: opts.app.installationId,
            cache: opts.app.cache,
            log: { warn: (msg: string) => opts.log.warn({ octokit: msg }, 'octokit warning') },
          },
        }
      : { auth: opts.token }),
    baseUrl: opts.apiUrl,
    userAgent: opts.userAgent,
    // Octokit's own logger would print request details; ours is structured and redacted.
    log: {
      debug: (msg: string) => opts.log.debug({ octokit: msg }, 'octokit'),
      info: (msg: string) => opts.log.debug({ octokit: msg }, 'octokit'),
      warn: (msg: string) => opts.log.warn({ octokit: msg }, 'octokit warning'),
      error: (msg: string) => opts.log.error({ octokit: msg }, 'octokit error'),
    },
    retry: { retries: 4, retryAfterBaseValue: opts.retryBaseMs, doNotRetry: DO_NOT_RETRY },
    throttle: {
      // `global` (bounding requests in flight) is honoured by the plugin but missing from its types.
      ...({ global: new Bottleneck.Group({ maxConcurrent: opts.maxConcurrency }) } as object),
      // A fresh id per client keeps the module-wide Bottleneck groups from pacing unrelated clients together.
      id: `cla-sweeper-${process.pid}-${clientCount}`,
      retryAfterBaseValue: opts.retryBaseMs,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: opts.writeIntervalMs }),
      // GitHub asks to wait retry-after, then to slow down while the limit persists: each
      // secondary limit halves the requests in flight for the rest of the run.
      onSecondaryRateLimit: (
        retryAfter: number,
        options: { method: string; url: string; request?: object },
        _o: unknown,
        retryCount: number,
      ) => {
        const slower = gate.slowDown((options.request as GateStamp | undefined)?.gateEpoch);
        opts.log.warn(
          { retryAfter, method: options.method, url: options.url, retryCount, concurrency: gate.current },
          'secondary rate limit',
        );
        if (slower) opts.log.info({ concurrency: gate.current }, 'secondary rate limit: fewer requests in flight from now on');
        return retryCount < secondaryRetries;
      },
      // The primary budget is managed by the sweep (it stops and resumes next run); waiting up to
      // an hour inside one request would hold the cache lock for nothing.
      onRateLimit: (retryAfter: number, options: { method: string; url: string }) => {
        opts.log.warn({ retryAfter, method: options.method, url: options.url }, 'primary rate limit exhausted');
        return false;
      },
    },
  });
}
