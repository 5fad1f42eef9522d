// The daemon's `--listen HOST:PORT`: a small node:http server with GET /metrics (the last sweep's
// figures, Prometheus text format) and GET /healthz (200 healthy, 503 not, with why as JSON).
// Nothing listens unless asked: `sweep` never starts it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { HealthStatus } from './health.js';

export interface ListenAddress {
  host: string;
  port: number;
}

/** `HOST:PORT`, `[IPv6]:PORT`; port 0 takes any free port. */
export function parseListen(value: string): ListenAddress {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65_535) {
    throw new ConfigError('command line', '--listen', `"${value}" is not HOST:PORT (for example 127.0.0.1:9464, or 0.0.0.0:9464 in a container)`);
  }
  return { host: (m[1] ?? m[2])!, port };
}

export interface StatusSources {
  metrics: () => Promise<string>;
  health: () => HealthStatus;
}

export interface StatusServer {
  /** `http://HOST:PORT` as bound. */
  url: string;
  close(): Promise<void>;
}

/** The content type Prometheus' text exposition format is served with. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export async function startStatusServer(address: ListenAddress, sources: StatusSources, log: Logger): Promise<StatusServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://status').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const answer = async (): Promise<[number, string, string]> => {
      if (path === '/metrics') return [200, PROMETHEUS_CONTENT_TYPE, await sources.metrics()];
      if (path === '/healthz') {
        const health = sources.health();
        return [health.healthy ? 200 : 503, 'application/json', `${JSON.stringify(health)}\n`];
      }
      return [404, 'text/plain; charset=utf-8', 'not found: /metrics and /healthz are served\n'];
    };
    answer().then(
      ([status, type, body]) => {
        res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        log.error({ path, error: error instanceof Error ? error.message : String(error) }, 'status server could not answer');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('internal error\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConfigError('command line', '--listen', `cannot listen on ${address.host}:${address.port}: ${error.code ?? error.message}`)),
    );
    server.listen(address.port, address.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  log.info({ address: `${host}:${bound.port}` }, 'serving /metrics and /healthz');
  return {
    url: `http://${host}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
