// `cla-sweeper report`: read-only list of the open pull requests a check blocks. It runs the
// sweep's own read and plan (a dry run, with a writer that refuses every write) over a cache it
// reads but never writes and locks not, so it may run beside a sweep, and works with no cache at
// all (it then reads every head's commits, as a first sweep does).
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { acquireLockLogged } from '../cache/lock.js';
import { CacheStore } from '../cache/store.js';
import { FileWriteBudget } from '../cache/write-budget-file.js';
import { configuredChecks } from '../checks/configured.js';
import { webUrlOf } from '../env.js';
import { ConfigError } from '../errors.js';
import { RefusingWriter } from '../github/writer.js';
import { exitCodeOf, type SweepSummary } from '../reconcile/summary.js';
import { sweep } from '../reconcile/sweep.js';
import { blockedPullRequests } from '../report/blocked.js';
import { reportHtml } from '../report/report-html.js';
import { reportMarkdown } from '../report/report-markdown.js';
import { checkRunApp } from './check-run-app.js';
import { connect, sweepScope } from './connect.js';
import { type CommonOptions, type Io, loadSetup, signatoriesOf } from './context.js';
import { RunOutputs } from './run-outputs.js';

export interface ReportCliOptions extends CommonOptions {
  json?: boolean;
  html?: string;
  repo?: string[];
  /** Also bring the dashboard issue up to date (its one write): for installations that sweep in shards. */
  publishDashboard?: boolean;
}

/** What a reader of the report must know: which parts of the organisation it does not cover. */
export function incompleteness(s: SweepSummary): string[] {
  const notes: string[] = [];
  const r = s.repositories;
  if (r.failed.length > 0) notes.push(`Incomplete: ${r.failed.length} repositories could not be read (${r.failed.map((f) => f.repo).join(', ')}).`);
  if (r.notReached.length > 0) notes.push(`Incomplete: ${r.notReached.length} repositories were not reached (${s.stopped ?? 'stopped early'}).`);
  const prs = s.pullRequests.failed.length + s.pullRequests.notReached;
  if (prs > 0) notes.push(`Incomplete: the commits of ${prs} pull requests could not be read this time.`);
  return notes;
}

export async function runReport(opts: ReportCliOptions, io: Io): Promise<number> {
  const run = new RunOutputs({ command: 'report', dryRun: !opts.publishDashboard }, io);
  try {
    return await reportOnce(opts, io, run);
  } finally {
    await run.finish();
  }
}

async function reportOnce(opts: ReportCliOptions, io: Io, run: RunOutputs): Promise<number> {
  const { env, signal, out } = io;
  const { loaded, log } = await loadSetup(opts, env);
  run.setup(loaded, log);
  const { config } = loaded;
  if (opts.publishDashboard && !config.dashboard) {
    throw new ConfigError(loaded.file, 'dashboard', '--publish-dashboard needs a dashboard: add dashboard: { repo: OWNER/NAME } to the configuration');
  }
  // Before the sweep spends GitHub's budget on a report that could not be saved.
  if (opts.html) await htmlWritable(opts.html);
  const github = await connect(loaded, env, log, sweepScope(loaded));
  run.connected(github);
  const signatories = await signatoriesOf(loaded, github, log);
  const checks = configuredChecks(config, signatories?.list.entries ?? null, github.noReplyDomain);
  // With check runs, what stands (and since when) is our App's runs, readable only knowing the App.
  const checkRunsOf = await checkRunApp(loaded, github, env, true);
  if (config.publish === 'check-run' && !checkRunsOf) log.warn({}, 'publish is check-run but the token is no GitHub App\'s: the report cannot tell since when each check run stands');
  const cache = await CacheStore.openReadOnly(loaded.cacheFile, log);
  const summary = await sweep(
    {
      selection: { repositories: config.repositories, exclude: config.exclude, only: opts.repo ?? [], configFile: loaded.file },
      checks,
      full: false,
      // Every open pull request, whatever changed: a report lists them all.
      rescan: true,
      rescanMinutes: 0,
      dryRun: true,
      // The guard protects writes; a report makes none.
      allowMassChange: true,
      offboard: null,
      guard: config.guard,
      pace: { concurrency: config.github.maxConcurrency, writeIntervalMs: config.github.writeIntervalMs },
      publishing: { publish: checkRunsOf ? 'check-run' : 'status', mergeQueue: false },
    },
    { github: github.reads(checks, checkRunsOf), writer: new RefusingWriter(), cache, log, now: Date.now, signal, observer: run.observer() },
  );
  // The report's one possible write, through a writer of its own: the sweep above had one that refuses all.
  // It counts against the write budget kept beside the cache, under the cache's lock (held only now).
  const lock = opts.publishDashboard ? await acquireLockLogged(loaded.cacheFile, log) : null;
  try {
    const budget = lock ? await FileWriteBudget.beside(loaded.cacheFile, config.github.maxWritesPerHour, log) : undefined;
    await run.afterSweep(summary, github.writer(), opts.repo?.length ? '--repo' : null, budget);
  } finally {
    await lock?.release();
  }
  const entries = blockedPullRequests(summary.decisions, webUrlOf(env));
  const notes = incompleteness(summary);
  for (const note of notes) log.warn({ note }, 'report incomplete');
  if (opts.html) {
    const html = opts.html;
    await writeFile(html, reportHtml(entries, { notes })).catch((error: unknown) => {
      throw htmlError(html, error);
    });
    log.info({ file: opts.html, rows: entries.length }, 'wrote the HTML report');
  }
  if (opts.json) out(`${JSON.stringify(entries, null, 2)}\n`);
  else if (!opts.html) out(reportMarkdown(entries, { notes }));
  return exitCodeOf(summary);
}

/** `--html FILE` names a file this process may create or replace. */
async function htmlWritable(file: string): Promise<void> {
  const isDirectory = await stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isDirectory) throw new ConfigError('command line', '--html', `${file} is a directory; name the HTML file to write, e.g. ${file}/report.html`);
  await access(dirname(file), constants.W_OK).catch((error: unknown) => {
    throw htmlError(file, error);
  });
}

function htmlError(file: string, error: unknown): ConfigError {
  const code = (error as { code?: unknown }).code;
  const why =
    code === 'ENOENT' ? `the directory ${dirname(file)} does not exist` : code === 'EACCES' || code === 'EPERM' ? `no permission to write in ${dirname(file)}` : `${String(code ?? error)}`;
  return new ConfigError('command line', '--html', `cannot write ${file}: ${why}${typeof code === 'string' ? ` (${code})` : ''}`);
}
