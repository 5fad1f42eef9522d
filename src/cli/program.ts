// The command line: parses options, runs one command, maps errors to exit statuses.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isFullName } from '../config/repo-name.js';
import { SweeperError } from '../errors.js';
import { LOG_LEVELS } from '../log-level.js';
import { redactor } from '../log.js';
import { parseShard, type Shard } from '../reconcile/shard.js';
import { type Io, secretsOf, VERSION } from './context.js';
import { runDaemon } from './daemon-command.js';
import { runExplain } from './explain-command.js';
import { runReport } from './report-command.js';
import { runSweep } from './sweep-command.js';
import { runValidate } from './validate-command.js';

function fullName(value: string): string {
  if (!isFullName(value)) throw new InvalidArgumentError('expected OWNER/NAME, a repository such as acme/widgets.');
  return value;
}

const collect = (value: string, previous: string[] = []) => [...previous, fullName(value)];

const ENVIRONMENT = `
Environment:
  GITHUB_TOKEN           a personal access token or an installation token (required by sweep and explain)
  GITHUB_API_URL         GitHub's REST API: https://api.github.com (default), or https://HOST/api/v3
                         for GitHub Enterprise Server
  CLA_SWEEPER_CONFIG     the configuration file when --config is not given (default config/cla-sweeper.yaml)
  CLA_SWEEPER_LOG_LEVEL  ${LOG_LEVELS.join(', ')} (default info); --log-level wins`;

const EXIT_STATUS = `
Exit status:
  0  every selected pull request reconciled
  1  nothing written: a fatal problem (configuration, environment, signatories, credentials,
     GitHub unreachable, cache not writable or locked, mass-change guard)
  2  partial: some repositories or pull requests were not reconciled; the next run continues`;

function common(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'configuration file (default: $CLA_SWEEPER_CONFIG or config/cla-sweeper.yaml)')
    .addOption(new Option('--log-level <level>', 'log level (default: $CLA_SWEEPER_LOG_LEVEL or info)').choices(LOG_LEVELS))
    .option('--debug', 'verbose logs and stack traces')
    .addHelpText('after', `${ENVIRONMENT}\n${EXIT_STATUS}`);
}

function shardArgument(value: string): Shard {
  const parsed = parseShard(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.problem);
  return parsed.shard;
}

/**
 * `stopsOnSignal`: the command ends on SIGTERM by design (the daemon), so its status stands; any
 * other command interrupted by a signal ends partial (2) even when it had nothing left to do.
 */
export type SetExit = (code: number, opts?: { stopsOnSignal?: boolean }) => void;

export function buildProgram(io: Io, setExit: SetExit): Command {
  const program = new Command('cla-sweeper')
    .description('Reconciles CLA commit statuses and labels on open GitHub pull requests')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', `${ENVIRONMENT}\n${EXIT_STATUS}\n\nDocumentation: README.md and docs/ in the package.`);

  common(program.command('sweep'))
    .description('one sweep over every configured repository, then exit')
    .option('--dry-run', 'print every write that would be made; make none')
    .option('--json', 'machine-readable summary (or error) on stdout; logs stay on stderr')
    .option('--repo <owner/name>', 'restrict to this configured repository (repeatable)', collect)
    .option('--full', 'ignore the cache for this run')
    .option('--rescan', 'read every open pull request this run, not only those updated since the last sweep (sweep.rescanMinutes)')
    .option('--allow-mass-change', 'pass the mass-change guard once')
    .option('--offboard <owner/name>', "remove the project's labels from a repository leaving the configuration", fullName)
    .option('--metrics-file <file>', "write the run's figures in Prometheus text format (atomically, failed runs too)")
    .addOption(
      new Option('--shard <i/n>', 'sweep only share I of N of the repositories (0 <= I < N), each share with its own cache file')
        .argParser(shardArgument)
        .conflicts(['repo', 'offboard']),
    )
    .option('--partial-ok', 'exit 0 instead of 2 when the run is partial (for schedulers that count every non-zero exit as a failure)')
    // With --partial-ok, a run a signal interrupted is a partial run like any other: exit 0.
    .action(async (opts) => setExit(await runSweep(opts, io), { stopsOnSignal: opts.partialOk === true }));

  common(program.command('explain'))
    .description('read-only: every commit of one pull request, each author, and why each is or is not covered')
    .argument('<pull-request>', 'OWNER/REPO#N, or the pull request URL as a browser shows it')
    .action(async (ref: string, opts) => setExit(await runExplain(ref, opts, io)));

  common(program.command('validate'))
    .description('load and check the configuration and the signatories; no GitHub calls')
    .action(async (opts) => setExit(await runValidate(opts, io)));

  common(program.command('daemon'))
    .description('stay up and sweep on the configuration\'s schedule, never two sweeps at once; SIGTERM or SIGINT stops it (exit 0)')
    .option('--dry-run', 'print every write each sweep would make; make none')
    .addOption(new Option('--shard <i/n>', 'sweep only share I of N of the repositories, as sweep --shard').argParser(shardArgument))
    .option('--listen <host:port>', 'serve /metrics and /healthz on this address (nothing listens without it)')
    .action(async (opts) => setExit(await runDaemon(opts, io), { stopsOnSignal: true }));
  common(program.command('report'))
    .description('read-only: the open pull requests a check blocks, grouped by reason, with who is missing and since when')
    .option('--json', 'a JSON array on stdout, one object per blocked pull request and check')
    .option('--html <file>', 'write a self-contained HTML page with a table to sort and filter')
    .option('--repo <owner/name>', 'restrict to this configured repository (repeatable)', collect)
    .option('--publish-dashboard', "also bring the configuration's dashboard issue up to date (for installations that sweep in shards)")
    .action(async (opts) => setExit(await runReport(opts, io)));
  return program;
}

