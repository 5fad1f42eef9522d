// The REST routes the simulator serves, matched against GitHub's path templates.
import type { RestOutcome } from '../types.js';
import { JWT_MESSAGES } from '../auth/jwt.js';
import { getRateLimit, getRepository, getViewer } from './account.js';
import {
  accountInstallation,
  createInstallationToken,
  getAppBySlug,
  getAppInstallation,
  getAuthenticatedApp,
  getRepoInstallation,
  listAppInstallations,
  listInstallationRepositories,
} from './apps.js';
import { createComment, listComments, updateComment } from './comments.js';
import { getContent } from './contents.js';
import { type RouteAccess, accessHeaders, refuseWithoutAccess } from './access.js';
import type { RestCall, RouteHandler } from './context.js';
import { appOnly, createCheckRun, getCheckRun, listCheckRunsForRef, updateCheckRun } from './check-runs.js';
import { errorBody, notFound } from './errors.js';
import {
  addIssueLabels,
  listIssueLabels,
  removeAllIssueLabels,
  removeIssueLabel,
  setIssueLabels,
} from './issue-labels.js';
import { createIssue, updateIssue } from './issues.js';
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './labels.js';
import { combinedStatus, createStatus, listStatuses } from './statuses.js';

export interface Route {
  method: string;
  /** GitHub's OpenAPI path template; `{path}` of the contents route spans several segments. */
  template: string;
  handler: RouteHandler;
  /** What a token needs on the repository the path names (routes without a repository need nothing). */
  access?: RouteAccess;
  /** Only an App's JWT may call it (docs: "You must use a JWT to access this endpoint"). */
  jwt?: true;
  /** Only an installation token may call it; others get "You must authenticate via a GitHub App." (docs URL given). */
  installationOnly?: string;
}

const DOCS = 'https://docs.github.com/rest';
const META: RouteAccess = { accepted: 'metadata=read', role: 'read' };
const STATUS_READ: RouteAccess = { accepted: 'statuses=read', role: 'read' };
const STATUS_WRITE: RouteAccess = {
  accepted: 'statuses=write',
  role: 'write',
  classicRefusal: 'not-found',
  docs: `${DOCS}/commits/statuses#create-a-commit-status`,
};
const ISSUES_READ: RouteAccess = { accepted: 'issues=read; pull_requests=read', role: 'read' };
/** Labels need triage, which the simulator counts as write. */
const LABELS_WRITE = (docs: string): RouteAccess => ({
  accepted: 'issues=write; pull_requests=write',
  role: 'write',
  classicRefusal: 'forbidden',
  docs,
});
/** Anyone who can read a repository may comment on its pull requests. */
const COMMENT_WRITE = (docs: string): RouteAccess => ({ accepted: 'issues=write; pull_requests=write', role: 'read', docs });
const CONTENTS_READ: RouteAccess = { accepted: 'contents=read', role: 'read' };
const CHECKS_READ: RouteAccess = { accepted: 'checks=read', role: 'read' };
const CHECKS_WRITE = (docs: string): RouteAccess => ({ accepted: 'checks=write', role: 'write', classicRefusal: 'forbidden', docs });

