// The GitHub App routes: the App's own (JWT) routes, minting installation tokens, finding the
// installation of a repository, organisation or user, and the routes an installation token uses.
//
// From the REST docs ("REST API endpoints for GitHub Apps"): the `/app...` and `.../installation`
// routes need a JWT; "Installation tokens expire one hour from the time you create them"; "The
// installation access token cannot be granted access to repositories that the installation was not
// granted access to" nor "permissions that the app was not granted" (422 "The permissions requested
// are not granted to this installation.", peter-murray/workflow-application-token-action#48).
// `GET /apps/{app_slug}`: "If the GitHub App you specify is private, you must authenticate with a
// personal access token or an installation access token".
import { randomBytes } from 'node:crypto';
import { credentialOf } from '../auth/identity.js';
import { type PermissionSet, exceeds, intersect } from '../auth/permissions.js';
import type { RestOutcome } from '../types.js';
import type { SimInstallation } from '../world.js';
import { installation, installationToken, integration } from './app-render.js';
import { forbiddenFor } from './access.js';
import type { RestCall, RouteHandler } from './context.js';
import { errorBody, notFound } from './errors.js';
import { asObject } from './lookup.js';
import { paginate } from './paginate.js';
import { fullRepository } from './render.js';

const DOCS = 'https://docs.github.com/rest/apps/apps';

/** The App a JWT-authenticated call is made as (the router lets only JWTs through to these routes). */
function callerApp(call: RestCall) {
  return call.identity.kind === 'app' ? call.state.world.apps.get(call.identity.appId) : undefined;
}

function ownInstallations(call: RestCall): SimInstallation[] {
  const app = callerApp(call);
  return [...call.state.world.installations.values()].filter((i) => i.appId === app?.id).sort((a, b) => a.id - b.id);
}

export const getAuthenticatedApp: RouteHandler = (call) => {
  const app = callerApp(call);
  return app ? { status: 200, body: integration(call.state.world, call.apiBase, app) } : notFound(DOCS);
};

export const getAppBySlug: RouteHandler = (call, params) => {
  const app = call.state.world.app(params.app_slug ?? '');
  return app && app.slug.toLowerCase() === (params.app_slug ?? '').toLowerCase()
    ? { status: 200, body: integration(call.state.world, call.apiBase, app) }
    : notFound(`${DOCS}#get-an-app`);
};

export const listAppInstallations: RouteHandler = (call) =>
  paginate(
    ownInstallations(call).map((i) => installation(call.state.world, call.apiBase, i)),
    call.query,
    `${call.apiBase}/app/installations`,
  );

function findOwn(call: RestCall, id: string | undefined): SimInstallation | undefined {
  return ownInstallations(call).find((i) => String(i.id) === id);
}

export const getAppInstallation: RouteHandler = (call, params) => {
  const found = findOwn(call, params.installation_id);
  return found
    ? { status: 200, body: installation(call.state.world, call.apiBase, found) }
    : notFound(`${DOCS}#get-an-installation-for-the-authenticated-app`);
};

/** `GET /repos/{owner}/{repo}/installation`: the caller's installation covering the repository. */
export const getRepoInstallation: RouteHandler = (call, params) => {
  const repo = call.state.world.repo(`${params.owner}/${params.repo}`);
  const found = repo && ownInstallations(call).find((i) => call.state.world.installationCovers(i, repo));
  return found
    ? { status: 200, body: installation(call.state.world, call.apiBase, found) }
    : notFound(`${DOCS}#get-a-repository-installation-for-the-authenticated-app`);
};

