// `cla-sweeper daemon`: the sweep command on the configuration's schedule. Each tick runs the same
// sweep as `cla-sweeper sweep`, with the environment (secret files included), the configuration
// and the signatories read again, until SIGTERM or SIGINT.
import { loadConfig } from '../config/load.js';
import { ConfigError, SweeperError } from '../errors.js';
import { Daemon } from '../daemon/daemon.js';
import { HealthState, schedulePeriodMs } from '../daemon/health.js';
import { parseListen, type StatusServer, startStatusServer } from '../daemon/status-server.js';
import { daemonMetricsText, isCompletedSweep, type RunRecord } from '../report/metrics.js';
import { redactor } from '../log.js';
import type { Shard } from '../reconcile/shard.js';
import { configPath, type CommonOptions, type Io, loadSetup, secretsOf } from './context.js';
import { runSweep } from './sweep-command.js';

export interface DaemonCliOptions extends CommonOptions {
  dryRun?: boolean;
  shard?: Shard;
  listen?: string;
}

export async function runDaemon(opts: DaemonCliOptions, io: Io): Promise<number> {
  const listen = opts.listen ? parseListen(opts.listen) : null;
  const { loaded, log } = await loadSetup(opts, io.env);
  const schedule = loaded.config.schedule;
  if (!schedule) {
    throw new ConfigError(loaded.file, 'schedule', 'the daemon sweeps on this schedule: add one, for example schedule: "*/15 * * * *" (a sixth field first counts seconds)');
  }
  if (io.signal.aborted) return 0;
  let env = io.env;
  // What /metrics and /healthz answer: the last sweep's figures, and how the sweeps have gone.
  const startedAt = Date.now();
  const health = new HealthState(startedAt);
  let period = schedulePeriodMs(schedule);
  let last: RunRecord | null = null;
  let lastCompletedAt: number | null = null;
  const onRecord = (record: RunRecord) => {
    last = record;
    if (isCompletedSweep(record)) lastCompletedAt = record.finishedAt;
  };
  const daemon = new Daemon({
    schedule,
    sweep: (signal) => {
      // Read again every time: a rotated token file or App key takes effect at the next sweep.
      env = io.reloadEnv?.() ?? io.env;
      // The figures are gathered (one free GET /rate_limit) only when /metrics serves them.
      return runSweep({ config: opts.config, debug: opts.debug, dryRun: opts.dryRun, shard: opts.shard, onRecord: listen ? onRecord : undefined }, { env, out: io.out, signal });
    },
    nextSchedule: async () => (await loadConfig(configPath(opts, env))).config.schedule ?? null,
    describeError: (error) =>
      redactor(secretsOf(env))(error instanceof SweeperError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`),
    log,
  });
  daemon.on('tick', (tick) => {
    if (tick.kind === 'swept') health.record({ exitCode: tick.exitCode, startedAt: tick.startedAt.getTime(), finishedAt: tick.finishedAt.getTime() });
  });
  daemon.on('rescheduled', (next) => {
    period = schedulePeriodMs(next);
  });
  let server: StatusServer | null = null;
  if (listen) {
    server = await startStatusServer(
      listen,
      {
        health: () => health.status(Date.now(), period),
        metrics: () => {
          const now = health.status(Date.now(), period);
          return daemonMetricsText(last, { startedAt, lastCompletedAt, healthy: now.healthy, fatalInARow: now.fatalInARow });
        },
      },
      log,
    );
  }
  const stopped = new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
  daemon.start();
  await stopped;
  await daemon.stop();
  await server?.close();
  log.info({}, 'daemon stopped');
  return 0;
}