export interface ErrorOutput {
  debug: boolean;
  secrets: string[];
  /** `--json`: also print `{ "error": { kind, message }, "exitCode" }` on stdout. */
  json: ((text: string) => void) | null;
}

/** The one place errors become messages and exit statuses. */
export function handleError(error: unknown, output: ErrorOutput): number {
  // Defence in depth: no message we write knowingly holds a token, but none may ever print one.
  const redact = redactor(output.secrets);
  const say = (text: string) => process.stderr.write(redact(text));
  const report = (kind: string, message: string, code: number) => {
    if (output.json && code !== 0) output.json(`${JSON.stringify({ error: { kind, message: redact(message) }, exitCode: code }, null, 2)}\n`);
    return code;
  };
  if (error instanceof CommanderError) {
    // Commander has printed its message (and the help) already.
    const code = error.exitCode === 0 ? 0 : 1;
    return report('usage', error.message.replace(/^error: /, ''), code);
  }
  if (error instanceof SweeperError) {
    say(`cla-sweeper: ${error.message}\n`);
    if (output.debug && error.stack) say(`${error.stack}\n`);
    return report(error.kind, error.message, error.exitCode);
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`cla-sweeper: unexpected error: ${message}\n`);
  if (output.debug && error instanceof Error && error.stack) say(`${error.stack}\n`);
  else say('(run with --debug for the stack trace)\n');
  return report('internal', `unexpected error: ${message}`, 1);
}

/** Runs one command line to its exit status; errors are reported on stderr (and with --json, on stdout). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let code = 0;
  // With --json, stdout holds exactly one JSON object: the command's, or else the error's.
  let printed = false;
  const tracked: Io = {
    get env() {
      return io.env;
    },
    out: (text) => {
      printed = true;
      io.out(text);
    },
    signal: io.signal,
    ...(io.reloadEnv ? { reloadEnv: io.reloadEnv } : {}),
  };
  let stopsOnSignal = false;
  const program = buildProgram(tracked, (c, opts) => {
    code = c;
    stopsOnSignal = opts?.stopsOnSignal ?? false;
  });
  try {
    await program.parseAsync(argv);
    if (io.signal.aborted && code === 0 && !stopsOnSignal) code = 2;
    return code;
  } catch (error) {
    // The environment itself may be what failed to read.
    let env: Io['env'] | null = null;
    try {
      env = io.env;
    } catch {
      // reported as the error itself
    }
    return handleError(error, {
      debug: argv.includes('--debug') || env?.debug === true,
      secrets: env ? secretsOf(env) : [],
      json: argv.slice(2).includes('--json') && !printed ? io.out : null,
    });
  }
}