/** `GET /orgs/{org}/installation` and `GET /users/{username}/installation`: the caller's installation on the account. */
export function accountInstallation(kind: 'org' | 'user'): RouteHandler {
  return (call, params) => {
    const login = (kind === 'org' ? params.org : params.username) ?? '';
    const account = call.state.world.user(login);
    const found =
      account && (kind === 'user' || account.type === 'Organization')
        ? ownInstallations(call).find((i) => i.account.toLowerCase() === login.toLowerCase())
        : undefined;
    const docs = `${DOCS}#get-${kind === 'org' ? 'an-organization' : 'a-user'}-installation-for-the-authenticated-app`;
    return found ? { status: 200, body: installation(call.state.world, call.apiBase, found) } : notFound(docs);
  };
}

function unprocessable(message: string): RestOutcome {
  return { status: 422, body: errorBody(422, message, `${DOCS}#create-an-installation-access-token-for-an-app`) };
}

/** `POST /app/installations/{installation_id}/access_tokens`: a token for the installation, narrowed as asked. */
export const createInstallationToken: RouteHandler = (call, params) => {
  const found = findOwn(call, params.installation_id);
  if (!found) return notFound(`${DOCS}#create-an-installation-access-token-for-an-app`);
  const world = call.state.world;
  const body = asObject(call.body) ?? {};
  const requested = asObject(body.permissions) as PermissionSet | undefined;
  if (requested && exceeds(requested, found.permissions)) {
    return unprocessable('The permissions requested are not granted to this installation.');
  }
  const names = Array.isArray(body.repositories) ? body.repositories.map(String) : undefined;
  const ids = Array.isArray(body.repository_ids) ? body.repository_ids.map(Number) : undefined;
  let repositories: string[] | undefined;
  if (names || ids) {
    const covered = world.reposOf(found.account).filter((r) => world.installationCovers(found, r));
    const picked = covered.filter(
      (r) => names?.some((n) => n.toLowerCase() === r.name.toLowerCase()) || ids?.includes(r.id),
    );
    if (picked.length !== (names?.length ?? 0) + (ids?.length ?? 0)) {
      // Wording as clients report it; the docs only say such a token cannot be granted.
      return unprocessable('There is at least one repository that does not exist or is not accessible to the parent installation.');
    }
    repositories = picked.map((r) => `${r.owner}/${r.name}`);
  }
  const token = `ghs_${randomBytes(27).toString('base64url').slice(0, 36)}`;
  const expiresAt = Date.now() + call.state.clockOffsetMs + call.state.installationTokenSeconds * 1000;
  call.state.credentials.set(
    token,
    credentialOf({
      installation: found.id,
      expiresAt,
      ...(requested ? { permissions: requested } : {}),
      ...(repositories ? { repositories } : {}),
    }),
  );
  const rendered = repositories?.map((full) => fullRepository(world, call.apiBase, world.repo(full)!));
  const selection = repositories ? 'selected' : found.repositorySelection;
  return {
    status: 201,
    body: installationToken(token, expiresAt, intersect(found.permissions, requested), selection, rendered),
  };
};

/** `GET /installation/repositories`: what an installation token can reach. */
export const listInstallationRepositories: RouteHandler = (call) => {
  const identity = call.identity;
  // The docs list 401 and 403 for other tokens; the simulator answers 403 as for any refused integration route.
  if (identity.kind !== 'installation') return forbiddenFor(identity, `${DOCS.replace('/apps/apps', '/apps/installations')}#list-repositories-accessible-to-the-app-installation`);
  const world = call.state.world;
  const inst = world.installations.get(identity.installationId)!;
  const repos = [...world.repos.values()]
    .filter((r) => world.installationCovers(inst, r))
    .filter((r) => !identity.repositories || identity.repositories.some((n) => n.toLowerCase() === `${r.owner}/${r.name}`.toLowerCase()))
    .sort((a, b) => a.id - b.id);
  const page = paginate(
    repos.map((r) => fullRepository(world, call.apiBase, r)),
    call.query,
    `${call.apiBase}/installation/repositories`,
  );
  return {
    ...page,
    body: {
      total_count: repos.length,
      repositories: page.body,
      repository_selection: identity.repositories ? 'selected' : inst.repositorySelection,
    },
  };
};
