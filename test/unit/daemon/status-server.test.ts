// The --listen server on a loopback port: /metrics in Prometheus text format, /healthz 200 or 503,
// nothing else; and the address it is given.
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthStatus } from '../../../src/daemon/health.js';
import { parseListen, PROMETHEUS_CONTENT_TYPE, type StatusServer, startStatusServer } from '../../../src/daemon/status-server.js';
import { silentLogger } from '../../../src/log.js';
import { parseMetrics } from '../../support/metrics.js';

const healthy: HealthStatus = { healthy: true, reason: null, fatalInARow: 0, lastCompletedAt: null, lastExitCode: 0 };

describe('the status server', () => {
  let server: StatusServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('serves /metrics and /healthz, and turns /healthz to 503 with the reason', async () => {
    let health = healthy;
    server = await startStatusServer(
      { host: '127.0.0.1', port: 0 },
      { metrics: async () => '# HELP cla_sweeper_healthy h\n# TYPE cla_sweeper_healthy gauge\ncla_sweeper_healthy 1\n', health: () => health },
      silentLogger(),
    );
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(parseMetrics(await metrics.text()).value('cla_sweeper_healthy')).toBe(1);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    health = { ...healthy, healthy: false, reason: 'the last 3 sweeps failed with nothing written', fatalInARow: 3 };
    const sick = await fetch(`${server.url}/healthz`);
    expect(sick.status).toBe(503);
    expect(await sick.json()).toMatchObject({ healthy: false, fatalInARow: 3 });

    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses an address that is taken, naming --listen', async () => {
    server = await startStatusServer({ host: '127.0.0.1', port: 0 }, { metrics: async () => '', health: () => healthy }, silentLogger());
    const port = Number(new URL(server.url).port);
    await expect(startStatusServer({ host: '127.0.0.1', port }, { metrics: async () => '', health: () => healthy }, silentLogger())).rejects.toThrow(/--listen: cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
  });
});

describe('parseListen', () => {
  it.each([
    ['127.0.0.1:9464', { host: '127.0.0.1', port: 9464 }],
    ['0.0.0.0:9464', { host: '0.0.0.0', port: 9464 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
  ])('%s', (value, address) => {
    expect(parseListen(value)).toEqual(address);
  });

  it.each(['9464', '127.0.0.1', '127.0.0.1:99999', 'http://127.0.0.1:9464'])('refuses %s', (value) => {
    expect(() => parseListen(value)).toThrow(/--listen: .* is not HOST:PORT/);
  });
});
