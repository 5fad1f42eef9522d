// The pure diff between what the checks decide and what GitHub shows: the writes to make. No I/O,
// no clock: the same observation and checks always give the same plan.
import type { Check, LabelPair } from '../checks/check.js';
import type { Verdict } from '../checks/model.js';
import type { Action, Decision, ObservedPullRequest, PlannedPullRequest, Published, RepoObservation, RepoPlan } from './model.js';
import { CHECK_RUN_MARKER, CONCLUSION_OF } from './check-run.js';
import { type Desired, desiredOf, mismatch, type PublishMode, standingIn } from './publication.js';

export const LABEL_COLOURS: LabelPair = { signed: '0e8a16', missing: 'd93f0b' };

type LabelRole = keyof LabelPair;

const short = (sha: string) => sha.slice(0, 7);
// GitHub label names are case-insensitive.
export const findLabel = (names: readonly string[], wanted: string) => names.find((n) => n.toLowerCase() === wanted.toLowerCase());

const VERDICT_TEXT: Record<Verdict['state'], string> = {
  signed: 'passes',
  missing: 'does not pass',
  error: 'could not be decided',
};

/** Creations of missing labels, shared by the pull requests of one repository. */
class LabelCreations {
  private readonly wanted = new Map<string, Action>();
  constructor(
    private readonly repo: string,
    private readonly existing: readonly string[],
  ) {}

  /** The name to add: as the repository spells it, or as configured (and then created first). */
  nameFor(check: Check, role: LabelRole): string {
    const name = check.labels![role];
    const existing = findLabel(this.existing, name);
    if (existing) return existing;
    this.wanted.set(name.toLowerCase(), {
      kind: 'create-label',
      repo: this.repo,
      name,
      color: LABEL_COLOURS[role],
      description: check.labelDescriptions[role],
      reason: `label "${name}" does not exist in ${this.repo}`,
    });
    return name;
  }

  actions(): Action[] {
    return [...this.wanted.values()];
  }
}

export interface PlanOptions {
  /** Each verdict as a commit status (default) or a check run. */
  publish: PublishMode;
}

export function planRepository(obs: RepoObservation, checks: readonly Check[], opts: PlanOptions = { publish: 'status' }): RepoPlan {
  const labels = new LabelCreations(obs.repo, obs.existingLabels);
  const pullRequests: PlannedPullRequest[] = [];
  for (const pr of [...obs.pullRequests].sort((a, b) => a.number - b.number)) {
    // Nothing known of its head this run: nothing is planned for it.
    if (!pr.head) continue;
    const planned: PlannedPullRequest = { repo: pr.repo, number: pr.number, updatedAt: pr.updatedAt, readAt: pr.readAt, decisions: [], actions: [] };
    for (const check of checks) {
      const verdict = check.decide(pr.head);
      const before = pr.head.headSha === pr.headSha ? standingIn(pr.published[check.context] ?? null, opts.publish) : null;
      planned.decisions.push({ repo: pr.repo, number: pr.number, check: check.name, context: check.context, sha: pr.head.headSha, verdict, before });
      const status = planPublication(check, pr, verdict, before, opts.publish);
      if (status) planned.actions.push(status);
      if (check.labels) planned.actions.push(...planLabels(check, pr, verdict, status === null, labels));
    }
    pullRequests.push(planned);
  }
  return { repo: obs.repo, labelCreations: labels.actions(), pullRequests, ...(obs.hasMergeQueue === undefined ? {} : { hasMergeQueue: obs.hasMergeQueue }) };
}

function planPublication(check: Check, pr: ObservedPullRequest, verdict: Verdict, before: Published | null, publish: PublishMode): Action | null {
  const desired = desiredOf(check, verdict, pr.head!, publish, { repo: pr.repo, number: pr.number });
  const sha = pr.head!.headSha;
  const reason =
    sha !== pr.headSha ? `head moved to ${short(sha)} since listing; what stands on it is unknown` : mismatch(before, desired, check.context);
  if (reason === null) return null;
  return publication({ repo: pr.repo, number: pr.number, sha, context: check.context }, desired, before, reason);
}

