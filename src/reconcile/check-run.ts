// How a check's verdict reads as a check run (publish: check-run), and back.
import type { PublishedState } from './model.js';

/**
 * The `external_id` of every check run this tool writes. Runs of the App the token belongs to
 * that do not carry it are not ours: with the GITHUB_TOKEN of GitHub Actions every workflow job's
 * run belongs to that same App (PRODUCT.md, Writes).
 */
export const CHECK_RUN_MARKER = 'cla-sweeper';

export type CheckRunConclusion = 'success' | 'action_required' | 'failure';

/** PRODUCT.md, Writes: `success` when signed, `action_required` when missing, `failure` for `error`. */
export const CONCLUSION_OF: Record<Exclude<PublishedState, 'pending'>, CheckRunConclusion> = {
  success: 'success',
  failure: 'action_required',
  error: 'failure',
};

/**
 * What a run as read means, in the states statuses use: the conclusions we write map back, and
 * anything else (a run not completed, `neutral`, `cancelled`, `timed_out`…, or a conclusion
 * changed by hand to one we never write) is `pending`, which no verdict matches, so it is repaired.
 */
export function stateOfRun(status: string, conclusion: string | null): PublishedState {
  if (status.toLowerCase() !== 'completed') return 'pending';
  switch (conclusion?.toLowerCase()) {
    case 'success':
      return 'success';
    case 'action_required':
      return 'failure';
    case 'failure':
      return 'error';
    default:
      return 'pending';
  }
}
