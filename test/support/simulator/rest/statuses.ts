// Commit statuses: create one, list them, and the combined status of a ref.
import type { RestOutcome } from '../types.js';
import type { SimRepository, SimStatus } from '../world.js';
import type { RestCall, RouteHandler } from './context.js';
import { errorBody, validationFailed } from './errors.js';
import { asObject, findRepo, isOutcome, prKey, refuseIfArchived } from './lookup.js';
import { paginate } from './paginate.js';
import { minimalRepository, repoUrl, simpleCommitStatus, status } from './render.js';

const CREATE_DOCS = 'https://docs.github.com/rest/commits/statuses#create-a-commit-status';
const STATES: readonly SimStatus['state'][] = ['error', 'failure', 'pending', 'success'];
/** GitHub's documented limit on a status description. */
const MAX_DESCRIPTION = 140;

function noCommit(ref: string, documentationUrl: string): RestOutcome {
  return { status: 422, body: errorBody(422, `No commit found for SHA: ${ref}`, documentationUrl) };
}

/** A full SHA the world knows, a branch the world pushed (merge groups), or the head branch of an open pull request. */
function resolveRef(call: RestCall, repo: SimRepository, ref: string): string | undefined {
  const lower = ref.toLowerCase();
  if (call.state.world.commits.has(lower)) return lower;
  const branch = ref.replace(/^refs\/heads\//, '');
  const pushed = repo.branches.get(branch);
  if (pushed) return pushed;
  for (const pr of repo.pullRequests.values()) {
    if (pr.headRefName === branch && pr.state === 'OPEN') return pr.commits[pr.commits.length - 1];
  }
  return undefined;
}

/** The open pull request of this repository whose head is `sha`, to attribute a status write to. */
function pullRequestWithHead(repo: SimRepository, sha: string): string | undefined {
  for (const pr of repo.pullRequests.values()) {
    if (pr.state === 'OPEN' && pr.commits[pr.commits.length - 1] === sha) return prKey(repo, pr.number);
  }
  return undefined;
}

export const createStatus: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const refused = refuseIfArchived(repo, CREATE_DOCS);
  if (refused) return refused;
  const body = asObject(call.body) ?? {};
  const state = body.state;
  if (typeof state !== 'string' || !STATES.includes(state as SimStatus['state'])) {
    return validationFailed(
      [{ resource: 'Status', code: 'custom', field: 'state', message: 'state is not included in the list' }],
      CREATE_DOCS,
    );
  }
  const description = body.description;
  if (typeof description === 'string' && description.length > MAX_DESCRIPTION) {
    return validationFailed(
      [
        {
          resource: 'Status',
          code: 'custom',
          field: 'description',
          message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
        },
      ],
      CREATE_DOCS,
    );
  }
  const sha = (params.sha ?? '').toLowerCase();
  if (!call.state.world.commits.has(sha)) return noCommit(params.sha ?? '', CREATE_DOCS);
  const created = call.state.world.addStatus(`${repo.owner}/${repo.name}`, sha, {
    state: state as SimStatus['state'],
    context: typeof body.context === 'string' && body.context !== '' ? body.context : 'default',
    description: typeof description === 'string' ? description : null,
    targetUrl: typeof body.target_url === 'string' ? body.target_url : null,
    creator: call.viewer,
  });
  return {
    status: 201,
    headers: { location: `${repoUrl(call.apiBase, repo)}/statuses/${sha}` },
    body: status(call.state.world, call.apiBase, repo, sha, created),
    pullRequest: pullRequestWithHead(repo, sha),
  };
};

export const listStatuses: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const ref = params.ref ?? '';
  const sha = resolveRef(call, repo, ref);
  if (!sha) return noCommit(ref, 'https://docs.github.com/rest/commits/statuses#list-commit-statuses-for-a-reference');
  const all = [...(repo.statuses.get(sha) ?? [])].reverse();
  const items = all.map((s) => status(call.state.world, call.apiBase, repo, sha, s));
  return paginate(items, call.query, `${repoUrl(call.apiBase, repo)}/commits/${ref}/statuses`);
};

function combinedState(statuses: SimStatus[]): SimStatus['state'] {
  if (statuses.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure';
  if (statuses.length === 0 || statuses.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

export const combinedStatus: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const ref = params.ref ?? '';
  const sha = resolveRef(call, repo, ref);
  if (!sha) {
    return noCommit(ref, 'https://docs.github.com/rest/commits/statuses#get-the-combined-status-for-a-specific-reference');
  }
  const latest = call.state.world.latestStatuses(`${repo.owner}/${repo.name}`, sha);
  const url = repoUrl(call.apiBase, repo);
  return {
    status: 200,
    body: {
      state: combinedState(latest),
      statuses: latest.map((s) => simpleCommitStatus(call.state.world, call.apiBase, repo, sha, s)),
      sha,
      total_count: latest.length,
      repository: minimalRepository(call.state.world, call.apiBase, repo),
      commit_url: `${url}/commits/${sha}`,
      url: `${url}/commits/${sha}/status`,
    },
  };
};
