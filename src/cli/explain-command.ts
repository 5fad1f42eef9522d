// `cla-sweeper explain OWNER/REPO#N` (or a pull request URL): read-only account of one pull
// request's verdicts, for every configured check.
import { configuredChecks } from '../checks/configured.js';
import { readPullRequestForExplain } from '../github/explain-reader.js';
import { explainText } from '../report/explain.js';
import { connect } from './connect.js';
import { type CommonOptions, type Io, loadSetup, signatoriesOf } from './context.js';
import { parsePullRequestRef } from './pull-request-ref.js';

export async function runExplain(ref: string, opts: CommonOptions, io: Io): Promise<number> {
  const { repo, number } = parsePullRequestRef(ref, io.env.apiUrl);
  const { loaded, log } = await loadSetup(opts, io.env);
  const source = loaded.signatoriesSource;
  const github = await connect(loaded, io.env, log, [repo, ...(source?.kind === 'github' ? [source.repo] : [])]);
  const signatories = await signatoriesOf(loaded, github, log);
  const checks = configuredChecks(loaded.config, signatories?.list.entries ?? null, github.noReplyDomain);
  const pr = await readPullRequestForExplain(github.forRepo(repo).runner, repo, number, checks.map((c) => c.context));
  io.out(`${explainText(pr, checks)}\n`);
  return 0;
}
