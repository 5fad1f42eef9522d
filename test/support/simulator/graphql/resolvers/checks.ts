// Check suites, check runs and Apps, read through `Commit.checkSuites`. Suites belong to the
// repository the commit was reached through, as statuses do.
//
// Filters (schema): `CheckSuiteFilter { appId, checkName }` ("Filters the check suites created by this
// application ID" / "by this name"); `CheckRunFilter { appId, checkName, checkType, conclusions,
// status, statuses }` ("statuses ... Overrides status"). `checkType: LATEST` keeps the newest run of
// each name; the docs do not say what the default is, and the simulator answers every run (ALL).
// Costs are GitHub's usual: each connection counts (analyse.ts), so check runs read through
// `checkSuites(first: 1) { checkRuns(first: 1) }` cost 2 requests per pull request before dividing by 100.
import type { SimCheckRun, SimCheckSuite, SimRepository } from '../../world.js';
import { type Args, paginate } from '../connection.js';
import {
  type AppSrc,
  type CheckRunSrc,
  type CheckSuiteSrc,
  commitSrc,
  fullName,
  mustCommit,
  pullSrc,
  repoSrc,
  repoUrl,
  type TypeResolvers,
} from '../sources.js';

const upper = (value: string | null): string | null => (value ? value.toUpperCase() : null);

function suiteRuns(repo: SimRepository, suite: SimCheckSuite): SimCheckRun[] {
  return repo.checkRuns.filter((r) => r.suiteId === suite.id);
}

/** Suites on a commit, oldest first, with `filterBy: { appId, checkName }`. */
export function suitesOf(repo: SimRepository, sha: string, args: Args): CheckSuiteSrc[] {
  const filter = (args.filterBy ?? {}) as { appId?: number | null; checkName?: string | null };
  return repo.checkSuites
    .filter((s) => s.headSha === sha)
    .filter((s) => filter.appId == null || s.appId === filter.appId)
    .filter((s) => filter.checkName == null || suiteRuns(repo, s).some((r) => r.name === filter.checkName))
    .map((suite) => ({ __typename: 'CheckSuite', repo, suite }));
}

function runsOf(repo: SimRepository, suite: SimCheckSuite, args: Args): SimCheckRun[] {
  const f = (args.filterBy ?? {}) as {
    appId?: number | null;
    checkName?: string | null;
    checkType?: 'ALL' | 'LATEST' | null;
    conclusions?: string[] | null;
    status?: string | null;
    statuses?: string[] | null;
  };
  const statuses = f.statuses ?? (f.status ? [f.status] : null);
  let runs = suiteRuns(repo, suite)
    .filter((r) => f.appId == null || r.appId === f.appId)
    .filter((r) => f.checkName == null || r.name === f.checkName)
    .filter((r) => !statuses || statuses.includes(r.status.toUpperCase()))
    .filter((r) => !f.conclusions || (r.conclusion !== null && f.conclusions.includes(r.conclusion.toUpperCase())));
  if (f.checkType === 'LATEST') {
    const latest = new Map<string, SimCheckRun>();
    for (const r of runs) latest.set(r.name, r);
    runs = [...latest.values()];
  }
  return runs;
}

/** A suite's status and conclusion from its runs, as GitHub rolls them up (docs silent on details). */
function rollUp(runs: SimCheckRun[]): { status: string; conclusion: string | null } {
  if (runs.length === 0) return { status: 'QUEUED', conclusion: null };
  if (runs.some((r) => r.status !== 'completed')) return { status: 'IN_PROGRESS', conclusion: null };
  const order = ['action_required', 'cancelled', 'timed_out', 'failure', 'startup_failure', 'stale', 'neutral', 'skipped', 'success'];
  const worst = runs.map((r) => r.conclusion ?? 'success').sort((a, b) => order.indexOf(a) - order.indexOf(b))[0]!;
  return { status: 'COMPLETED', conclusion: worst.toUpperCase() };
}

