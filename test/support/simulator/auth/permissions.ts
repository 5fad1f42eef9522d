// What a token may do in a repository, in GitHub's two vocabularies: a role for classic tokens
// (read or write access to the repository) and fine-grained permissions for fine-grained tokens and
// GitHub App installations (`issues=write`, `statuses=read`, ...).
//
// Sources: "Permissions required for GitHub Apps" / "... for fine-grained personal access tokens"
// (docs.github.com/rest/authentication); the X-Accepted-GitHub-Permissions header (changelog
// 2023-08-10: "All valid sets are included in the header, each set separated by a semicolon";
// "Troubleshooting the REST API": "a comma separated list of the permissions that are required").

/** The repository permissions the simulated routes need (GitHub's names). */
export const PERMISSIONS = ['metadata', 'contents', 'issues', 'pull_requests', 'statuses', 'checks'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Level = 'read' | 'write';
export type PermissionSet = Partial<Record<Permission, Level>>;

/**
 * A token's access to one repository: `'none'` (it cannot see it: GitHub answers 404), `'read'`,
 * `'write'`, or for fine-grained tokens and installations a permission set (`{ statuses: 'read' }`).
 */
export type RepoAccess = 'none' | Level | PermissionSet;

/** Every permission at one level. */
export function allAt(level: Level): PermissionSet {
  return Object.fromEntries(PERMISSIONS.map((p) => [p, level])) as PermissionSet;
}

/** The permission set an access stands for (a role gives every permission at its level). */
export function asPermissions(access: RepoAccess): PermissionSet {
  if (access === 'none') return {};
  if (access === 'read' || access === 'write') return allAt(access);
  // Any access to a repository includes reading its metadata, as GitHub grants it implicitly.
  return { metadata: 'read', ...access };
}

/** The role a classic token's account has: write when any permission is write. */
export function asRole(access: RepoAccess): 'none' | Level {
  if (typeof access === 'string') return access;
  return Object.values(access).includes('write') ? 'write' : Object.keys(access).length > 0 ? 'read' : 'none';
}

/** `'issues=write; pull_requests=write'` -> `[[{issues: write}], [{pull_requests: write}]]`: any one set suffices. */
export function parseAccepted(header: string): [Permission, Level][][] {
  return header
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((pair) => pair.trim())
        .filter((pair) => pair !== '')
        .map((pair) => {
          const [name, level] = pair.split('=');
          return [name as Permission, (level ?? 'read') as Level] as [Permission, Level];
        }),
    )
    .filter((set) => set.length > 0);
}

const rank = (level: Level | undefined): number => (level === 'write' ? 2 : level === 'read' ? 1 : 0);

/** Whether a permission set satisfies one of the accepted sets. */
export function satisfies(held: PermissionSet, accepted: string): boolean {
  return parseAccepted(accepted).some((set) => set.every(([name, level]) => rank(held[name]) >= rank(level)));
}

/** The permission sets an installation grants, limited to what a token asked for (a token cannot widen them). */
export function intersect(granted: PermissionSet, requested: PermissionSet | undefined): PermissionSet {
  if (!requested) return { ...granted };
  const out: PermissionSet = {};
  for (const [name, level] of Object.entries(requested) as [Permission, Level][]) {
    const has = granted[name];
    if (has) out[name] = rank(level) <= rank(has) ? level : has;
  }
  return out;
}

/** Whether `requested` asks for more than `granted` (GitHub refuses such a token request). */
export function exceeds(requested: PermissionSet, granted: PermissionSet): boolean {
  return (Object.entries(requested) as [Permission, Level][]).some(([name, level]) => rank(level) > rank(granted[name]));
}
