// The REST routes the simulator serves, matched against GitHub's path templates.
import type { RestOutcome } from '../types.js';
import { getRateLimit, getRepository, getViewer } from './account.js';
import { createComment, listComments, updateComment } from './comments.js';
import { getContent } from './contents.js';
import type { RestCall, RouteHandler } from './context.js';
import { notFound } from './errors.js';
import {
  addIssueLabels,
  listIssueLabels,
  removeAllIssueLabels,
  removeIssueLabel,
  setIssueLabels,
} from './issue-labels.js';
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './labels.js';
import { combinedStatus, createStatus, listStatuses } from './statuses.js';

export interface Route {
  method: string;
  /** GitHub's OpenAPI path template; `{path}` of the contents route spans several segments. */
  template: string;
  handler: RouteHandler;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', template: '/user', handler: getViewer },
  { method: 'GET', template: '/rate_limit', handler: getRateLimit },
  { method: 'GET', template: '/repos/{owner}/{repo}', handler: getRepository },
  { method: 'POST', template: '/repos/{owner}/{repo}/statuses/{sha}', handler: createStatus },
  { method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref}/status', handler: combinedStatus },
  { method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref}/statuses', handler: listStatuses },
  { method: 'GET', template: '/repos/{owner}/{repo}/labels', handler: listLabels },
  { method: 'POST', template: '/repos/{owner}/{repo}/labels', handler: createLabel },
  { method: 'GET', template: '/repos/{owner}/{repo}/labels/{name}', handler: getLabel },
  { method: 'PATCH', template: '/repos/{owner}/{repo}/labels/{name}', handler: updateLabel },
  { method: 'DELETE', template: '/repos/{owner}/{repo}/labels/{name}', handler: deleteLabel },
  { method: 'PATCH', template: '/repos/{owner}/{repo}/issues/comments/{comment_id}', handler: updateComment },
  { method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', handler: listIssueLabels },
  { method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', handler: addIssueLabels },
  { method: 'PUT', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', handler: setIssueLabels },
  { method: 'DELETE', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', handler: removeAllIssueLabels },
  {
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    handler: removeIssueLabel,
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', handler: listComments },
  { method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', handler: createComment },
  { method: 'GET', template: '/repos/{owner}/{repo}/contents/{path}', handler: getContent },
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
  return found ? found.route.handler(call, found.params) : notFound();
}
