// The command line: parses options, runs one command, maps errors to exit statuses.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { NotSupportedError, SweeperError } from '../errors.js';
import { redactor } from '../log.js';
import { parseShard, type Shard } from '../reconcile/shard.js';
import { type Io, secretsOf, VERSION } from './context.js';
import { runDaemon } from './daemon-command.js';
import { runExplain } from './explain-command.js';
import { runSweep } from './sweep-command.js';
import { runValidate } from './validate-command.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function common(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'configuration file (default: $CLA_SWEEPER_CONFIG or config/cla-sweeper.yaml)')
    .option('--debug', 'verbose logs and stack traces');
}

function shardArgument(value: string): Shard {
  const parsed = parseShard(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.problem);
  return parsed.shard;
}

function notYet(what: string): never {
  throw new NotSupportedError(`${what} is not supported yet`);
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
    .showHelpAfterError();

  common(program.command('sweep'))
    .description('one sweep over every configured repository, then exit')
    .option('--dry-run', 'print every write that would be made; make none')
    .option('--json', 'machine-readable summary on stdout; logs stay on stderr')
    .option('--repo <owner/name>', 'restrict to this configured repository (repeatable)', collect)
    .option('--full', 'ignore the cache for this run')
    .option('--allow-mass-change', 'pass the mass-change guard once')
    .option('--offboard <owner/name>', "remove the project's labels from a repository leaving the configuration")
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
    .argument('<owner/repo#n>')
    .action(async (ref: string, opts) => setExit(await runExplain(ref, opts, io)));

  common(program.command('validate'))
    .description('load and check the configuration and the signatories; no GitHub calls')
    .action(async (opts) => setExit(await runValidate(opts, io)));

  common(program.command('daemon'))
    .description('stay up and sweep on the configuration\'s schedule, never two sweeps at once; SIGTERM or SIGINT stops it (exit 0)')
    .option('--dry-run', 'print every write each sweep would make; make none')
    .addOption(new Option('--shard <i/n>', 'sweep only share I of N of the repositories, as sweep --shard').argParser(shardArgument))
    .option('--listen <host:port>', 'serve /metrics and /healthz (later)')
    .action(async (opts) => setExit(await runDaemon(opts, io), { stopsOnSignal: true }));
  common(program.command('report'))
    .description('(later) the open pull requests blocked on the CLA')
    .action(() => notYet('report'));
  return program;
}

/** The one place errors become messages and exit statuses. */
export function handleError(error: unknown, debug: boolean, secrets: string[] = []): number {
  // Defence in depth: no message we write knowingly holds a token, but none may ever print one.
  const say = (text: string) => process.stderr.write(redactor(secrets)(text));
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : 1;
  }
  if (error instanceof SweeperError) {
    say(`cla-sweeper: ${error.message}\n`);
    if (debug && error.stack) say(`${error.stack}\n`);
    return error.exitCode;
  }
  say(`cla-sweeper: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (debug && error instanceof Error && error.stack) say(`${error.stack}\n`);
  else say('(run with --debug for the stack trace)\n');
  return 1;
}

/** Runs one command line to its exit status; errors are reported on stderr. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let code = 0;
  let stopsOnSignal = false;
  const program = buildProgram(io, (c, opts) => {
    code = c;
    stopsOnSignal = opts?.stopsOnSignal ?? false;
  });
  try {
    await program.parseAsync(argv);
    if (io.signal.aborted && code === 0 && !stopsOnSignal) code = 2;
    return code;
  } catch (error) {
    return handleError(error, argv.includes('--debug') || io.env.debug, secretsOf(io.env));
  }
}
