// GitHub Apps and their installations rendered as GitHub's REST JSON (the `integration`,
// `installation` and `installation-token` schemas of the OpenAPI description).
import type { PermissionSet } from '../auth/permissions.js';
import type { SimApp, SimInstallation, World } from '../world.js';
import { simpleUser } from './render.js';

const WEB = 'https://github.com';

export function integration(world: World, apiBase: string, app: SimApp): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: app.nodeId,
    client_id: app.clientId,
    owner: simpleUser(world, apiBase, app.owner),
    name: app.name,
    description: null,
    external_url: `https://example.org/${app.slug}`,
    html_url: `${WEB}/apps/${app.slug}`,
    created_at: app.createdAt.replace(/\.\d{3}Z$/, 'Z'),
    updated_at: app.createdAt.replace(/\.\d{3}Z$/, 'Z'),
    permissions: { ...app.permissions },
    events: [],
    installations_count: [...world.installations.values()].filter((i) => i.appId === app.id).length,
  };
}

export function installation(world: World, apiBase: string, inst: SimInstallation): Record<string, unknown> {
  const app = world.apps.get(inst.appId)!;
  const account = world.user(inst.account)!;
  const at = inst.createdAt.replace(/\.\d{3}Z$/, 'Z');
  return {
    id: inst.id,
    account: simpleUser(world, apiBase, account.login),
    repository_selection: inst.repositorySelection,
    access_tokens_url: `${apiBase}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${apiBase}/installation/repositories`,
    html_url: `${WEB}/${account.type === 'Organization' ? `organizations/${account.login}/` : ''}settings/installations/${inst.id}`,
    app_id: app.id,
    client_id: app.clientId,
    target_id: account.id,
    target_type: account.type === 'Organization' ? 'Organization' : 'User',
    permissions: { ...inst.permissions },
    events: [],
    created_at: at,
    updated_at: at,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    app_slug: app.slug,
    suspended_by: null,
    suspended_at: null,
    contact_email: null,
  };
}

export function installationToken(
  token: string,
  expiresAt: number,
  permissions: PermissionSet,
  selection: 'all' | 'selected',
  repositories: Record<string, unknown>[] | undefined,
): Record<string, unknown> {
  return {
    token,
    // GitHub's timestamps have whole seconds ("2016-07-11T22:14:10Z").
    expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    permissions,
    repository_selection: selection,
    ...(repositories ? { repositories } : {}),
  };
}
