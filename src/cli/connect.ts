// The GitHub connection a command works through: a token, or a GitHub App's installation(s).
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { type Check, combinedNeeds } from '../checks/check.js';
import type { LoadedConfig } from '../config/load.js';
import type { Env } from '../env.js';
import { AuthError } from '../errors.js';
import { type AppCredentials, appAuthStrategy, appCredentials, findInstallations, RenewingTokenCache } from '../github/app-auth.js';
import { InstallationRoutes, RoutingReader, RoutingWriter } from '../github/by-installation.js';
import { type ClientOptions, createClient, type GitHubClient } from '../github/client.js';
import { unreachable } from '../github/endpoint-check.js';
import { toGitHubError } from '../github/errors.js';
import { GraphqlRunner } from '../github/graphql-runner.js';
import { RateLimitLatch } from '../github/rate-limit-latch.js';
import { GitHubReader, type ReaderSettings } from '../github/reader.js';
import { type RestStats, RestWriter } from '../github/writer.js';
import type { Logger } from '../log.js';
import type { GitHubReads, GitHubWrites, MergeQueueReads } from '../reconcile/ports.js';
import { USER_AGENT } from './context.js';

export interface GitHubContext {
  client: GitHubClient;
  runner: GraphqlRunner;
  rest: RestStats;
  /** `users.noreply.HOST` of this GitHub: such commit addresses stand for logins. */
  noReplyDomain: string;
  /** The connection that reaches `repo` ("owner/name"): with one App on several owners, its installation's. */
  forRepo(repo: string): GitHubContext;
  /**
   * The reads of a sweep, shaped by the checks: their contexts, their labels, what they need of
   * commits; with `checkRunsOf` (publish: check-run), the App whose check runs are read instead of
   * statuses. They read the merge queues too.
   */
  reads(checks: readonly Check[], checkRunsOf?: { appId: number } | null): GitHubReads & MergeQueueReads;
  /** The writer a sweep writes through. */
  writer(): GitHubWrites;
  /** Every connection behind this one (itself alone but with one App on several owners), for request figures. */
  parts: GitHubContext[];
}

/**
 * Connects with the credentials of the environment. `scope` names the repositories or owners
 * ("owner/name", "owner/*") the command will touch: without GITHUB_APP_INSTALLATION_ID, the App's
 * installation on each of their owners is looked up.
 */
export async function connect(loaded: LoadedConfig, env: Env, log: Logger, scope: string[]): Promise<GitHubContext> {
  if (env.credentialsProblem) throw new AuthError(env.credentialsProblem);
  const app = env.githubApp;
  if (env.token && app) {
    throw new AuthError(
      `both a token (GITHUB_TOKEN or GITHUB_TOKEN_FILE) and GitHub App variables (${app.variables.join(', ')}) are set: drop the token to authenticate as the App, or drop the App variables to use the token`,
    );
  }
  const base = clientBase(loaded, env, log);
  if (app) return connectApp(appCredentials(app), base, loaded, env, log, scope);
  if (!env.token) {
    throw new AuthError(
      'GITHUB_TOKEN is not set: export a personal access token or an installation token in GITHUB_TOKEN (or name a file holding it in GITHUB_TOKEN_FILE), or set the GitHub App variables',
    );
  }
  return single({ ...base, token: env.token }, loaded, env, log);
}

/** What the reads ask of GitHub for these checks. */
export function readSettings(checks: readonly Check[], noReplyDomain: string): ReaderSettings {
  const needs = combinedNeeds(checks);
  return {
    contexts: checks.map((c) => c.context),
    labels: checks.flatMap((c) => (c.labels ? [c.labels.signed, c.labels.missing] : [])),
    committer: needs.committer,
    coAuthorLogins: needs.coAuthorLogins,
    noReplyDomain,
  };
}

type ClientBase = Omit<ClientOptions, 'token' | 'app'>;

function clientBase(loaded: LoadedConfig, env: Env, log: Logger): ClientBase {
  const { config } = loaded;
  return {
    apiUrl: env.apiUrl,
    userAgent: USER_AGENT,
    log,
    maxConcurrency: config.github.maxConcurrency,
    writeIntervalMs: config.github.writeIntervalMs,
    retryBaseMs: env.retryBaseMs,
  };
}

