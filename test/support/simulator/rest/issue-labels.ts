// The labels on an issue or pull request: list, add, replace, remove one, remove all.
import type { RestOutcome } from '../types.js';
import type { SimPullRequest, SimRepository } from '../world.js';
import type { RestCall, RouteHandler } from './context.js';
import { errorBody, invalidRequest } from './errors.js';
import { findIssue, findRepo, isOutcome, prKey, refuseIfArchived } from './lookup.js';
import { paginate } from './paginate.js';
import { createLabelIn } from './labels.js';
import { label, repoUrl } from './render.js';

const DOCS = {
  add: 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
  set: 'https://docs.github.com/rest/issues/labels#set-labels-for-an-issue',
  remove: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
  removeAll: 'https://docs.github.com/rest/issues/labels#remove-all-labels-from-an-issue',
};

/** The label names of a request body: `{labels: [...]}` or a bare array, of names or `{name}` objects. */
function labelNames(body: unknown): string[] | undefined {
  const list = Array.isArray(body) ? body : (body as { labels?: unknown } | null)?.labels;
  if (!Array.isArray(list)) return undefined;
  const names: string[] = [];
  for (const item of list) {
    const name = typeof item === 'string' ? item : (item as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name.trim() === '') return undefined;
    names.push(name);
  }
  return names;
}

function labelsOf(call: RestCall, repo: SimRepository, pr: SimPullRequest): Record<string, unknown>[] {
  return pr.labels.flatMap((n) => {
    const l = repo.labels.get(n.toLowerCase());
    return l ? [label(call.apiBase, repo, l)] : [];
  });
}

/** Adds labels, creating those the repository lacks, as GitHub does; a label already on the issue is left as it is. */
function addNames(call: RestCall, repo: SimRepository, pr: SimPullRequest, names: string[]): void {
  for (const name of names) {
    const existing = repo.labels.get(name.toLowerCase()) ?? createLabelIn(call, repo, name);
    if (!pr.labels.some((n) => n.toLowerCase() === existing.name.toLowerCase())) pr.labels.push(existing.name);
  }
}

type Target = { repo: SimRepository; pr: SimPullRequest };

function target(call: RestCall, params: Record<string, string>, writeDocs?: string): Target | RestOutcome {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const pr = findIssue(repo, params.issue_number);
  if (isOutcome(pr)) return pr;
  if (writeDocs) {
    const refused = refuseIfArchived(repo, writeDocs);
    if (refused) return refused;
  }
  return { repo, pr };
}

export const listIssueLabels: RouteHandler = (call, params) => {
  const t = target(call, params);
  if (isOutcome(t)) return t;
  const url = `${repoUrl(call.apiBase, t.repo)}/issues/${t.pr.number}/labels`;
  return paginate(labelsOf(call, t.repo, t.pr), call.query, url);
};

function write(call: RestCall, params: Record<string, string>, docs: string, replace: boolean): RestOutcome {
  const t = target(call, params, docs);
  if (isOutcome(t)) return t;
  const names = labelNames(call.body);
  // POST requires at least one label (the schema's minItems: 1); PUT accepts none, which clears the labels.
  if (!names || (!replace && names.length === 0)) {
    return invalidRequest('No subschema in "oneOf" matched.', docs);
  }
  if (replace) t.pr.labels = [];
  addNames(call, t.repo, t.pr, names);
  t.pr.updatedAt = call.state.world.now();
  return { status: 200, body: labelsOf(call, t.repo, t.pr), pullRequest: prKey(t.repo, t.pr.number) };
}

export const addIssueLabels: RouteHandler = (call, params) => write(call, params, DOCS.add, false);

export const setIssueLabels: RouteHandler = (call, params) => write(call, params, DOCS.set, true);

export const removeAllIssueLabels: RouteHandler = (call, params) => {
  const t = target(call, params, DOCS.removeAll);
  if (isOutcome(t)) return t;
  t.pr.labels = [];
  return { status: 204, pullRequest: prKey(t.repo, t.pr.number) };
};

export const removeIssueLabel: RouteHandler = (call, params) => {
  const t = target(call, params, DOCS.remove);
  if (isOutcome(t)) return t;
  const name = (params.name ?? '').toLowerCase();
  if (!t.pr.labels.some((n) => n.toLowerCase() === name)) {
    return { status: 404, body: errorBody(404, 'Label does not exist', DOCS.remove) };
  }
  t.pr.labels = t.pr.labels.filter((n) => n.toLowerCase() !== name);
  return { status: 200, body: labelsOf(call, t.repo, t.pr), pullRequest: prKey(t.repo, t.pr.number) };
};
