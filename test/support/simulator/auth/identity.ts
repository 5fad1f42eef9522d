// Who a request is made as: the token in its Authorization header resolved to a classic or
// fine-grained personal token (an account and its access per repository), an installation token (an
// App acting as its bot `slug[bot]` on the repositories of one installation, until it expires), or an
// App's own JWT (part of ./jwt.ts).
import type { SimInstallation, SimRepository, World } from '../world.js';
import { type PermissionSet, type RepoAccess, asPermissions, intersect } from './permissions.js';

export interface UserIdentity {
  kind: 'classic' | 'fine-grained';
  login: string;
  /** Access per repository, keyed by lower-cased "owner/name". */
  repositories: Map<string, RepoAccess>;
  /** Access to every repository not listed. */
  otherRepositories: RepoAccess;
}

export interface InstallationIdentity {
  kind: 'installation';
  /** `slug[bot]`. */
  login: string;
  appId: number;
  appSlug: string;
  installationId: number;
  /** Epoch milliseconds; null for a token that never expires (a test's shortcut). */
  expiresAt: number | null;
  /** What the token asked for (never more than the installation grants); undefined: all it grants. */
  permissions?: PermissionSet;
  /** "owner/name" the token is limited to; undefined: every repository of the installation. */
  repositories?: string[];
}

/** A request signed with an App's JWT: only the `/app` routes take it. */
export interface AppIdentity {
  kind: 'app';
  appId: number;
  appSlug: string;
  login: string;
}

export type Identity = UserIdentity | InstallationIdentity | AppIdentity;

/** A personal token: a login alone (classic, access everywhere), or with its access per repository. */
export interface UserTokenSpec {
  login: string;
  /** Default classic. Fine-grained tokens and installations are refused with 403 and an X-Accepted-GitHub-Permissions header. */
  kind?: 'classic' | 'fine-grained';
  /** "owner/name" -> access; a role (`'read'`) or, for fine-grained tokens, permissions (`{ statuses: 'read' }`). */
  repositories?: Record<string, RepoAccess>;
  /** Access to repositories not listed; default `'write'` (the account can do everything). */
  otherRepositories?: RepoAccess;
}

/** An installation token given directly (tokens minted through the API are recorded the same way). */
export interface InstallationTokenSpec {
  installation: number;
  repositories?: string[];
  permissions?: PermissionSet;
  /** Default never. */
  expiresAt?: Date | string | number;
}

export type TokenSpec = string | UserTokenSpec | InstallationTokenSpec;

/** A stored credential: what a token resolves to, before expiry and the installation are checked. */
export type Credential = UserIdentity | Omit<InstallationIdentity, 'login' | 'appId' | 'appSlug'>;

export function credentialOf(spec: TokenSpec): Credential {
  if (typeof spec === 'string') return { kind: 'classic', login: spec, repositories: new Map(), otherRepositories: 'write' };
  if ('installation' in spec) {
    const expires = spec.expiresAt === undefined ? null : new Date(spec.expiresAt).getTime();
    return {
      kind: 'installation',
      installationId: spec.installation,
      expiresAt: expires,
      ...(spec.permissions ? { permissions: spec.permissions } : {}),
      ...(spec.repositories ? { repositories: spec.repositories } : {}),
    };
  }
  return {
    kind: spec.kind ?? 'classic',
    login: spec.login,
    repositories: new Map(Object.entries(spec.repositories ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    otherRepositories: spec.otherRepositories ?? 'write',
  };
}

export type Resolved = { ok: true; identity: Identity } | { ok: false; reason: 'unknown' | 'expired' };

/** Resolves a stored credential at `nowMs`: an installation token past its expiry, or of a removed installation, is refused. */
export function resolveCredential(world: World, credential: Credential, nowMs: number): Resolved {
  if (credential.kind !== 'installation') return { ok: true, identity: credential };
  if (credential.expiresAt !== null && credential.expiresAt <= nowMs) return { ok: false, reason: 'expired' };
  const installation = world.installations.get(credential.installationId);
  const app = installation ? world.apps.get(installation.appId) : undefined;
  if (!installation || !app) return { ok: false, reason: 'unknown' };
  return { ok: true, identity: { ...credential, login: app.botLogin, appId: app.id, appSlug: app.slug } };
}

/** A classic token of `login` with access everywhere: what the legacy `tokens: { token: login }` option gives. */
export function classicIdentity(login: string): UserIdentity {
  return { kind: 'classic', login, repositories: new Map(), otherRepositories: 'write' };
}

/** What an identity may do in a repository. */
export function repoAccess(world: World, identity: Identity, repo: SimRepository): RepoAccess {
  const full = `${repo.owner}/${repo.name}`.toLowerCase();
  if (identity.kind === 'app') return 'none';
  if (identity.kind === 'installation') {
    const installation: SimInstallation | undefined = world.installations.get(identity.installationId);
    if (!installation || !world.installationCovers(installation, repo)) return 'none';
    if (identity.repositories && !identity.repositories.some((r) => r.toLowerCase() === full)) return 'none';
    return { metadata: 'read', ...intersect(installation.permissions, identity.permissions) };
  }
  return identity.repositories.get(full) ?? identity.otherRepositories;
}

/** The permissions an identity holds in a repository (a role stands for every permission at its level). */
export function heldPermissions(world: World, identity: Identity, repo: SimRepository): PermissionSet {
  return asPermissions(repoAccess(world, identity, repo));
}

interface TokenTables {
  world: World;
  tokens: Map<string, string>;
  credentials: Map<string, Credential>;
}

/** What a bearer token stands for at `nowMs` (the simulated clock). */
export function resolveToken(state: TokenTables, token: string, nowMs: number): Resolved {
  const credential = state.credentials.get(token);
  if (credential) return resolveCredential(state.world, credential, nowMs);
  const login = state.tokens.get(token);
  return login ? { ok: true, identity: classicIdentity(login) } : { ok: false, reason: 'unknown' };
}
