// What `explain` accepts: OWNER/REPO#N, or a pull request's URL pasted from the browser
// (https://github.com/OWNER/REPO/pull/N, or the same path on a GitHub Enterprise Server host).
import { isFullName } from '../config/repo-name.js';
import { ConfigError } from '../errors.js';

export interface PullRequestRef {
  repo: string;
  number: number;
}

const SHORT = /^([^\s#]+)#(\d+)$/;
/** The pull request's page or any tab of it (/files, /commits, #discussion_r1, ?w=1). */
const PATH = /^\/([^/]+)\/([^/]+)\/pull\/(\d+)(?:\/[^?#]*)?$/;

const EXPECTED = 'expected OWNER/REPO#NUMBER or a pull request URL such as https://github.com/OWNER/REPO/pull/NUMBER';

/** The web host of the GitHub whose API is `apiUrl`: api.github.com → github.com, HOST/api/v3 → HOST. */
export function webHostOf(apiUrl: string): string {
  const url = new URL(apiUrl);
  return url.host.toLowerCase().replace(/^api\./, '');
}

export function parsePullRequestRef(ref: string, apiUrl: string): PullRequestRef {
  const text = ref.trim();
  const fail = (detail: string): never => {
    throw new ConfigError('command line', 'explain', detail);
  };
  const short = SHORT.exec(text);
  if (short && isFullName(short[1]!)) return { repo: short[1]!, number: Number(short[2]) };
  if (!/^https?:\/\//i.test(text)) return fail(`"${ref}" is not a pull request: ${EXPECTED}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`"${ref}" is not a URL: ${EXPECTED}`);
  }
  const path = PATH.exec(url.pathname);
  if (!path || !isFullName(`${path[1]}/${path[2]}`)) return fail(`${url.origin}${url.pathname} is not a pull request's page: ${EXPECTED}`);
  // A URL of another GitHub than GITHUB_API_URL's would be looked up in the wrong place.
  const host = webHostOf(apiUrl);
  if (url.host.toLowerCase() !== host) {
    return fail(
      `${text} is on ${url.host}, but GITHUB_API_URL (${apiUrl}) is the API of ${host}: set GITHUB_API_URL to that GitHub's API (https://api.github.com for github.com, https://HOST/api/v3 for GitHub Enterprise Server)`,
    );
  }
  return { repo: `${path[1]}/${path[2]}`, number: Number(path[3]) };
}
