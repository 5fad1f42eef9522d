// Issue and pull request comments: list, create, update.
import type { RestOutcome } from '../types.js';
import type { SimComment, SimPullRequest, SimRepository } from '../world.js';
import type { RouteHandler } from './context.js';
import { invalidRequest, notFound } from './errors.js';
import { asObject, findIssue, findRepo, isOutcome, prKey, refuseIfArchived } from './lookup.js';
import { paginate } from './paginate.js';
import { issueComment, repoUrl } from './render.js';

const DOCS = {
  create: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  update: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
};
/** GitHub's limit on a comment body. */
const MAX_BODY = 65_536;

function checkBody(body: unknown, docs: string): string | RestOutcome {
  const text = asObject(body)?.body;
  if (typeof text !== 'string') return invalidRequest('"body" wasn\'t supplied.', docs);
  if (text.length > MAX_BODY) return invalidRequest(`"body" is too long (maximum is ${MAX_BODY} characters).`, docs);
  return text;
}

export const listComments: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const pr = findIssue(repo, params.issue_number);
  if (isOutcome(pr)) return pr;
  const items = pr.comments.map((c) => issueComment(call.state.world, call.apiBase, repo, pr.number, c));
  return paginate(items, call.query, `${repoUrl(call.apiBase, repo)}/issues/${pr.number}/comments`);
};

export const createComment: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const pr = findIssue(repo, params.issue_number);
  if (isOutcome(pr)) return pr;
  const refused = refuseIfArchived(repo, DOCS.create);
  if (refused) return refused;
  const text = checkBody(call.body, DOCS.create);
  if (isOutcome(text)) return text;
  const world = call.state.world;
  const id = world.id();
  const now = world.now();
  const comment: SimComment = {
    id,
    nodeId: world.nodeId('IssueComment', id),
    body: text,
    user: call.viewer,
    createdAt: now,
    updatedAt: now,
  };
  pr.comments.push(comment);
  const rendered = issueComment(world, call.apiBase, repo, pr.number, comment);
  return { status: 201, headers: { location: String(rendered.url) }, body: rendered, pullRequest: prKey(repo, pr.number) };
};

function findComment(repo: SimRepository, id: string | undefined): { pr: SimPullRequest; comment: SimComment } | undefined {
  const n = Number(id);
  for (const pr of repo.pullRequests.values()) {
    const comment = pr.comments.find((c) => c.id === n);
    if (comment) return { pr, comment };
  }
  return undefined;
}

export const updateComment: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const found = findComment(repo, params.comment_id);
  if (!found) return notFound(DOCS.update);
  const refused = refuseIfArchived(repo, DOCS.update);
  if (refused) return refused;
  const text = checkBody(call.body, DOCS.update);
  if (isOutcome(text)) return text;
  found.comment.body = text;
  found.comment.updatedAt = call.state.world.now();
  return {
    status: 200,
    body: issueComment(call.state.world, call.apiBase, repo, found.pr.number, found.comment),
    pullRequest: prKey(repo, found.pr.number),
  };
};
