// `GET /repos/{owner}/{repo}/contents/{path}`: a file as base64 JSON or raw, or a directory listing.
import { createHash } from 'node:crypto';
import type { RestOutcome } from '../types.js';
import type { SimRepository } from '../world.js';
import type { RestCall, RouteHandler } from './context.js';
import { errorBody, notFound } from './errors.js';
import { findRepo, isOutcome } from './lookup.js';
import { repoUrl } from './render.js';

const DOCS = 'https://docs.github.com/rest/repos/contents#get-repository-content';

/** Git's blob id of a content. */
function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function wantsRaw(accept: string): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept);
}

function entry(call: RestCall, repo: SimRepository, path: string, ref: string, type: 'file' | 'dir', content?: string) {
  const url = `${repoUrl(call.apiBase, repo)}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const sha = type === 'file' ? blobSha(content ?? '') : blobSha(`tree:${path}`);
  const gitUrl = `${repoUrl(call.apiBase, repo)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  const htmlUrl = `https://github.com/${repo.owner}/${repo.name}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${path}`;
  return {
    type,
    size: type === 'file' ? Buffer.byteLength(content ?? '', 'utf8') : 0,
    name: path.split('/').pop() ?? path,
    path,
    sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      type === 'file' ? `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref}/${path}` : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

export const getContent: RouteHandler = (call, params) => {
  const repo = findRepo(call, params);
  if (isOutcome(repo)) return repo;
  const ref = (call.query.get('ref') ?? repo.defaultBranch).replace(/^refs\/heads\//, '');
  // The world keeps files on the default branch only.
  if (ref !== repo.defaultBranch) {
    return { status: 404, body: errorBody(404, `No commit found for the ref ${ref}`, DOCS) };
  }
  const path = (params.path ?? '').replace(/^\/+|\/+$/g, '');
  const content = repo.files.get(path);
  if (content !== undefined) {
    // GitHub sends a weak ETag that changes with the content and with the Accept header (ETags are
    // also per token, which the simulator does not model); a request with that ETag in
    // If-None-Match gets 304 and no body. https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
    const etag = `W/"${createHash('sha256').update(`${call.accept}\0${content}`).digest('hex').slice(0, 40)}"`;
    if (call.ifNoneMatch === etag) return { status: 304, headers: { etag } };
    if (wantsRaw(call.accept)) {
      return { status: 200, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8', etag }, body: content };
    }
    // GitHub wraps the base64 at 60 characters, with a trailing newline.
    const b64 = Buffer.from(content, 'utf8').toString('base64');
    const wrapped = `${(b64.match(/.{1,60}/g) ?? []).join('\n')}\n`;
    return { status: 200, headers: { etag }, body: { ...entry(call, repo, path, ref, 'file', content), content: wrapped, encoding: 'base64' } };
  }
  return listDirectory(call, repo, path, ref);
};

function listDirectory(call: RestCall, repo: SimRepository, dir: string, ref: string): RestOutcome {
  const prefix = dir === '' ? '' : `${dir}/`;
  const children = new Map<string, 'file' | 'dir'>();
  for (const file of repo.files.keys()) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const [head, ...tail] = rest.split('/');
    if (head) children.set(`${prefix}${head}`, tail.length > 0 ? 'dir' : 'file');
  }
  if (children.size === 0) return notFound(DOCS);
  const items = [...children.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, type]) => entry(call, repo, path, ref, type, type === 'file' ? repo.files.get(path) : undefined));
  return { status: 200, body: items };
}
