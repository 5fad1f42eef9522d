// Fetching the signatories list from its configured source: a file, a URL or a file in a GitHub repository.
import { readFile as fsReadFile } from 'node:fs/promises';
import type { SignatoriesSource } from '../config/load.js';
import { SignatoriesError } from '../errors.js';
import { formatFromName, parseSignatories } from './parse.js';
import type { ParsedSignatories } from './parse.js';
import { redactUrl } from './redact-url.js';

export interface SignatoriesDeps {
  /** The file's text at `ref` (null: the default branch); the lead's REST contents API reader. */
  readRepoFile(repo: string, path: string, ref: string | null): Promise<string>;
  fetch?: typeof fetch;
  readFile?: (path: string) => Promise<string>;
  /** Defaults to DEFAULT_FETCH_TIMEOUT_MS; tests shorten it. */
  timeoutMs?: number;
  userAgent?: string;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = 'cla-sweeper';

/** How a source is named in messages and in the list: a path, a redacted URL or `github:owner/repo/path@ref`. */
export function sourceName(source: SignatoriesSource): string {
  switch (source.kind) {
    case 'file':
      return source.path;
    case 'url':
      return redactUrl(source.url);
    case 'github':
      return `github:${source.repo}/${source.path}${source.ref === null ? '' : `@${source.ref}`}`;
  }
}

/** Loads and parses the list; every failure is a SignatoriesError, so the sweep writes nothing. */
export async function loadSignatories(source: SignatoriesSource, deps: SignatoriesDeps): Promise<ParsedSignatories> {
  const name = sourceName(source);
  switch (source.kind) {
    case 'file': {
      const format = formatFromName(source.path);
      const text = await readLocal(source.path, deps.readFile ?? ((p) => fsReadFile(p, 'utf8')));
      return parseSignatories(text, format, name);
    }
    case 'url': {
      const { text, contentType } = await fetchText(source.url, name, deps);
      if (/^text\/html\b/i.test(contentType ?? '')) {
        throw new SignatoriesError(name, 'the server sent an HTML page, not a list (a login or error page? check the URL)');
      }
      return parseSignatories(text, formatFromName(source.url, contentType ?? undefined), name);
    }
    case 'github': {
      const format = formatFromName(source.path);
      let text: string;
      try {
        text = await deps.readRepoFile(source.repo, source.path, source.ref);
      } catch (err) {
        throw new SignatoriesError(name, `could not be read from GitHub: ${(err as Error).message}`, undefined, {
          cause: err,
        });
      }
      return parseSignatories(text, format, name);
    }
  }
}

async function readLocal(path: string, read: (path: string) => Promise<string>): Promise<string> {
  try {
    return await read(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const detail =
      code === 'ENOENT'
        ? `no such file (signatories.file is relative to the configuration file); ${
            /\.ya?ml$/i.test(path)
              ? `to start from the example, copy cla-sweeper's config/signatories.example.yaml to ${path}`
              : "cla-sweeper's config/signatories.example.yaml shows every kind of entry, docs/signatories.md the JSON and CSV forms"
          }`
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'cannot be read: permission denied'
            : `cannot be read (${code ?? (err as Error).message})`;
    throw new SignatoriesError(path, detail, undefined, { cause: err });
  }
}

async function fetchText(
  url: string,
  name: string,
  deps: SignatoriesDeps,
): Promise<{ text: string; contentType: string | null }> {
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  try {
    // The signal also bounds reading the body.
    const response = await doFetch(url, {
      headers: {
        'user-agent': deps.userAgent ?? DEFAULT_USER_AGENT,
        accept: 'application/json, application/yaml, text/yaml, text/csv, text/plain;q=0.5, */*;q=0.1',
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new SignatoriesError(name, `the server answered ${response.status} ${response.statusText}`.trimEnd());
    }
    return { text: await response.text(), contentType: response.headers.get('content-type') };
  } catch (err) {
    if (err instanceof SignatoriesError) throw err;
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new SignatoriesError(name, `no answer within ${timeoutMs / 1000} s`, undefined, { cause: err });
    }
    // undici reports "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND, ...) in the cause.
    const reason = e.cause?.code ?? e.cause?.message ?? e.message;
    throw new SignatoriesError(name, `could not be fetched (${reason})`, undefined, { cause: err });
  }
}
