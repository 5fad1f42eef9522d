// Check runs: create, update, read one, list a commit's.
//
// From the REST docs ("REST API endpoints for check runs"): only GitHub Apps create them ("You must
// use a GitHub App"); a token of anything else gets 403 "You must authenticate via a GitHub App."
// (EnricoMi/publish-unit-test-result-action#53, actions/github-script#118 quote it). Only the App that
// created a run may change it: 403 "Invalid app_id `15368` - check run can only be modified by the
// GitHub App that created it." (databricks/cli#4563, OP5dev/TF-via-PR#538; the id is the creator's).
// "Providing `conclusion` will automatically set the `status` parameter to `completed`"; `summary` and
// `text` take at most 65535 characters. The list of a ref's runs filters by `check_name`, `status`,
// `app_id` and `filter` (`latest`, the default, or `all`).
import type { RestOutcome } from '../types.js';
import type { CheckConclusion, CheckStatus, SimCheckRun, SimRepository } from '../world.js';
import { checkRun } from './check-render.js';
import type { RestCall, RouteHandler } from './context.js';
import { errorBody, invalidRequest, notFound } from './errors.js';
import { asObject, findRepo, isOutcome, prKey, refuseIfArchived } from './lookup.js';
import { repoUrl } from './render.js';

const DOCS = 'https://docs.github.com/rest/checks/runs';
const STATUSES: readonly CheckStatus[] = ['queued', 'in_progress', 'completed'];
const CONCLUSIONS: readonly CheckConclusion[] = [
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out',
];
const MAX_TEXT = 65_535;

export const APP_ONLY = 'You must authenticate via a GitHub App.';

/** The refusal of a token that is not an installation's (the router checks it before any permission). */
export function appOnly(call: RestCall, docs: string): RestOutcome | undefined {
  return call.identity.kind === 'installation' ? undefined : { status: 403, body: errorBody(403, APP_ONLY, docs) };
}

function pullRequestWithHead(repo: SimRepository, sha: string): string | undefined {
  for (const pr of repo.pullRequests.values()) {
    if (pr.state === 'OPEN' && pr.commits[pr.commits.length - 1] === sha) return prKey(repo, pr.number);
  }
  return undefined;
}

type Fields = {
  name?: string;
  detailsUrl?: string;
  externalId?: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion;
  output?: Partial<SimCheckRun['output']>;
};

/** The fields of a create or update body, or GitHub's 422 for one it refuses. */
function readFields(body: Record<string, unknown>, docs: string): Fields | RestOutcome {
  const out: Fields = {};
  if (body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name === '') return invalidRequest('"name" wasn\'t supplied.', docs);
    out.name = body.name;
  }
  if (typeof body.details_url === 'string') out.detailsUrl = body.details_url;
  if (typeof body.external_id === 'string') out.externalId = body.external_id;
  if (body.status !== undefined) {
    if (!STATUSES.includes(body.status as CheckStatus)) return invalidRequest('"status" is not a permitted value.', docs);
    out.status = body.status as CheckStatus;
  }
  if (body.conclusion !== undefined) {
    if (!CONCLUSIONS.includes(body.conclusion as CheckConclusion)) return invalidRequest('"conclusion" is not a permitted value.', docs);
    out.conclusion = body.conclusion as CheckConclusion;
  }
  // "Required if you provide `completed_at` or a `status` of `completed`" (the schema's description).
  if ((out.status === 'completed' || body.completed_at !== undefined) && !out.conclusion) {
    return invalidRequest('"conclusion" wasn\'t supplied.', docs);
  }
  const output = asObject(body.output);
  if (body.output !== undefined) {
    if (!output || typeof output.summary !== 'string') return invalidRequest('"summary" wasn\'t supplied.', docs);
    for (const key of ['summary', 'text'] as const) {
      const value = output[key];
      if (typeof value === 'string' && value.length > MAX_TEXT) {
        return invalidRequest(`"${key}" is too long (maximum is ${MAX_TEXT} characters).`, docs);
      }
    }
    out.output = {
      summary: output.summary,
      ...(typeof output.title === 'string' ? { title: output.title } : {}),
      ...(typeof output.text === 'string' ? { text: output.text } : {}),
    };
  }
  return out;
}

