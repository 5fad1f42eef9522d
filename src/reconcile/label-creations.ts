// The planned label creations of a run, each made once, just before the first pull request that
// adds the label: a budget that ends the run is then never spent on labels nobody gets.
import type { Action, PlannedPullRequest, RepoPlan } from './model.js';

export interface Creation {
  action: Action & { kind: 'create-label' };
  /** Started (and then settled) once, by the first pull request that needs the label. */
  done: Promise<void> | null;
}

/** The planned label creations, each made once, before the first pull request that adds the label. */
export class LabelCreations {
  private readonly byLabel = new Map<string, Creation>();

  constructor(plans: readonly RepoPlan[]) {
    for (const plan of plans) {
      for (const action of plan.labelCreations) {
        if (action.kind === 'create-label') this.byLabel.set(key(action.repo, action.name), { action, done: null });
      }
    }
  }

  neededBy(pr: PlannedPullRequest): Creation[] {
    const out: Creation[] = [];
    for (const a of pr.actions) {
      const c = a.kind === 'add-label' ? this.byLabel.get(key(a.repo, a.label)) : undefined;
      if (c && !out.includes(c)) out.push(c);
    }
    return out;
  }

  unstarted(): Creation[] {
    return [...this.byLabel.values()].filter((c) => c.done === null);
  }
}

// GitHub label names are unique whatever their case.
const key = (repo: string, label: string) => `${repo.toLowerCase()}\u0000${label.toLowerCase()}`;
