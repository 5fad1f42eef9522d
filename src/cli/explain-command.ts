// `cla-sweeper explain OWNER/REPO#N`: read-only account of one pull request's verdicts.
import { configuredChecks } from '../checks/configured.js';
import { ConfigError } from '../errors.js';
import { readPullRequestForExplain } from '../github/explain-reader.js';
import { explainText } from '../report/explain.js';
import { type CommonOptions, connect, type Io, loadSetup, signatoriesOf } from './context.js';

export function parsePullRequestRef(ref: string): { repo: string; number: number } {
  const m = /^([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)#(\d+)$/.exec(ref.trim());
  if (!m) throw new ConfigError('command line', 'explain', `"${ref}" is not OWNER/REPO#NUMBER`);
  return { repo: m[1]!, number: Number(m[2]) };
}

export async function runExplain(ref: string, opts: CommonOptions, io: Io): Promise<number> {
  const { repo, number } = parsePullRequestRef(ref);
  const { loaded, log } = await loadSetup(opts, io.env);
  const github = connect(loaded, io.env, log);
  const signatories = await signatoriesOf(loaded, github, log);
  const checks = configuredChecks(loaded.config, signatories?.list.entries ?? null, github.noReplyDomain);
  const pr = await readPullRequestForExplain(github.runner, repo, number, checks.map((c) => c.context));
  io.out(`${explainText(pr, checks)}\n`);
  return 0;
}
