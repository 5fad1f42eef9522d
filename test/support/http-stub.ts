// A tiny HTTP server on 127.0.0.1 for what the simulator does not play: a web server that is not
// GitHub, an outage page, a connection dropped mid-request. It counts the requests it gets and may
// pass some on to the simulator.
import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpStub {
  url: string;
  /** Requests received, in order ("POST /graphql"). */
  requests: string[];
  close(): Promise<void>;
}

/** `handle` answers a request itself, or returns false to pass it on to `upstream`. */
export type StubHandler = (req: IncomingMessage, res: ServerResponse, index: number) => boolean;

/** `rewrite` may change the upstream's answers (their body as text) on the way back. */
export async function startHttpStub(
  handle: StubHandler,
  upstream?: string,
  rewrite?: (path: string, body: string) => string,
): Promise<HttpStub> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const index = requests.push(`${req.method} ${req.url}`) - 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (handle(req, res, index)) return;
      if (!upstream) {
        res.writeHead(500).end();
        return;
      }
      const headers = { ...req.headers };
      delete headers.host;
      const up = httpRequest(`${upstream}${req.url ?? '/'}`, { method: req.method, headers }, (answer) => {
        if (!rewrite) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const body = Buffer.from(rewrite(req.url ?? '/', Buffer.concat(parts).toString('utf8')));
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(body.length) });
          res.end(body);
        });
      });
      up.on('error', () => res.writeHead(502).end());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a web server that is not GitHub's API answers: an HTML page. */
export function htmlPage(res: ServerResponse, status: number, title: string): true {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`);
  return true;
}
