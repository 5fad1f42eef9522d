// `cla-sweeper explain OWNER/REPO#N` (or a pull request URL): read-only account of one pull
// request's verdicts, for every configured check.
import { configuredChecks } from '../checks/configured.js';
import { readPullRequestForExplain } from '../github/explain-reader.js';
import { explainText } from '../report/explain.js';
import { type CommonOptions, connect, type Io, loadSetup, signatoriesOf } from './context.js';
import { parsePullRequestRef } from './pull-request-ref.js';

export async function runExplain(ref: string, opts: CommonOptions, io: Io): Promise<number> {
  const { repo, number } = parsePullRequestRef(ref, io.env.apiUrl);
  const { loaded, log } = await loadSetup(opts, io.env);
  const github = connect(loaded, io.env, log);
  const signatories = await signatoriesOf(loaded, github, log);
  const checks = configuredChecks(loaded.config, signatories?.list.entries ?? null, github.noReplyDomain);
  const pr = await readPullRequestForExplain(github.runner, repo, number, checks.map((c) => c.context));
  io.out(`${explainText(pr, checks)}\n`);
  return 0;
}
