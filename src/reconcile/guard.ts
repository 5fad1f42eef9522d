// Refuses a plan that would turn many green pull requests red at once, the mark of a broken list.
import type { Action, PullRequestSnapshot } from './model.js';

export interface MassChangeGuard {
  maxFlips: number;
  maxFlipShare: number;
}

export type GuardResult =
  | { ok: true; flips: number }
  | { ok: false; flips: number; green: number; share: number; message: string };

export function checkMassChange(
  actions: Action[],
  snapshots: PullRequestSnapshot[],
  guard: MassChangeGuard,
): GuardResult {
  const flips = actions.filter((a) => a.kind === 'set-status' && a.previous === 'success' && a.state === 'failure').length;
  const green = snapshots.filter((s) => s.status?.state === 'success').length;
  const share = green === 0 ? 0 : flips / green;
  if (flips <= guard.maxFlips || share <= guard.maxFlipShare) return { ok: true, flips };
  const percent = (n: number) => `${Math.round(n * 100)}%`;
  return {
    ok: false,
    flips,
    green,
    share,
    message:
      `This sweep would turn ${flips} of ${green} green pull requests red (${percent(share)}), ` +
      `more than the guard allows (${guard.maxFlips} flips and ${percent(guard.maxFlipShare)} of the green ones). ` +
      'Nothing was written. The likely cause is a truncated or wrong signatories list: check it, ' +
      'and if the change is intended, run again with --allow-mass-change.',
  };
}
