// Check runs rendered as GitHub's REST JSON (the `check-run` schema).
import type { SimCheckRun, SimRepository, World } from '../world.js';
import { integration } from './app-render.js';
import { repoUrl } from './render.js';

const WEB = 'https://github.com';
const seconds = (iso: string | null): string | null => (iso ? iso.replace(/\.\d{3}Z$/, 'Z') : null);

/** The open pull requests whose head is the run's commit, in the minimal form GitHub lists them. */
function pullRequestsOf(apiBase: string, repo: SimRepository, sha: string): Record<string, unknown>[] {
  const url = repoUrl(apiBase, repo);
  const side = (ref: string, at: string) => ({ ref, sha: at, repo: { id: repo.id, url, name: repo.name } });
  return [...repo.pullRequests.values()]
    .filter((pr) => pr.state === 'OPEN' && pr.commits[pr.commits.length - 1] === sha)
    .map((pr) => ({
      id: pr.id,
      number: pr.number,
      url: `${url}/pulls/${pr.number}`,
      head: side(pr.headRefName, sha),
      base: side(pr.baseRefName, pr.commits[0] ?? sha),
    }));
}

export function checkRun(world: World, apiBase: string, repo: SimRepository, run: SimCheckRun): Record<string, unknown> {
  const url = `${repoUrl(apiBase, repo)}/check-runs/${run.id}`;
  const app = world.apps.get(run.appId);
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: run.nodeId,
    external_id: run.externalId ?? '',
    url,
    html_url: `${WEB}/${repo.owner}/${repo.name}/runs/${run.id}`,
    details_url: run.detailsUrl ?? (app ? `https://example.org/${app.slug}` : null),
    status: run.status,
    conclusion: run.conclusion,
    started_at: seconds(run.startedAt),
    completed_at: seconds(run.completedAt),
    output: { ...run.output, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.suiteId },
    app: app ? integration(world, apiBase, app) : null,
    pull_requests: pullRequestsOf(apiBase, repo, run.headSha),
  };
}
