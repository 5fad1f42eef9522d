// The pure diff between the desired state (from verdicts) and what was read: the writes to make.
import type { Action, PullRequestSnapshot, Verdict } from './model.js';
import { statusDescription } from './status-description.js';

export interface PlanSettings {
  context: string;
  targetUrl: string | null;
  labels: { signed: string; missing: string };
}

export interface PullRequestInput {
  snapshot: PullRequestSnapshot;
  /** Null when the commits could not be read this run: nothing is planned for the pull request. */
  decision: { verdict: Verdict; /** The head SHA read together with the commits. */ sha: string } | null;
}

export interface RepositoryInput {
  repo: string;
  /** Names of the labels that exist in the repository, in GitHub's case. */
  existingLabels: string[];
  pullRequests: PullRequestInput[];
}

export const LABEL_COLOURS = { signed: '0e8a16', missing: 'd93f0b' } as const;
const LABEL_DESCRIPTIONS = {
  signed: 'Every commit author has signed the CLA (managed by cla-sweeper)',
  missing: 'A commit author has not signed the CLA, or the check failed (managed by cla-sweeper)',
} as const;

const VERDICT_TEXT = {
  signed: 'every commit author has signed',
  missing: 'a commit author has not signed',
  error: 'the CLA check failed',
} as const;

const STATE = { signed: 'success', missing: 'failure', error: 'error' } as const;

type LabelRole = keyof PlanSettings['labels'];

const short = (sha: string) => sha.slice(0, 7);
// GitHub label names are case-insensitive.
const findLabel = (names: string[], wanted: string) => names.find((n) => n.toLowerCase() === wanted.toLowerCase());

export function planRepository(input: RepositoryInput, settings: PlanSettings): Action[] {
  const { repo } = input;
  const perPr: Action[] = [];
  const toCreate = new Set<LabelRole>();
  const prs = [...input.pullRequests].sort((a, b) => a.snapshot.number - b.snapshot.number);
  for (const { snapshot, decision } of prs) {
    if (!decision) continue;
    const status = planStatus(snapshot, decision, settings);
    if (status) perPr.push(status);
    const role: LabelRole = decision.verdict.state === 'signed' ? 'signed' : 'missing';
    const other: LabelRole = role === 'signed' ? 'missing' : 'signed';
    const wanted = settings.labels[role];
    if (!findLabel(snapshot.labels, wanted)) {
      const existing = findLabel(input.existingLabels, wanted);
      if (!existing) toCreate.add(role);
      perPr.push({
        kind: 'add-label',
        repo,
        number: snapshot.number,
        label: existing ?? wanted,
        reason: addLabelReason(snapshot, settings, decision.verdict, status === null),
      });
    }
    const unwanted = findLabel(snapshot.labels, settings.labels[other]);
    if (unwanted) {
      perPr.push({
        kind: 'remove-label',
        repo,
        number: snapshot.number,
        label: unwanted,
        reason: VERDICT_TEXT[decision.verdict.state],
      });
    }
  }
  const creates: Action[] = (['signed', 'missing'] as const)
    .filter((role) => toCreate.has(role))
    .map((role) => ({
      kind: 'create-label',
      repo,
      name: settings.labels[role],
      color: LABEL_COLOURS[role],
      description: LABEL_DESCRIPTIONS[role],
      reason: `label "${settings.labels[role]}" does not exist in ${repo}`,
    }));
  return [...creates, ...perPr];
}

function planStatus(
  snapshot: PullRequestSnapshot,
  decision: NonNullable<PullRequestInput['decision']>,
  settings: PlanSettings,
): Action | null {
  const state = STATE[decision.verdict.state];
  const description = statusDescription(decision.verdict, settings.targetUrl);
  const targetUrl = settings.targetUrl;
  const sameSha = decision.sha === snapshot.headSha;
  const actual = sameSha ? snapshot.status : null;
  let reason: string;
  if (!sameSha) reason = `head moved to ${short(decision.sha)} since listing; its status is unknown`;
  else if (actual === null) reason = `no ${settings.context} status on ${short(decision.sha)} yet`;
  else if (actual.state !== state) reason = `status was ${actual.state}, now ${state}`;
  else if (actual.description !== description) reason = `description was "${actual.description ?? ''}"`;
  else if (actual.targetUrl !== targetUrl) reason = `target URL was ${actual.targetUrl ?? 'none'}`;
  else return null;
  return {
    kind: 'set-status',
    repo: snapshot.repo,
    number: snapshot.number,
    sha: decision.sha,
    context: settings.context,
    state,
    description,
    targetUrl,
    previous: actual?.state ?? null,
    reason,
  };
}

function addLabelReason(
  snapshot: PullRequestSnapshot,
  settings: PlanSettings,
  verdict: Verdict,
  statusCurrent: boolean,
): string {
  const role: LabelRole = verdict.state === 'signed' ? 'signed' : 'missing';
  const other = settings.labels[role === 'signed' ? 'missing' : 'signed'];
  if (findLabel(snapshot.labels, other)) return `was labelled "${other}", but ${VERDICT_TEXT[verdict.state]}`;
  if (statusCurrent) return `label "${settings.labels[role]}" is gone although the status is current (removed by hand?)`;
  return VERDICT_TEXT[verdict.state];
}

/** For a repository leaving the configuration: remove the project's labels, nothing else. */
export function planOffboard(
  input: { repo: string; pullRequests: PullRequestSnapshot[] },
  settings: PlanSettings,
): Action[] {
  const actions: Action[] = [];
  const prs = [...input.pullRequests].sort((a, b) => a.number - b.number);
  for (const pr of prs) {
    for (const name of [settings.labels.signed, settings.labels.missing]) {
      const label = findLabel(pr.labels, name);
      if (label) {
        actions.push({
          kind: 'remove-label',
          repo: input.repo,
          number: pr.number,
          label,
          reason: `${input.repo} is offboarded`,
        });
      }
    }
  }
  return actions;
}
