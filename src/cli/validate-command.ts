// `cla-sweeper validate`: load and check the configuration and the signatories; no GitHub call
// unless the list itself lives on GitHub.
import { describeSetup } from '../report/validate-summary.js';
import { type CommonOptions, connect, type Io, loadSetup, signatoriesOf } from './context.js';

export async function runValidate(opts: CommonOptions, io: Io): Promise<number> {
  const { loaded, log } = await loadSetup(opts, io.env);
  const github = loaded.signatoriesSource?.kind === 'github' ? connect(loaded, io.env, log) : null;
  const signatories = await signatoriesOf(loaded, github, log);
  io.out(`${describeSetup(loaded, signatories?.list ?? null, signatories?.warnings ?? [])}\n`);
  return 0;
}