export const checkSuiteResolvers: TypeResolvers<CheckSuiteSrc> = {
  id: ({ suite }) => suite.nodeId,
  databaseId: ({ suite }) => suite.id,
  app: ({ suite }, _, ctx): AppSrc | null => {
    const app = ctx.world.apps.get(suite.appId);
    return app ? { __typename: 'App', app } : null;
  },
  status: ({ repo, suite }) => rollUp(suiteRuns(repo, suite)).status,
  conclusion: ({ repo, suite }) => rollUp(suiteRuns(repo, suite)).conclusion,
  commit: ({ repo, suite }, _, ctx) => commitSrc(repo, mustCommit(ctx.world, suite.headSha)),
  repository: ({ repo }) => repoSrc(repo),
  createdAt: ({ suite }) => suite.createdAt,
  updatedAt: ({ suite }) => suite.updatedAt,
  url: ({ repo, suite }) => `${repoUrl(repo)}/commit/${suite.headSha}/checks?check_suite_id=${suite.id}`,
  resourcePath: ({ repo, suite }) => `/${fullName(repo)}/commit/${suite.headSha}/checks?check_suite_id=${suite.id}`,
  branch: () => null,
  creator: () => null,
  push: () => null,
  workflowRun: () => null,
  checkRuns: ({ repo, suite }, args) =>
    paginate(
      runsOf(repo, suite, args).map((run): CheckRunSrc => ({ __typename: 'CheckRun', repo, run })),
      args,
      (r) => String(r.run.id),
    ),
  matchingPullRequests: ({ repo, suite }, args) =>
    paginate(
      [...repo.pullRequests.values()]
        .filter((pr) => pr.state === 'OPEN' && pr.commits[pr.commits.length - 1] === suite.headSha)
        .map((pr) => pullSrc(repo, pr)),
      args,
      (p) => String(p.pr.number),
    ),
};

export const checkRunResolvers: TypeResolvers<CheckRunSrc> = {
  id: ({ run }) => run.nodeId,
  databaseId: ({ run }) => run.id,
  name: ({ run }) => run.name,
  status: ({ run }) => run.status.toUpperCase(),
  conclusion: ({ run }) => upper(run.conclusion),
  detailsUrl: ({ run }) => run.detailsUrl,
  externalId: ({ run }) => run.externalId,
  title: ({ run }) => run.output.title,
  summary: ({ run }) => run.output.summary,
  text: ({ run }) => run.output.text,
  startedAt: ({ run }) => run.startedAt,
  completedAt: ({ run }) => run.completedAt,
  checkSuite: ({ repo, run }) => ({ __typename: 'CheckSuite', repo, suite: repo.checkSuites.find((s) => s.id === run.suiteId)! }),
  repository: ({ repo }) => repoSrc(repo),
  url: ({ repo, run }) => `${repoUrl(repo)}/runs/${run.id}`,
  permalink: ({ repo, run }) => `${repoUrl(repo)}/runs/${run.id}`,
  resourcePath: ({ repo, run }) => `/${fullName(repo)}/runs/${run.id}`,
  isRequired: () => false,
  annotations: (_, args) => paginate([], args, () => ''),
  steps: () => null,
  deployment: () => null,
  pendingDeploymentRequest: () => null,
};

export const appResolvers: TypeResolvers<AppSrc> = {
  id: ({ app }) => app.nodeId,
  databaseId: ({ app }) => app.id,
  slug: ({ app }) => app.slug,
  name: ({ app }) => app.name,
  clientId: ({ app }) => app.clientId,
  description: () => null,
  createdAt: ({ app }) => app.createdAt,
  updatedAt: ({ app }) => app.createdAt,
  url: ({ app }) => `https://example.org/${app.slug}`,
  logoBackgroundColor: () => 'ffffff',
  logoUrl: ({ app }) => `https://avatars.githubusercontent.com/in/${app.id}?v=4`,
  ipAllowListEntries: (_, args) => paginate([], args, () => ''),
};
