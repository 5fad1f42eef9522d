// Plain issues: create and update, as the dashboard issue needs them. Numbers are shared with pull
// requests. Not modelled: labels, assignees and milestones on create, locking, transfers, and the
// triage role GitHub asks of someone editing another account's issue (anyone who may open an issue
// edits their own; the tool never edits another's).
import type { RestOutcome } from '../types.js';
import type { RouteHandler } from './context.js';
import { forbidden, invalidRequest, notFound } from './errors.js';
import { asObject, findRepo, isOutcome, refuseIfArchived } from './lookup.js';
import { issue as render } from './render.js';

const DOCS = {
  create: 'https://docs.github.com/rest/issues/issues#create-an-issue',
  update: 'https://docs.github.com/rest/issues/issues#update-an-issue',
};
/** GitHub's limit on an issue body ("body is too long (maximum is 65536 characters)"). */
export const MAX_ISSUE_BODY = 65_536;

function checkText(body: Record<string, unknown>, docs: string, titleRequired: boolean): RestOutcome | undefined {
  if (titleRequired && (typeof body.title !== 'string' || body.title.trim() === '')) return invalidRequest('"title" wasn\'t supplied.', docs);
  if (body.title !== undefined && typeof body.title !== 'string') return invalidRequest('For \'properties/title\', is not a string.', docs);
  if (body.body !== undefined && body.body !== null && typeof body.body !== 'string') return invalidRequest('For \'properties/body\', is not a string.', docs);
  if (typeof body.body === 'string' && body.body.length > MAX_ISSUE_BODY) {
    return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_ISSUE_BODY} characters)` }], documentation_url: docs, status: '422' } };
  }
  if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') return invalidRequest('For \'properties/state\', is not one of open, closed.', docs);
  return undefined;
}

export const createIssue: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const refused = refuseIfArchived(repo, DOCS.create);
  if (refused) return refused;
  const body = asObject(call.body) ?? {};
  const bad = checkText(body, DOCS.create, true);
  if (bad) return bad;
  const created = call.state.world.addIssue(`${repo.owner}/${repo.name}`, {
    title: String(body.title),
    body: typeof body.body === 'string' ? body.body : '',
    author: call.viewer,
  });
  const rendered = render(call.state.world, call.apiBase, repo, created);
  return { status: 201, headers: { location: String(rendered.url) }, body: rendered };
};

export const updateIssue: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const found = repo.issues.get(Number(params.issue_number));
  // A pull request is an issue too, but the tool never edits one through this route.
  if (!found) return notFound(DOCS.update);
  const refused = refuseIfArchived(repo, DOCS.update);
  if (refused) return refused;
  if (found.author.toLowerCase() !== call.viewer.toLowerCase() && call.identity.kind === 'installation') {
    return forbidden('Resource not accessible by integration', DOCS.update);
  }
  const body = asObject(call.body) ?? {};
  const bad = checkText(body, DOCS.update, false);
  if (bad) return bad;
  const now = call.state.world.now();
  if (typeof body.title === 'string') found.title = body.title;
  if (typeof body.body === 'string') found.body = body.body;
  if (body.state === 'open') {
    found.state = 'OPEN';
    found.closedAt = null;
  } else if (body.state === 'closed' && found.state === 'OPEN') {
    found.state = 'CLOSED';
    found.closedAt = now;
  }
  found.updatedAt = now;
  return { status: 200, body: render(call.state.world, call.apiBase, repo, found) };
};
