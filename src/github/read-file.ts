// Reads a file of a repository through the contents API (a signatories list kept on GitHub), with
// a conditional request when the file was read before: an unchanged file answers 304, which "does
// not count against your primary rate limit" when the request is authorized
// (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
// ETags are per token (an App's renewed token reads the file once more) and per Accept header
// (kept constant here).
import { RequestError } from '@octokit/request-error';
import { GitHubError } from '../errors.js';
import type { GitHubClient } from './client.js';
import { toGitHubError } from './errors.js';
import { splitRepo } from './shapes.js';
import type { RestStats } from './writer.js';

export interface FileRead {
  text: string;
  /** The ETag GitHub sent, to ask "changed since?" next time. */
  etag: string | null;
  /** GitHub answered 304: `text` is the copy read before. */
  unchanged: boolean;
}

export async function readRepoFile(
  client: GitHubClient,
  stats: RestStats,
  repo: string,
  path: string,
  ref: string | null,
  known: { etag: string; text: string } | null = null,
): Promise<FileRead> {
  stats.reads += 1;
  const [owner, name] = splitRepo(repo);
  try {
    const res = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner,
      repo: name,
      path,
      ...(ref ? { ref } : {}),
      ...(known ? { headers: { 'if-none-match': known.etag } } : {}),
    });
    const data = res.data as { type?: string; content?: string; encoding?: string };
    if (Array.isArray(res.data) || data.type !== 'file' || typeof data.content !== 'string') {
      throw new GitHubError(`${repo}/${path} is not a file`, 'invalid');
    }
    const text = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
    return { text, etag: typeof res.headers.etag === 'string' ? res.headers.etag : null, unchanged: false };
  } catch (error) {
    // @octokit/request reports a 304 as a RequestError; neither plugin retries it.
    if (known && error instanceof RequestError && error.status === 304) return { text: known.text, etag: known.etag, unchanged: true };
    throw toGitHubError(error, `reading ${repo}/${path}${ref ? `@${ref}` : ''}`);
  }
}
