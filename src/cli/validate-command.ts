// `cla-sweeper validate`: load and check the configuration and the signatories; no GitHub call
// unless the list itself lives on GitHub.
import { cacheWriteProblem } from '../cache/writable.js';
import { describeSetup } from '../report/validate-summary.js';
import { connect } from './connect.js';
import { type CommonOptions, type Io, loadSetup, signatoriesOf } from './context.js';

export async function runValidate(opts: CommonOptions, io: Io): Promise<number> {
  const { loaded, log } = await loadSetup(opts, io.env);
  const source = loaded.signatoriesSource;
  const github = source?.kind === 'github' ? await connect(loaded, io.env, log, [source.repo]) : null;
  const signatories = await signatoriesOf(loaded, github, log);
  const warnings = signatories?.warnings ?? [];
  // Only a warning: validate may run where the cache does not live (a CI check of the files).
  const cacheProblem = await cacheWriteProblem(loaded.cacheFile);
  if (cacheProblem) log.warn({ file: loaded.cacheFile, problem: cacheProblem }, 'cache.file cannot be written here: sweep would stop (exit 1)');
  const found = cacheProblem ? [...warnings, `cache.file ${loaded.cacheFile}: ${cacheProblem} (sweep here would stop with exit 1)`] : warnings;
  io.out(`${describeSetup(loaded, signatories?.list ?? null, found)}\n`);
  return 0;
}