/** The write that makes `desired` stand on a commit: a status, or our check run created or updated. */
export function publication(
  where: { repo: string; number: number; sha: string; context: string; mergeGroup?: true },
  desired: Desired,
  before: Published | null,
  reason: string,
): Action {
  const previous = before?.state ?? null;
  if (desired.output === null) {
    return { kind: 'set-status', ...where, state: desired.state, description: desired.description, targetUrl: desired.targetUrl, previous, reason };
  }
  return {
    kind: 'set-check-run',
    ...where,
    state: desired.state,
    conclusion: CONCLUSION_OF[desired.state],
    detailsUrl: desired.targetUrl,
    externalId: CHECK_RUN_MARKER,
    output: desired.output,
    runId: before?.checkRun?.id ?? null,
    previous,
    reason,
  };
}

function planLabels(check: Check, pr: ObservedPullRequest, verdict: Verdict, statusCurrent: boolean, labels: LabelCreations): Action[] {
  const pair = check.labels!;
  const role: LabelRole = verdict.state === 'signed' ? 'signed' : 'missing';
  const other = pair[role === 'signed' ? 'missing' : 'signed'];
  const actions: Action[] = [];
  const what = `${check.context} ${VERDICT_TEXT[verdict.state]}`;
  const unwanted = findLabel(pr.labels, other);
  if (!findLabel(pr.labels, pair[role])) {
    const reason = unwanted
      ? `was labelled "${unwanted}", but ${what}`
      : statusCurrent
        ? `label "${pair[role]}" is gone although ${check.context} is current (removed by hand?)`
        : what;
    actions.push({ kind: 'add-label', repo: pr.repo, number: pr.number, label: labels.nameFor(check, role), reason });
  }
  if (unwanted) actions.push({ kind: 'remove-label', repo: pr.repo, number: pr.number, label: unwanted, reason: what });
  return actions;
}

/**
 * For a repository leaving the configuration: remove the project's labels, and turn each failing
 * status of ours into `success` saying the check is no longer run there, so that no pull request
 * stays blocked by a check nobody will update.
 */
export function planOffboard(obs: RepoObservation, checks: readonly Check[]): RepoPlan {
  const pullRequests: PlannedPullRequest[] = [];
  for (const pr of [...obs.pullRequests].sort((a, b) => a.number - b.number)) {
    const actions: Action[] = [];
    for (const check of checks) {
      const standing = pr.published[check.context];
      if (standing && (standing.state === 'failure' || standing.state === 'error')) {
        const description = `${check.context} is no longer checked in this repository`;
        const output = standing.checkRun
          ? { title: description, summary: `${description}: this check run no longer blocks the pull request, and nothing updates it any more.`, text: null }
          : null;
        const desired: Desired = { state: 'success', description, targetUrl: check.targetUrl, mentions: [], output };
        actions.push(publication({ repo: pr.repo, number: pr.number, sha: pr.headSha, context: check.context }, desired, standing, `${obs.repo} is offboarded`));
      }
      for (const name of check.labels ? [check.labels.signed, check.labels.missing] : []) {
        const label = findLabel(pr.labels, name);
        if (label) actions.push({ kind: 'remove-label', repo: pr.repo, number: pr.number, label, reason: `${obs.repo} is offboarded` });
      }
    }
    if (actions.length > 0) pullRequests.push({ repo: pr.repo, number: pr.number, updatedAt: pr.updatedAt, readAt: pr.readAt, decisions: [], actions });
  }
  return { repo: obs.repo, labelCreations: [], pullRequests };
}

/** What the plan's decisions were before and after: each decision's check state, for the guard. */
export function decisionsOf(plans: readonly RepoPlan[]): Decision[] {
  return plans.flatMap((p) => p.pullRequests.flatMap((pr) => pr.decisions));
}
