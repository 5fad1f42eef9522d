// GITHUB_API_URL checked when the environment is read: a value no request can succeed with is
// refused before any request, naming the variable, the value and what is expected.
import { EnvError } from './errors.js';
import { redactUrl } from './signatories/redact-url.js';

export const DEFAULT_API_URL = 'https://api.github.com';

const EXPECTED = 'expected the REST API base URL: https://api.github.com for github.com, https://HOST/api/v3 for GitHub Enterprise Server';

/**
 * Ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking); Node's fetch
 * (undici) refuses them with a "bad port" error that carries no code, so they are named here,
 * the same list as undici's `badPorts`.
 */
const BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115,
  117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587,
  601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669,
  6679, 6697, 10080,
]);

/**
 * GitHub's token prefixes (https://github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available;
 * github_pat_ for fine-grained tokens), and the 40 hexadecimal digits of the tokens from before them.
 */
const TOKEN_LIKE = /^(?:gh[pousr]_|github_pat_|[0-9a-f]{40}$)/i;
/** A value that is not a URL is shown only when it is this short: a longer one may be a secret pasted in the wrong place. */
const SHOWN_UP_TO = 32;

/** The REST base URL without a trailing slash; throws an EnvError naming GITHUB_API_URL. */
export function checkApiUrl(raw: string | undefined): string {
  const value = raw?.trim();
  if (!value) return DEFAULT_API_URL;
  const fail = (detail: string): never => {
    throw new EnvError('GITHUB_API_URL', detail);
  };
  if (TOKEN_LIKE.test(value)) fail(`holds what looks like a token, not a URL: the token belongs in GITHUB_TOKEN; ${EXPECTED}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`is ${value.length <= SHOWN_UP_TO ? JSON.stringify(value) : `a value of ${value.length} characters (not shown)`}, not a URL; ${EXPECTED}`);
  }
  // Credentials and query values could be secrets; anything else is shown as the user wrote it.
  const shown = url.username || url.password || url.search ? redactUrl(value) : value;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`is ${shown}: only https:// (or http://) URLs can be used; ${EXPECTED}`);
  if (url.username || url.password) fail(`is ${shown}: it must not hold credentials (the token belongs in GITHUB_TOKEN)`);
  if (url.search || url.hash) fail(`is ${shown}: a base URL has no query or fragment; ${EXPECTED}`);
  if (url.port && BLOCKED_PORTS.has(Number(url.port))) {
    fail(`is ${shown}: port ${url.port} is one that fetch refuses to connect to (the Fetch standard's blocked ports); use the port GitHub listens on`);
  }
  if (/^(?:www\.)?github\.com$/i.test(url.hostname)) fail(`is ${shown}, GitHub's website: github.com's API is at ${DEFAULT_API_URL}`);
  return value.replace(/\/+$/, '');
}
