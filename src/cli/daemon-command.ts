// `cla-sweeper daemon`: the sweep command on the configuration's schedule. Each tick runs the same
// sweep as `cla-sweeper sweep`, with the environment (secret files included), the configuration
// and the signatories read again, until SIGTERM or SIGINT.
import { loadConfig } from '../config/load.js';
import { ConfigError, NotSupportedError, SweeperError } from '../errors.js';
import { Daemon } from '../daemon/daemon.js';
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
  if (opts.listen) throw new NotSupportedError('--listen (the /metrics and /healthz server) is not supported yet');
  const { loaded, log } = await loadSetup(opts, io.env);
  const schedule = loaded.config.schedule;
  if (!schedule) {
    throw new ConfigError(loaded.file, 'schedule', 'the daemon sweeps on this schedule: add one, for example schedule: "*/15 * * * *" (a sixth field first counts seconds)');
  }
  if (io.signal.aborted) return 0;
  let env = io.env;
  const daemon = new Daemon({
    schedule,
    sweep: (signal) => {
      // Read again every time: a rotated token file or App key takes effect at the next sweep.
      env = io.reloadEnv?.() ?? io.env;
      return runSweep({ config: opts.config, debug: opts.debug, dryRun: opts.dryRun, shard: opts.shard }, { env, out: io.out, signal });
    },
    nextSchedule: async () => (await loadConfig(configPath(opts, env))).config.schedule ?? null,
    describeError: (error) =>
      redactor(secretsOf(env))(error instanceof SweeperError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`),
    log,
  });
  const stopped = new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
  daemon.start();
  await stopped;
  await daemon.stop();
  log.info({}, 'daemon stopped');
  return 0;
}
