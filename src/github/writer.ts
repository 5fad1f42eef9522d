// Writes through GitHub's REST API. Statuses exist only in REST, and so do check run writes
// (GraphQL has createCheckRun, but the REST routes are the documented way for an installation). Labels go through REST too:
// GraphQL's addLabelsToLabelable needs the node IDs of the pull request and the label (one more
// read each) and spends GraphQL points, which the sweep keeps for reading; a REST label write
// is one request against the separate REST budget, addressed by number and name.
import { RequestError } from '@octokit/request-error';
import { describeTarget, type Write } from '../reconcile/model.js';
import type { GitHubWrites, WriteResult } from '../reconcile/ports.js';
import type { GitHubClient } from './client.js';
import { toGitHubError } from './errors.js';
import { endpointPermission } from './permissions.js';
import { RateLimitLatch } from './rate-limit-latch.js';

export interface RestStats {
  reads: number;
  writes: number;
}

function split(repo: string): { owner: string; repo: string } {
  const i = repo.indexOf('/');
  return { owner: repo.slice(0, i), repo: repo.slice(i + 1) };
}

export class RestWriter implements GitHubWrites {
  constructor(
    private readonly client: GitHubClient,
    readonly stats: RestStats,
    /** Shared with the GraphQL runner: a rate limit GitHub reports closes what it covers for the rest of the run. */
    private readonly latch: RateLimitLatch = new RateLimitLatch(),
  ) {}

  async apply(action: Write): Promise<WriteResult | undefined> {
    this.latch.check('rest');
    this.stats.writes += 1;
    const where = split(action.repo);
    try {
      switch (action.kind) {
        case 'set-status': {
          const res = await this.client.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
            ...where,
            sha: action.sha,
            state: action.state,
            context: action.context,
            description: action.description,
            ...(action.targetUrl ? { target_url: action.targetUrl } : {}),
          });
          return { createdAt: res.data.created_at };
        }
        case 'set-check-run': {
          // A conclusion completes the run ("Providing conclusion will automatically set the status
          // parameter to completed", REST docs); completed_at says since when it stands.
          const fields = {
            conclusion: action.conclusion,
            external_id: action.externalId,
            output: { title: action.output.title, summary: action.output.summary, ...(action.output.text ? { text: action.output.text } : {}) },
            completed_at: new Date().toISOString(),
            ...(action.detailsUrl ? { details_url: action.detailsUrl } : {}),
          };
          if (action.runId !== null) {
            const updated = await this.client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...where, check_run_id: action.runId, ...fields });
            return { checkRunId: action.runId, createdAt: updated.data.completed_at ?? null };
          }
          const created = await this.client.request('POST /repos/{owner}/{repo}/check-runs', { ...where, name: action.context, head_sha: action.sha, ...fields });
          // Remembered, so that a quick sweep updates this run rather than create another.
          return { checkRunId: Number(created.data.id), createdAt: created.data.completed_at ?? null };
        }
        case 'add-label':
          await this.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
            ...where,
            issue_number: action.number,
            labels: [action.label],
          });
          return;
        case 'remove-label':
          await this.client.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
            ...where,
            issue_number: action.number,
            name: action.label,
          });
          return;
        case 'create-label':
          await this.client.request('POST /repos/{owner}/{repo}/labels', {
            ...where,
            name: action.name,
            color: action.color,
            description: action.description,
          });
          return;
        case 'create-issue':
          await this.client.request('POST /repos/{owner}/{repo}/issues', { ...where, title: action.title, body: action.body });
          return;
        case 'update-issue':
          await this.client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
            ...where,
            issue_number: action.issue,
            title: action.title,
            body: action.body,
            ...(action.reopen ? { state: 'open' as const } : {}),
          });
          return;
      }
    } catch (error) {
      // A label that exists under another case (GitHub compares label names ignoring case): learn its spelling.
      const existing = await this.existingLabel(action, error);
      if (existing !== null) return existing ? { existingLabel: existing } : undefined;
      // Already in the wanted state (someone, or an earlier killed run, got there first)?
      if (await this.alreadyDone(action, error)) return;
      const refused = toGitHubError(error, `${action.kind} on ${describeTarget(action)}`, endpointPermission(action.kind));
      this.latch.note(refused);
      throw refused;
    }
  }

  /**
   * For a label creation GitHub refused with 422 `already_exists`: the existing label's name, read
   * through the REST lookup (which ignores case), or '' when it cannot be read; null for any other
   * answer.
   */
  private async existingLabel(action: Write, error: unknown): Promise<string | null> {
    if (action.kind !== 'create-label' || !(error instanceof RequestError) || error.status !== 422) return null;
    const errors = (error.response?.data as { errors?: { code?: string }[] } | undefined)?.errors ?? [];
    if (!errors.some((e) => e.code === 'already_exists')) return null;
    this.stats.reads += 1;
    const res = await this.client.request('GET /repos/{owner}/{repo}/labels/{name}', { ...split(action.repo), name: action.name }).catch(() => null);
    return typeof res?.data?.name === 'string' ? res.data.name : '';
  }

  private async alreadyDone(action: Write, error: unknown): Promise<boolean> {
    if (!(error instanceof RequestError)) return false;
    if (action.kind === 'remove-label' && error.status === 404) {
      // GitHub answers 404 both when the label is not on the pull request and when the pull
      // request cannot be seen; only a successful read of its labels tells the two apart.
      this.stats.reads += 1;
      const res = await this.client
        .request('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...split(action.repo), issue_number: action.number, per_page: 100 })
        .catch(() => null);
      return res !== null && !res.data.some((l) => l.name.toLowerCase() === action.label.toLowerCase());
    }
    return false;
  }
}

/** The adapter built for a dry run: any write is a bug, so it refuses loudly. */
export class RefusingWriter implements GitHubWrites {
  async apply(action: Write): Promise<void> {
    throw new Error(`dry run: refusing to ${action.kind} on ${describeTarget(action)}`);
  }
}
