// Repository labels: list, create, read, update, delete. Names are case-insensitive, as on GitHub.
import type { RestOutcome } from '../types.js';
import type { SimRepository } from '../world.js';
import type { RestCall, RouteHandler } from './context.js';
import { invalidRequest, notFound, validationFailed } from './errors.js';
import { asObject, findRepo, isOutcome, refuseIfArchived } from './lookup.js';
import { paginate } from './paginate.js';
import { label, repoUrl } from './render.js';

const DOCS = {
  create: 'https://docs.github.com/rest/issues/labels#create-a-label',
  update: 'https://docs.github.com/rest/issues/labels#update-a-label',
  remove: 'https://docs.github.com/rest/issues/labels#delete-a-label',
  get: 'https://docs.github.com/rest/issues/labels#get-a-label',
};
/** GitHub's documented limits on label fields. */
const MAX_NAME = 50;
const MAX_DESCRIPTION = 100;
const COLOR = /^[0-9a-f]{6}$/i;

/** Checks the optional fields a create or an update may carry; undefined when they are acceptable. */
function checkFields(name: unknown, color: unknown, description: unknown, docs: string): RestOutcome | undefined {
  if (typeof name === 'string' && (name.trim() === '' || name.length > MAX_NAME)) {
    return validationFailed([{ resource: 'Label', code: 'invalid', field: 'name' }], docs);
  }
  if (color !== undefined && (typeof color !== 'string' || !COLOR.test(color.replace(/^#/, '')))) {
    return validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }], docs);
  }
  if (typeof description === 'string' && description.length > MAX_DESCRIPTION) {
    return validationFailed(
      [
        {
          resource: 'Label',
          code: 'custom',
          field: 'description',
          message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
        },
      ],
      docs,
    );
  }
  return undefined;
}

function alreadyExists(docs: string): RestOutcome {
  return validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }], docs);
}

/** Creates a label in the repository, as both `POST /labels` and adding an unknown label to an issue do. */
export function createLabelIn(call: RestCall, repo: SimRepository, name: string, color?: string, description?: string) {
  const created = call.state.world.addLabel(`${repo.owner}/${repo.name}`, name, {
    color: (color ?? 'ededed').replace(/^#/, ''),
    ...(description !== undefined ? { description } : {}),
  });
  return created;
}

export const listLabels: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const items = [...repo.labels.values()].map((l) => label(call.apiBase, repo, l));
  return paginate(items, call.query, `${repoUrl(call.apiBase, repo)}/labels`);
};

export const createLabel: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const refused = refuseIfArchived(repo, DOCS.create);
  if (refused) return refused;
  const body = asObject(call.body) ?? {};
  if (typeof body.name !== 'string') return invalidRequest('"name" wasn\'t supplied.', DOCS.create);
  const bad = checkFields(body.name, body.color, body.description, DOCS.create);
  if (bad) return bad;
  if (repo.labels.has(body.name.toLowerCase())) return alreadyExists(DOCS.create);
  const created = createLabelIn(
    call,
    repo,
    body.name,
    typeof body.color === 'string' ? body.color : undefined,
    typeof body.description === 'string' ? body.description : undefined,
  );
  const rendered = label(call.apiBase, repo, created);
  return { status: 201, headers: { location: String(rendered.url) }, body: rendered };
};

export const getLabel: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const found = repo.labels.get((params.name ?? '').toLowerCase());
  return found ? { status: 200, body: label(call.apiBase, repo, found) } : notFound(DOCS.get);
};

export const updateLabel: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const refused = refuseIfArchived(repo, DOCS.update);
  if (refused) return refused;
  const key = (params.name ?? '').toLowerCase();
  const found = repo.labels.get(key);
  if (!found) return notFound(DOCS.update);
  const body = asObject(call.body) ?? {};
  const bad = checkFields(body.new_name, body.color, body.description, DOCS.update);
  if (bad) return bad;
  if (typeof body.new_name === 'string' && body.new_name !== found.name) {
    const newKey = body.new_name.toLowerCase();
    if (newKey !== key && repo.labels.has(newKey)) return alreadyExists(DOCS.update);
    const oldName = found.name;
    found.name = body.new_name;
    repo.labels.delete(key);
    repo.labels.set(newKey, found);
    for (const pr of repo.pullRequests.values()) {
      pr.labels = pr.labels.map((n) => (n === oldName ? found.name : n));
    }
  }
  if (typeof body.color === 'string') found.color = body.color.replace(/^#/, '');
  if (typeof body.description === 'string') found.description = body.description;
  return { status: 200, body: label(call.apiBase, repo, found) };
};

export const deleteLabel: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const refused = refuseIfArchived(repo, DOCS.remove);
  if (refused) return refused;
  const key = (params.name ?? '').toLowerCase();
  const found = repo.labels.get(key);
  if (!found) return notFound(DOCS.remove);
  repo.labels.delete(key);
  for (const pr of repo.pullRequests.values()) pr.labels = pr.labels.filter((n) => n !== found.name);
  return { status: 204 };
};
