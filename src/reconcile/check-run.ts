// How a check's verdict reads as a check run (publish: check-run), and back.
import type { Published, PublishedState } from './model.js';

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

/**
 * What the cache keeps of what stands (quick sweeps compare with it): a run's output only where it
 * can matter. A run that passes names nobody a passing verdict needs named, and any other verdict
 * differs from it in state, so its summary and text are dropped (they can be kilobytes).
 */
export function compactPublished(published: Record<string, Published | null>): Record<string, Published | null> {
  const out: Record<string, Published | null> = {};
  for (const [context, p] of Object.entries(published)) {
    out[context] = p?.checkRun && p.state === 'success' ? { ...p, checkRun: { id: p.checkRun.id, output: { title: p.checkRun.output.title, summary: '', text: null } } } : p;
  }
  return out;
}
