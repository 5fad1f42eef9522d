// `cla-sweeper validate`: load and check the configuration and the signatories; no GitHub call
// unless the list itself lives on GitHub.
import { describeSetup } from '../report/validate-summary.js';
import { type CommonOptions, connect, loadSetup, signatoriesOf } from './context.js';

export async function runValidate(opts: CommonOptions): Promise<number> {
  const { env, loaded, log } = await loadSetup(opts);
  const github = loaded.signatoriesSource.kind === 'github' ? connect(loaded, env, log) : null;
  const { list, warnings } = await signatoriesOf(loaded, github, log);
  process.stdout.write(`${describeSetup(loaded, list, warnings)}\n`);
  return 0;
}
