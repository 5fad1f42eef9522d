// Test data builders for the reconcile unit tests: observations and checks whose verdicts are given.
import type { Check, HeadFacts } from '../../../src/checks/check.js';
import { claCheck } from '../../../src/checks/cla/index.js';
import { dcoCheck } from '../../../src/checks/dco/index.js';
import type { Verdict } from '../../../src/checks/model.js';
import { buildPolicy } from '../../../src/checks/policy.js';
import type { ObservedPullRequest, Published, RepoObservation } from '../../../src/reconcile/model.js';

export const REPO = 'o/r';
export const HEAD = 'a'.repeat(40);

const given = new WeakMap<HeadFacts, Partial<Record<string, Verdict>>>();

/** A head whose verdicts are given per check, instead of decided from commits. */
export function headWith(verdicts: Partial<Record<string, Verdict>>, sha = HEAD): HeadFacts {
  const head: HeadFacts = { headSha: sha, commitsRead: 1, commitsTotal: 1, facts: {} };
  given.set(head, verdicts);
  return head;
}

/** A real check (its context, labels and descriptions) that decides what `headWith` gave it. */
export function givenCheck(check: Check): Check {
  return { ...check, decide: (head) => given.get(head)?.[check.name] ?? { state: 'error', reason: 'no verdict given' } };
}

const policy = buildPolicy([], []);
export const CLA = givenCheck(
  claCheck({
    context: 'cla/signed',
    targetUrl: 'https://example.org/cla',
    labels: { signed: 'cla: signed', missing: 'cla: missing' },
    policy,
    noReplyDomain: 'users.noreply.github.com',
  }),
);
export const DCO = givenCheck(
  dcoCheck({
    context: 'DCO',
    targetUrl: 'https://developercertificate.org/',
    labels: { signed: 'dco: signed', missing: 'dco: missing' },
    policy,
    remediationCommits: true,
    noReplyDomain: 'users.noreply.github.com',
  }),
);

/** What a check of ours wrote for a verdict. */
export function ours(check: Check, verdict: Verdict, head: HeadFacts = headWith({})): Published {
  const state = ({ signed: 'success', missing: 'failure', error: 'error' } as const)[verdict.state];
  return { state, description: check.describe(verdict, head), targetUrl: check.targetUrl, createdAt: null };
}

export function observed(over: Partial<ObservedPullRequest> = {}): ObservedPullRequest {
  return {
    repo: REPO,
    number: 1,
    headSha: HEAD,
    isDraft: false,
    updatedAt: null,
    labels: [],
    published: {},
    head: null,
    cached: true,
    readAt: 0,
    ...over,
  };
}

export function observation(pullRequests: ObservedPullRequest[], existingLabels = ['cla: signed', 'cla: missing', 'bug']): RepoObservation {
  return { repo: REPO, existingLabels, pullRequests, failures: [], notReached: 0 };
}
