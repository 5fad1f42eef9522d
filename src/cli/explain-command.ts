// `cla-sweeper explain OWNER/REPO#N` (or a pull request URL): read-only account of one pull
// request's verdict.
import { readPullRequestForExplain } from '../github/explain-reader.js';
import { buildPolicy } from '../reconcile/policy.js';
import { explainText } from '../report/explain.js';
import { type CommonOptions, connect, type Io, loadSetup, signatoriesOf } from './context.js';
import { parsePullRequestRef } from './pull-request-ref.js';

export async function runExplain(ref: string, opts: CommonOptions, io: Io): Promise<number> {
  const { repo, number } = parsePullRequestRef(ref, io.env.apiUrl);
  const { loaded, log } = await loadSetup(opts, io.env);
  const github = connect(loaded, io.env, log);
  const { list } = await signatoriesOf(loaded, github, log);
  const policy = buildPolicy(list.entries, loaded.config.allowlist);
  const pr = await readPullRequestForExplain(github.runner, repo, number, loaded.config.status.context);
  io.out(`${explainText(pr, policy, loaded.config.status.url ?? null)}\n`);
  return 0;
}
