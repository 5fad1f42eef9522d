// A small fetch wrapper for the simulator tests: sends GitHub's required headers unless told not to.
import type { Simulator } from '../../support/simulator/server.js';
import { request } from 'node:http';

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty. */
  body: unknown;
}

export interface SendOptions {
  body?: unknown;
  /** Headers to add; a header set to null is not sent. */
  headers?: Record<string, string | null>;
}

export const TOKEN = 'sim-token';

export async function send(sim: Simulator, method: string, path: string, opts: SendOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {
    'user-agent': 'cla-sweeper-tests',
    authorization: `token ${TOKEN}`,
    accept: 'application/vnd.github+json',
  };
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body };
}

export function graphql(sim: Simulator, query: string, variables: Record<string, unknown> = {}, opts: SendOptions = {}) {
  return send(sim, 'POST', '/graphql', { ...opts, body: { query, variables } });
}

/** A request through node:http, which sends no User-Agent unless given one (fetch always adds its own). */
export function rawRequest(
  sim: Simulator,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
