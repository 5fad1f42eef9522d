// Refuses a plan that would turn many green pull requests red at once, the mark of a broken list.
import { type Action, actionsOf, type RepoPlan } from './model.js';

export interface MassChangeGuard {
  maxFlips: number;
  maxFlipShare: number;
}

export type GuardResult =
  | { ok: true; flips: number }
  | { ok: false; flips: number; green: number; share: number; message: string };

/** Counts success → failure flips against what was green before, over every check. */
export function checkMassChange(plans: readonly RepoPlan[], guard: MassChangeGuard): GuardResult {
  const actions: Action[] = plans.flatMap(actionsOf);
  const flips = actions.filter((a) => (a.kind === 'set-status' || a.kind === 'set-check-run') && a.previous === 'success' && a.state === 'failure').length;
  const green = plans.reduce(
    (sum, p) => sum + p.pullRequests.reduce((n, pr) => n + pr.decisions.filter((d) => d.before?.state === 'success').length, 0),
    0,
  );
  const share = green === 0 ? 0 : flips / green;
  if (flips <= guard.maxFlips || share <= guard.maxFlipShare) return { ok: true, flips };
  const percent = (n: number) => `${Math.round(n * 100)}%`;
  return {
    ok: false,
    flips,
    green,
    share,
    message:
      `This sweep would turn ${flips} of ${green} green checks red (${percent(share)}), ` +
      `more than the guard allows (${guard.maxFlips} flips and ${percent(guard.maxFlipShare)} of the green ones). ` +
      'Nothing was written. The likely cause is a truncated or wrong signatories list: check it, ' +
      'and if the change is intended, run again with --allow-mass-change.',
  };
}
