// The command line: parses options, runs one command, maps errors to exit statuses.
import { Command, CommanderError, Option } from 'commander';
import { NotSupportedError, SweeperError } from '../errors.js';
import { redactor } from '../log.js';
import { type Io, VERSION } from './context.js';
import { runExplain } from './explain-command.js';
import { runReport } from './report-command.js';
import { runSweep } from './sweep-command.js';
import { runValidate } from './validate-command.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function common(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'configuration file (default: $CLA_SWEEPER_CONFIG or config/cla-sweeper.yaml)')
    .option('--debug', 'verbose logs and stack traces');
}

function notYet(what: string): never {
  throw new NotSupportedError(`${what} is not supported yet`);
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
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
    .option('--metrics-file <file>', "write the run's figures in Prometheus text format (atomically, failed runs too)")
    .addOption(new Option('--shard <i/n>', 'sweep a stable share of the repositories (later)'))
    .action(async (opts) => {
      if (opts.shard) notYet('--shard');
      setExit(await runSweep(opts, io));
    });

  common(program.command('explain'))
    .description('read-only: every commit of one pull request, each author, and why each is or is not covered')
    .argument('<owner/repo#n>')
    .action(async (ref: string, opts) => setExit(await runExplain(ref, opts, io)));

  common(program.command('validate'))
    .description('load and check the configuration and the signatories; no GitHub calls')
    .action(async (opts) => setExit(await runValidate(opts, io)));

  common(program.command('daemon'))
    .description('(later) stay up and sweep on the configured schedule')
    .action(() => notYet('daemon mode'));
  common(program.command('report'))
    .description('read-only: the open pull requests a check blocks, grouped by reason, with who is missing and since when')
    .option('--json', 'a JSON array on stdout, one object per blocked pull request and check')
    .option('--html <file>', 'write a self-contained HTML page with a table to sort and filter')
    .option('--repo <owner/name>', 'restrict to this configured repository (repeatable)', collect)
    .option('--publish-dashboard', "also bring the configuration's dashboard issue up to date (for installations that sweep in shards)")
    .action(async (opts) => setExit(await runReport(opts, io)));
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
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    if (io.signal.aborted && code === 0) code = 2;
    return code;
  } catch (error) {
    return handleError(error, argv.includes('--debug') || io.env.debug, io.env.token ? [io.env.token] : []);
  }
}
