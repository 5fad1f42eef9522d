// Tells a GITHUB_API_URL that can never work (nothing listens, the name does not resolve, the
// certificate is refused, what answers is not GitHub's API) from trouble worth retrying, by the
// error's code and the answer's content type, never by message text.
import { RequestError } from '@octokit/request-error';
import { GitHubUnreachableError } from '../errors.js';

/** Node's codes for a connection nobody will accept and a host name that does not resolve. */
const REFUSED = new Set(['ECONNREFUSED']);
const NO_SUCH_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
/**
 * getaddrinfo's "temporary failure in name resolution": the resolver could not get an answer this
 * time (RFC 3493 and glibc's getaddrinfo(3): "try again later"), as a cluster's DNS does for a
 * moment while it restarts. Retried like any request that got no answer; only when every retry
 * failed the same way is the name taken as one that does not resolve.
 */
const TRY_AGAIN = 'EAI_AGAIN';
/** OpenSSL's verification codes as Node reports them, and Node's own host-name mismatch. */
const CERTIFICATE = /^(?:ERR_TLS_CERT_ALTNAME_INVALID|CERT_[A-Z_]+|[A-Z_]*SELF_SIGNED[A-Z_]*|UNABLE_TO_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT)$/;

const WHAT_TO_SET = 'GITHUB_API_URL should be https://api.github.com for github.com, or https://HOST/api/v3 for GitHub Enterprise Server';

/**
 * The network-level reason a request got no answer, when it got none: @octokit/request turns a
 * failed fetch into a RequestError with status 500 and no response, the fetch error as its cause,
 * and undici puts the socket's error (with its `code`) as that error's cause.
 */
export function transportFailure(error: unknown): { code: string | null; message: string } | null {
  if (!(error instanceof RequestError) || error.response !== undefined) return null;
  let cause: unknown = (error as { cause?: unknown }).cause;
  for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code ?? (cause as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
    if (typeof code === 'string') return { code, message: cause.message };
    const next: unknown = (cause as { cause?: unknown }).cause;
    if (!(next instanceof Error)) return { code: null, message: cause.message };
    cause = next;
  }
  return null;
}

/**
 * A GitHubUnreachableError when `error` shows GITHUB_API_URL cannot work; null otherwise.
 * `retriesLeft`: whether the request will be sent again if this error is handed on.
 */
export function unreachable(error: unknown, apiUrl: string, retriesLeft = false): GitHubUnreachableError | null {
  const failure = transportFailure(error);
  if (failure?.code === TRY_AGAIN && retriesLeft) return null;
  // Checked by readEnv: it holds no credentials or query.
  const shown = apiUrl;
  if (failure?.code) {
    const { hostname, port, protocol } = new URL(apiUrl);
    const address = `${hostname}:${port || (protocol === 'https:' ? '443' : '80')}`;
    if (REFUSED.has(failure.code)) {
      return new GitHubUnreachableError(
        `GitHub cannot be reached at GITHUB_API_URL=${shown}: nothing accepts connections on ${address} (connection refused, ${failure.code}); check the host and port in GITHUB_API_URL and that the server is up (${WHAT_TO_SET})`,
      );
    }
    if (NO_SUCH_HOST.has(failure.code)) {
      return new GitHubUnreachableError(
        `GitHub cannot be reached at GITHUB_API_URL=${shown}: the host name ${hostname} does not resolve (${failure.code}); check the host name in GITHUB_API_URL and this machine's DNS (${WHAT_TO_SET})`,
      );
    }
    if (CERTIFICATE.test(failure.code)) {
      return new GitHubUnreachableError(
        `GitHub cannot be reached at GITHUB_API_URL=${shown}: the TLS certificate of ${hostname} was not accepted (${failure.code}); if your GitHub Enterprise Server uses its own certificate authority, point NODE_EXTRA_CA_CERTS at that authority's PEM file`,
      );
    }
    return null;
  }
  if (error instanceof RequestError && error.response) {
    const { status, headers } = error.response;
    // A 4xx that is not GitHub's JSON is a web server, not an API; 5xx is retried (GitHub's own
    // outage pages are HTML) and 429 is a rate limit, whatever its body.
    if (status >= 400 && status < 500 && status !== 429 && !isJson(headers['content-type'])) {
      return notGitHub(shown, error.request.method, error.request.url, status, headers['content-type']);
    }
  }
  return null;
}

/** An answer with data that is not JSON: whatever sent it is not GitHub's API. */
export function notJsonAnswer(
  apiUrl: string,
  response: { status: number; headers: Record<string, unknown> },
  request: { method: string; url: string },
): GitHubUnreachableError | null {
  if (response.status === 204 || response.status === 205 || request.method === 'HEAD') return null;
  if (isJson(response.headers['content-type'])) return null;
  return notGitHub(apiUrl, request.method, request.url, response.status, response.headers['content-type']);
}

/**
 * A 200 to a GraphQL request whose JSON has neither `data` nor `errors`: every GraphQL answer has
 * one or both (GraphQL specification, "Response Format"), so what sent it is some other JSON
 * service, and no read could use its answer.
 */
export function notGraphqlAnswer(apiUrl: string, body: unknown, request: { method: string; url: string }): GitHubUnreachableError | null {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && ('data' in body || 'errors' in body)) return null;
  return new GitHubUnreachableError(
    `GITHUB_API_URL=${apiUrl} does not answer like GitHub's API: ${request.method} ${request.url.replace(/[?#].*$/, '')} got JSON that is not a GraphQL answer (neither "data" nor "errors"); check GITHUB_API_URL (${WHAT_TO_SET})`,
  );
}

function notGitHub(shown: string, method: string, url: string, status: number, contentType: unknown): GitHubUnreachableError {
  const type = typeof contentType === 'string' && contentType ? contentType.split(';')[0]!.trim() : 'no content type';
  return new GitHubUnreachableError(
    `GITHUB_API_URL=${shown} does not answer like GitHub's API: ${method} ${url.replace(/[?#].*$/, '')} got ${status} with ${type}, not GitHub's JSON; check GITHUB_API_URL (${WHAT_TO_SET})`,
  );
}

/** GitHub's REST and GraphQL answers are JSON (`application/json`, or a `+json` media type). */
export function isJson(contentType: unknown): boolean {
  if (typeof contentType !== 'string') return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
