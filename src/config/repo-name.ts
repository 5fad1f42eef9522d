// The shapes GitHub allows for owners, repository names and logins.

/**
 * 1-39 alphanumerics or hyphens, not starting with a hyphen. GitHub's rule for new accounts also
 * forbids a trailing hyphen and double hyphens, but older accounts have them; refusing a real
 * login would stop every sweep (the list fails closed), so the old accounts' shape is accepted.
 */
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

export function isOwner(s: string): boolean {
  return OWNER.test(s);
}

export function isRepoName(s: string): boolean {
  return REPO.test(s) && s !== '.' && s !== '..';
}

/** `owner/name`. */
export function isFullName(s: string): boolean {
  const [owner, name, ...rest] = s.split('/');
  return rest.length === 0 && owner !== undefined && name !== undefined && isOwner(owner) && isRepoName(name);
}

/** `owner/name` or `owner/*` (every repository of the owner). */
export function isRepoSelector(s: string): boolean {
  return isFullName(s) || (s.endsWith('/*') && isOwner(s.slice(0, -2)));
}

/** A GitHub login; apps act as `name[bot]`. */
export function isLogin(s: string): boolean {
  return OWNER.test(s.endsWith('[bot]') ? s.slice(0, -5) : s);
}
