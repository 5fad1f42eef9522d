// Repositories whose writes GitHub refused this run for lack of a permission: each is recorded
// once (summary and log) and gets no further write attempt this run.
import type { GitHubError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Action } from './model.js';
import type { SweepSummary } from './summary.js';

export class RepositoryRefusals {
  private readonly refused = new Set<string>();

  constructor(
    private readonly summary: SweepSummary,
    private readonly log: Logger,
  ) {}

  has(repo: string): boolean {
    return this.refused.has(repo.toLowerCase());
  }

  /** Records the first refusal of a repository; false for a later one (a write that was already in flight). */
  record(action: Action, error: GitHubError): boolean {
    const repo = action.repo;
    if (this.has(repo)) return false;
    this.refused.add(repo.toLowerCase());
    const permission = error.permission ?? 'write access';
    this.summary.writes.refused.push({ repo, kind: action.kind, permission, error: error.message });
    this.log.error({ repo, permission, error: error.message }, 'the token may not write to this repository: no further writes to it this run');
    return true;
  }
}
