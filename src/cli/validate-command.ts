// `cla-sweeper validate`: load and check the configuration and the signatories; no GitHub call
// unless the list itself lives on GitHub.
import { describeSetup } from '../report/validate-summary.js';
import { connect } from './connect.js';
import { type CommonOptions, type Io, loadSetup, signatoriesOf } from './context.js';

export async function runValidate(opts: CommonOptions, io: Io): Promise<number> {
  const { loaded, log } = await loadSetup(opts, io.env);
  const source = loaded.signatoriesSource;
  const github = source.kind === 'github' ? await connect(loaded, io.env, log, [source.repo]) : null;
  const { list, warnings } = await signatoriesOf(loaded, github, log);
  io.out(`${describeSetup(loaded, list, warnings)}\n`);
  return 0;
}