export const ROUTES: readonly Route[] = [
  { method: 'GET', template: '/app', handler: getAuthenticatedApp, jwt: true },
  { method: 'GET', template: '/app/installations', handler: listAppInstallations, jwt: true },
  { method: 'GET', template: '/app/installations/{installation_id}', handler: getAppInstallation, jwt: true },
  {
    method: 'POST',
    template: '/app/installations/{installation_id}/access_tokens',
    handler: createInstallationToken,
    jwt: true,
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/installation', handler: getRepoInstallation, jwt: true },
  { method: 'GET', template: '/orgs/{org}/installation', handler: accountInstallation('org'), jwt: true },
  { method: 'GET', template: '/users/{username}/installation', handler: accountInstallation('user'), jwt: true },
  { method: 'GET', template: '/apps/{app_slug}', handler: getAppBySlug },
  { method: 'GET', template: '/installation/repositories', handler: listInstallationRepositories },
  { method: 'GET', template: '/user', handler: getViewer },
  { method: 'GET', template: '/rate_limit', handler: getRateLimit },
  { method: 'GET', template: '/repos/{owner}/{repo}', handler: getRepository, access: META },
  { method: 'POST', template: '/repos/{owner}/{repo}/statuses/{sha}', handler: createStatus, access: STATUS_WRITE },
  { method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref}/status', handler: combinedStatus, access: STATUS_READ },
  { method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref}/statuses', handler: listStatuses, access: STATUS_READ },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/check-runs',
    handler: createCheckRun,
    access: CHECKS_WRITE(`${DOCS}/checks/runs#create-a-check-run`),
    installationOnly: `${DOCS}/checks/runs#create-a-check-run`,
  },
  {
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    handler: updateCheckRun,
    access: CHECKS_WRITE(`${DOCS}/checks/runs#update-a-check-run`),
    installationOnly: `${DOCS}/checks/runs#update-a-check-run`,
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/check-runs/{check_run_id}', handler: getCheckRun, access: CHECKS_READ },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    handler: listCheckRunsForRef,
    access: CHECKS_READ,
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/labels', handler: listLabels, access: ISSUES_READ },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/labels',
    handler: createLabel,
    access: LABELS_WRITE(`${DOCS}/issues/labels#create-a-label`),
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/labels/{name}', handler: getLabel, access: ISSUES_READ },
  {
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/labels/{name}',
    handler: updateLabel,
    access: LABELS_WRITE(`${DOCS}/issues/labels#update-a-label`),
  },
  {
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/labels/{name}',
    handler: deleteLabel,
    access: LABELS_WRITE(`${DOCS}/issues/labels#delete-a-label`),
  },
  // Opening an issue needs only read access to a repository with issues on (fine-grained: issues=write).
  { method: 'POST', template: '/repos/{owner}/{repo}/issues', handler: createIssue, access: COMMENT_WRITE(`${DOCS}/issues/issues#create-an-issue`) },
  {
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/issues/{issue_number}',
    handler: updateIssue,
    access: COMMENT_WRITE(`${DOCS}/issues/issues#update-an-issue`),
  },
  {
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    handler: updateComment,
    access: COMMENT_WRITE(`${DOCS}/issues/comments#update-an-issue-comment`),
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    handler: listIssueLabels,
    access: ISSUES_READ,
  },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    handler: addIssueLabels,
    access: LABELS_WRITE(`${DOCS}/issues/labels#add-labels-to-an-issue`),
  },
  {
    method: 'PUT',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    handler: setIssueLabels,
    access: LABELS_WRITE(`${DOCS}/issues/labels#set-labels-for-an-issue`),
  },
  {
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    handler: removeAllIssueLabels,
    access: LABELS_WRITE(`${DOCS}/issues/labels#remove-all-labels-from-an-issue`),
  },
  {
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    handler: removeIssueLabel,
    access: LABELS_WRITE(`${DOCS}/issues/labels#remove-a-label-from-an-issue`),
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    handler: listComments,
    access: ISSUES_READ,
  },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    handler: createComment,
    access: COMMENT_WRITE(`${DOCS}/issues/comments#create-an-issue-comment`),
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/contents/{path}', handler: getContent, access: CONTENTS_READ },
];

/** Matches a concrete path against a template; `{path}` swallows the rest of the path. Segments are URL-decoded. */
export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/').slice(1);
  const got = path.split('/').slice(1);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i];
    if (g === undefined || g === '') return undefined;
    const name = /^\{(.+)\}$/.exec(w)?.[1];
    if (name === 'path' && i === want.length - 1) {
      params.path = got.slice(i).map(safeDecode).join('/');
      return params;
    }
    if (name) params[name] = safeDecode(g);
    else if (w !== g) return undefined;
  }
  return got.length === want.length ? params : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.template, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** Answers a REST call; unknown routes get GitHub's 404. `path` is without the `/api/v3` prefix. */
export function handleRest(call: RestCall): RestOutcome {
  const found = findRoute(call.method, call.path);
  if (!found) return notFound();
  const { route, params } = found;
  // Any other token on a JWT route, e.g. an installation token on `GET /app/installations`, answers
  // 401 "A JSON web token could not be decoded" (urcomputeringpal/kubevalidator#48).
  if (route.jwt && call.identity.kind !== 'app') {
    return { status: 401, body: errorBody(401, JWT_MESSAGES.undecodable) };
  }
  const headers = accessHeaders(call.identity, route.access);
  const outcome =
    (route.installationOnly && appOnly(call, route.installationOnly)) ||
    (route.access && refuseWithoutAccess(call, params, route.access)) ||
    route.handler(call, params);
  return Object.keys(headers).length > 0 ? { ...outcome, headers: { ...(outcome.headers ?? {}), ...headers } } : outcome;
}
