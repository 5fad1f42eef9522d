// Bookkeeping: what the read and the plan found, counted into the sweep's summary and logged once.
import type { Logger } from '../log.js';
import { actionsOf, type RepoPlan } from './model.js';
import type { ReadEvent } from './read.js';
import type { SweepSummary } from './summary.js';

export function recordRead(summary: SweepSummary, event: ReadEvent, log: Logger): void {
  switch (event.kind) {
    case 'failed': {
      const { repo, error } = event;
      if (error.kind === 'not-found') log.error({ repo, error: error.message }, 'repository not found, or not visible to this token');
      else log.error({ repo, error: error.message }, 'could not read repository');
      summary.repositories.failed.push({ repo, error: error.message, kind: error.kind });
      return;
    }
    case 'archived':
      log.warn({ repo: event.repo }, 'repository is archived: skipped (GitHub refuses writes to it)');
      summary.repositories.archived.push(event.repo);
      return;
    case 'stopped':
      summary.stopped ??= event.reason;
      return;
    case 'observed': {
      const { observation: o } = event;
      summary.repositories.listed += 1;
      summary.pullRequests.seen += o.pullRequests.length;
      for (const pr of o.pullRequests) {
        if (pr.head && pr.cached) summary.pullRequests.unchanged += 1;
        else if (pr.head) summary.pullRequests.fetched += 1;
      }
      for (const f of o.failures) log.error({ pullRequest: f.pullRequest, error: f.error }, 'could not read pull request');
      summary.pullRequests.failed.push(...o.failures);
      summary.pullRequests.notReached += o.notReached;
    }
  }
}

export function recordPlans(summary: SweepSummary, plans: readonly RepoPlan[]): void {
  for (const plan of plans) {
    summary.plan.push(...actionsOf(plan));
    for (const pr of plan.pullRequests) {
      for (const d of pr.decisions) {
        summary.decisions.push(d);
        const counts = summary.verdicts[d.check] ?? { signed: 0, missing: 0, error: 0 };
        counts[d.verdict.state] += 1;
        summary.verdicts[d.check] = counts;
      }
    }
  }
}
