// Reading our check runs (publish: check-run) on a commit, in the same requests that read statuses
// otherwise. Check runs are reached only through connections: per check, the commit's suite of our
// App that holds a run of that name, and in it the runs of that name:
//
//   k0: checkSuites(first: 1, filterBy: { appId: $app, checkName: $c0 }) {
//     nodes { checkRuns(last: 5, filterBy: { checkName: $c0 }) { nodes { … } } } }
//
// `appId` keeps other Apps' runs of the same name out (PRODUCT.md, Writes). `checkName` on the
// suite matters for the GitHub Actions App, which holds one suite per workflow run on a commit: a
// run created through the API with the Actions token lands in one of them, "the workflow run that
// was created first" (bencherdev/bencher#536, LouisBrunner/checks-action#26), so the suite is
// found by the run's name. `last: 5`: a suite may hold several runs of a name (a workflow job of
// that name and its re-runs); the newest are read, so a run of ours that would fall outside them
// is created anew and read next time. Cost (GitHub counts each connection, multiplied by the
// `first`/`last` of those above it): 2 requests per commit and check, so the listing of 100 open
// pull requests with one check costs 1 + 100 (labels) + 200 = 301 requests, 3 points.
import type { Published } from '../reconcile/model.js';
import { CHECK_RUN_MARKER, stateOfRun } from '../reconcile/check-run.js';

/** Runs of one name read per suite (the newest). */
export const RUNS_PER_NAME = 5;

export interface GqlCheckRun {
  databaseId: number;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
  startedAt: string | null;
  completedAt: string | null;
}
type GqlSuites = { nodes: ({ checkRuns: { nodes: (GqlCheckRun | null)[] } | null } | null)[] | null } | null;

/** The fields that read our runs of each check on a commit, aliased `k0`, `k1`… in `contexts` order. */
export function checkRunFields(contexts: readonly string[]): string {
  const run = 'databaseId status conclusion detailsUrl externalId title summary text startedAt completedAt';
  return contexts
    .map(
      (_, i) =>
        `k${i}: checkSuites(first: 1, filterBy: { appId: $app, checkName: $c${i} }) { nodes { checkRuns(last: ${RUNS_PER_NAME}, filterBy: { checkName: $c${i} }) { nodes { ${run} } } } }`,
    )
    .join(' ');
}

/** Connection requests `checkRunFields` adds per commit. */
export function checkRunUnits(contexts: readonly string[]): number {
  return 2 * contexts.length;
}

/** Ours: the newest run with our marker, read as what stands for the check; null when there is none. */
export function publishedRun(suites: GqlSuites | undefined): Published | null {
  const runs = (suites?.nodes ?? []).flatMap((s) => s?.checkRuns?.nodes ?? []).filter((r): r is GqlCheckRun => r?.externalId === CHECK_RUN_MARKER);
  const run = runs.sort((a, b) => b.databaseId - a.databaseId)[0];
  if (!run) return null;
  const output = { title: run.title ?? '', summary: run.summary ?? '', text: run.text };
  return {
    state: stateOfRun(run.status, run.conclusion),
    description: run.title,
    targetUrl: run.detailsUrl,
    createdAt: run.completedAt ?? run.startedAt,
    checkRun: { id: run.databaseId, output },
  };
}

/** Each check's run of ours on a commit read with `checkRunFields`. */
export function publishedRuns(commit: Record<string, unknown> | null | undefined, contexts: readonly string[]): Record<string, Published | null> {
  return Object.fromEntries(contexts.map((context, i) => [context, publishedRun(commit?.[`k${i}`] as GqlSuites | undefined)]));
}