export const createCheckRun: RouteHandler = (call, params) => {
  const docs = `${DOCS}#create-a-check-run`;
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const refused = refuseIfArchived(repo, docs);
  if (refused) return refused;
  const body = asObject(call.body) ?? {};
  if (typeof body.name !== 'string') return invalidRequest('"name" wasn\'t supplied.', docs);
  if (typeof body.head_sha !== 'string') return invalidRequest('"head_sha" wasn\'t supplied.', docs);
  const fields = readFields(body, docs);
  if (isOutcome(fields)) return fields;
  const sha = body.head_sha.toLowerCase();
  if (!call.state.world.commits.has(sha)) {
    return { status: 422, body: errorBody(422, `No commit found for SHA: ${body.head_sha}`, docs) };
  }
  const identity = call.identity as Extract<typeof call.identity, { kind: 'installation' }>;
  const run = call.state.world.addCheckRun(`${repo.owner}/${repo.name}`, sha, {
    app: identity.appId,
    name: body.name,
    ...(fields.status ? { status: fields.status } : {}),
    ...(fields.conclusion ? { conclusion: fields.conclusion } : {}),
    ...(fields.detailsUrl !== undefined ? { detailsUrl: fields.detailsUrl } : {}),
    ...(fields.externalId !== undefined ? { externalId: fields.externalId } : {}),
    ...(fields.output ? { output: fields.output } : {}),
  });
  const rendered = checkRun(call.state.world, call.apiBase, repo, run);
  return { status: 201, headers: { location: String(rendered.url) }, body: rendered, pullRequest: pullRequestWithHead(repo, sha) };
};

function findRun(repo: SimRepository, id: string | undefined): SimCheckRun | undefined {
  return repo.checkRuns.find((r) => String(r.id) === id);
}

export const updateCheckRun: RouteHandler = (call, params) => {
  const docs = `${DOCS}#update-a-check-run`;
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const refused = refuseIfArchived(repo, docs);
  if (refused) return refused;
  const run = findRun(repo, params.check_run_id);
  if (!run) return notFound(docs);
  const identity = call.identity as Extract<typeof call.identity, { kind: 'installation' }>;
  if (run.appId !== identity.appId) {
    const message = `Invalid app_id \`${run.appId}\` - check run can only be modified by the GitHub App that created it.`;
    return { status: 403, body: errorBody(403, message, docs) };
  }
  const fields = readFields(asObject(call.body) ?? {}, docs);
  if (isOutcome(fields)) return fields;
  const updated = call.state.world.updateCheckRun(`${repo.owner}/${repo.name}`, run.id, fields);
  return {
    status: 200,
    body: checkRun(call.state.world, call.apiBase, repo, updated),
    pullRequest: pullRequestWithHead(repo, run.headSha),
  };
};

export const getCheckRun: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const run = findRun(repo, params.check_run_id);
  return run ? { status: 200, body: checkRun(call.state.world, call.apiBase, repo, run) } : notFound(`${DOCS}#get-a-check-run`);
};

/** The newest run of each name per App ("latest": "returns the most recent check runs"). */
function latestOnly(runs: SimCheckRun[]): SimCheckRun[] {
  const seen = new Map<string, SimCheckRun>();
  for (const run of runs) seen.set(`${run.appId}\u0000${run.name}`, run);
  return [...seen.values()];
}

export const listCheckRunsForRef: RouteHandler = (call, params) => {
  const docs = `${DOCS}#list-check-runs-for-a-git-reference`;
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const ref = params.ref ?? '';
  const sha = resolveSha(call, repo, ref);
  if (!sha) return { status: 422, body: errorBody(422, `No commit found for SHA: ${ref}`, docs) };
  const q = call.query;
  const all = repo.checkRuns.filter((r) => r.headSha === sha);
  const runs = (q.get('filter') === 'all' ? all : latestOnly(all))
    .filter((r) => !q.get('check_name') || r.name === q.get('check_name'))
    .filter((r) => !q.get('status') || r.status === q.get('status'))
    .filter((r) => !q.get('app_id') || String(r.appId) === q.get('app_id'))
    .reverse();
  const perPage = Math.min(100, Math.max(1, Number.parseInt(q.get('per_page') ?? '30', 10) || 30));
  const page = Math.max(1, Number.parseInt(q.get('page') ?? '1', 10) || 1);
  const items = runs.slice((page - 1) * perPage, page * perPage).map((r) => checkRun(call.state.world, call.apiBase, repo, r));
  const last = Math.max(1, Math.ceil(runs.length / perPage));
  const link = page < last ? `<${repoUrl(call.apiBase, repo)}/commits/${ref}/check-runs?per_page=${perPage}&page=${page + 1}>; rel="next"` : undefined;
  return { status: 200, ...(link ? { headers: { link } } : {}), body: { total_count: runs.length, check_runs: items } };
};

/** A SHA the world knows, or a branch: a pull request's head branch or a branch the world pushed (merge queues). */
function resolveSha(call: RestCall, repo: SimRepository, ref: string): string | undefined {
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