function single(options: ClientOptions, loaded: LoadedConfig, env: Env, log: Logger): GitHubContext {
  const { config } = loaded;
  const client = createClient(options);
  // Shared by the runner and the writer: what GitHub says is rate-limited stays closed this run.
  // One per token: each installation has its own limits.
  const latch = new RateLimitLatch();
  const runner = new GraphqlRunner(client, log, config.budget.reservePoints, latch);
  const noReplyDomain = `users.noreply.${env.noReplyHost}`;
  const context: GitHubContext = {
    client,
    runner,
    rest: { reads: 0, writes: 0 },
    noReplyDomain,
    forRepo: () => context,
    reads: (checks, checkRunsOf = null) => new GitHubReader(runner, { ...readSettings(checks, noReplyDomain), checkRunsOf, mergeQueue: config.mergeQueue }),
    writer: () => new RestWriter(client, context.rest, latch),
    parts: [],
  };
  context.parts.push(context);
  return context;
}

async function connectApp(
  credentials: AppCredentials,
  base: ClientBase,
  loaded: LoadedConfig,
  env: Env,
  log: Logger,
  scope: string[],
): Promise<GitHubContext> {
  const strategy = await appAuthStrategy();
  const installation = (installationId: number) =>
    single({ ...base, app: { credentials, strategy, installationId, cache: new RenewingTokenCache() } }, loaded, env, log);
  if (credentials.installationId !== null) return installation(credentials.installationId);

  // The look-ups are signed with the App's JWT; @octokit/auth-app corrects a clock that drifts.
  // Retried like every other request (5xx, no answer); what cannot work is worded as elsewhere.
  const lookup = new (Octokit.plugin(retry))({
    retry: { retries: 3, retryAfterBaseValue: env.retryBaseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    baseUrl: env.apiUrl,
    userAgent: USER_AGENT,
    authStrategy: strategy,
    auth: { appId: credentials.appId, privateKey: credentials.privateKey, log: { warn: (m: string) => log.warn({ octokit: m }, 'octokit warning') } },
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => log.warn({ octokit: m }, 'octokit warning'), error: () => undefined },
  });
  const byOwner = await findInstallations((route, params) => lookup.request(route, params), scope, credentials).catch((error: unknown) => {
    throw unreachable(error, env.apiUrl) ?? toGitHubError(error, 'looking up the GitHub App installation');
  });
  const ids = [...new Set(byOwner.values())];
  if (ids.length === 0) throw new AuthError('no repository to look up the GitHub App installation for: set GITHUB_APP_INSTALLATION_ID');
  log.debug({ installations: Object.fromEntries(byOwner) }, 'GitHub App installations');
  if (ids.length === 1) return installation(ids[0]!);

  const parts = new Map(ids.map((id) => [id, installation(id)]));
  const contexts = new InstallationRoutes(new Map([...byOwner].map(([owner, id]) => [owner, parts.get(id)!])), parts.get(ids[0]!)!);
  const routes = (checks: readonly Check[], checkRunsOf: { appId: number } | null = null) => {
    const part = (c: GitHubContext) => ({ reader: c.reads(checks, checkRunsOf), writer: () => c.writer() });
    const byPart = new Map([...parts.values()].map((c) => [c, part(c)]));
    return new InstallationRoutes(new Map([...byOwner].map(([owner, id]) => [owner, byPart.get(parts.get(id)!)!])), byPart.get(parts.get(ids[0]!)!)!);
  };
  const first = parts.get(ids[0]!)!;
  return {
    client: first.client,
    runner: first.runner,
    rest: first.rest,
    noReplyDomain: first.noReplyDomain,
    forRepo: (repo) => contexts.of(repo),
    reads: (checks, checkRunsOf) => new RoutingReader(routes(checks, checkRunsOf)),
    writer: () => new RoutingWriter(routes([])),
    parts: [...parts.values()],
  };
}

/** The repositories a sweep touches: the configured ones, the signatories' repository, the dashboard's, and `extra`. */
export function sweepScope(loaded: LoadedConfig, extra: (string | null | undefined)[] = []): string[] {
  const source = loaded.signatoriesSource;
  return [
    ...loaded.config.repositories,
    ...(source?.kind === 'github' ? [source.repo] : []),
    ...(loaded.config.dashboard ? [loaded.config.dashboard.repo] : []),
    ...extra.filter((x): x is string => !!x),
  ];
}
