// `cla-sweeper explain OWNER/REPO#N`: read-only account of one pull request's verdict.
import { ConfigError } from '../errors.js';
import { readPullRequestForExplain } from '../github/explain-reader.js';
import { buildPolicy } from '../reconcile/policy.js';
import { explainText } from '../report/explain.js';
import { connect } from './connect.js';
import { type CommonOptions, type Io, loadSetup, signatoriesOf } from './context.js';

export function parsePullRequestRef(ref: string): { repo: string; number: number } {
  const m = /^([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)#(\d+)$/.exec(ref.trim());
  if (!m) throw new ConfigError('command line', 'explain', `"${ref}" is not OWNER/REPO#NUMBER`);
  return { repo: m[1]!, number: Number(m[2]) };
}

export async function runExplain(ref: string, opts: CommonOptions, io: Io): Promise<number> {
  const { repo, number } = parsePullRequestRef(ref);
  const { loaded, log } = await loadSetup(opts, io.env);
  const source = loaded.signatoriesSource;
  const github = await connect(loaded, io.env, log, [repo, ...(source.kind === 'github' ? [source.repo] : [])]);
  const { list } = await signatoriesOf(loaded, github, log);
  const policy = buildPolicy(list.entries, loaded.config.allowlist);
  const pr = await readPullRequestForExplain(github.forRepo(repo).runner, repo, number, loaded.config.status.context);
  io.out(`${explainText(pr, policy, loaded.config.status.url ?? null)}\n`);
  return 0;
}
