// Which GitHub a GITHUB_API_URL names, and what follows from it.
import { GITHUB_NO_REPLY_DOMAIN } from '../checks/identities.js';

/**
 * The domain of the no-reply commit addresses: `users.noreply.github.com` on github.com, and
 * `users.noreply.HOST` on GitHub Enterprise Server, whose API is at `https://HOST/api/v3`
 * (https://docs.github.com/en/enterprise-server@latest/rest/quickstart, "users.noreply.HOST" in
 * https://docs.github.com/en/enterprise-server@latest/account-and-profile/setting-up-and-managing-your-personal-account-on-github/managing-email-preferences/setting-your-commit-email-address).
 * An API host named `api.HOST` other than api.github.com (GHE.com) stands for HOST. Any other URL
 * (a proxy, the bundled simulator) is taken for github.com.
 */
export function noReplyDomain(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return GITHUB_NO_REPLY_DOMAIN;
  }
  const host = url.hostname.toLowerCase();
  if (/\/api\/v3\/?$/.test(url.pathname)) return `users.noreply.${host}`;
  if (host.startsWith('api.') && host !== 'api.github.com') return `users.noreply.${host.slice(4)}`;
  return GITHUB_NO_REPLY_DOMAIN;
}

/**
 * Where people open pull requests: `https://github.com`, or `https://HOST` for GitHub Enterprise
 * Server (API at `https://HOST/api/v3`) and for an `api.HOST` API other than api.github.com
 * (GHE.com). Any other URL (a proxy, the bundled simulator) is taken for github.com, as above.
 */
export function webUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return 'https://github.com';
  }
  const host = url.host.toLowerCase();
  if (/\/api\/v3\/?$/.test(url.pathname)) return `${url.protocol}//${host}`;
  if (host.startsWith('api.') && host !== 'api.github.com') return `${url.protocol}//${host.slice(4)}`;
  return 'https://github.com';
}
