// Which permission a refused write needs, in the words of GitHub's settings pages, and where a
// maintainer grants it.
import type { WriteKind } from '../reconcile/model.js';
import type { Headers } from './errors.js';

/** GitHub's permission keys as its settings pages name them. */
const NAMES: Record<string, string> = {
  statuses: 'Commit statuses',
  issues: 'Issues',
  pull_requests: 'Pull requests',
  contents: 'Contents',
  metadata: 'Metadata',
  checks: 'Checks',
};

/**
 * The permission sets GitHub names in `X-Accepted-GitHub-Permissions`, sent to fine-grained tokens
 * and Apps: "All valid sets are included in the header, each set separated by a semicolon (;)"
 * (github.blog changelog 2023-08-10); within a set, permissions are separated by commas. E.g.
 * `issues=write; pull_requests=write` → "Issues: write or Pull requests: write".
 */
export function acceptedPermissions(headers: Headers): string | undefined {
  const raw = headers['x-accepted-github-permissions'];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const sets = raw
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .map((p) => {
          const [key = '', level = ''] = p.split('=');
          return `${NAMES[key] ?? key}: ${level}`;
        })
        .join(' and '),
    )
    .filter((s) => s !== '');
  return sets.length > 0 ? sets.join(' or ') : undefined;
}

/**
 * What a write needs when GitHub does not say (a classic token gets no such header, and a status
 * write it may not make answers 404): the permissions GitHub's REST reference lists for the
 * endpoint ("Create a commit status": Commit statuses write; labels: Issues or Pull requests write;
 * issues: Issues write; check runs: Checks write).
 */
export function endpointPermission(kind: WriteKind): string {
  if (kind === 'set-status') return 'Commit statuses: write';
  if (kind === 'set-check-run') return 'Checks: write';
  return kind === 'create-issue' || kind === 'update-issue' ? 'Issues: write' : 'Issues: write or Pull requests: write';
}

/** Where the permission is granted, for each kind of token. */
export const GRANT_HINT =
  'grant it in the fine-grained token\'s settings (Repository permissions) or the GitHub App\'s settings (Permissions, then accept them on the installation); a classic token needs the "repo" scope ("public_repo" for public repositories) and an account with write access to the repository';
