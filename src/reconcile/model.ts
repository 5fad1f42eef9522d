// The data that flows between the read, plan and apply phases of a sweep.
import type { CheckName, CheckRunOutput, HeadFacts } from '../checks/check.js';
import type { Verdict } from '../checks/model.js';
import type { CheckRunConclusion } from './check-run.js';

export type PublishedState = 'success' | 'failure' | 'error' | 'pending';

/** A check's verdict as it stands on GitHub: our commit status, or check run, on the head. */
export interface Published {
  /** A check run's conclusion reads as the status state it stands for (check-run.ts). */
  state: PublishedState;
  /** A check run's output title. */
  description: string | null;
  /** A check run's `details_url`. */
  targetUrl: string | null;
  /** When it was written (GitHub's time), when known; a check run's completion time. */
  createdAt: string | null;
  /** Set when it is a check run of ours (`publish: check-run`): it is updated in place. */
  checkRun?: { id: number; output: CheckRunOutput };
}

/**
 * What stood on GitHub for a pull request, as last read or written: a quick sweep takes it for a
 * pull request that did not change since (a rescan corrects it).
 */
export interface SeenState {
  /** The head the listing showed. */
  headSha: string;
  updatedAt: string | null;
  isDraft: boolean;
  labels: string[];
  published: Record<string, Published | null>;
  /** When it was read from GitHub (ms since the epoch). */
  readAt: number;
}

/** One open pull request as listed, with what GitHub shows on it. */
export interface ListedPullRequest {
  /** "owner/name" as configured. */
  repo: string;
  number: number;
  headSha: string;
  isDraft: boolean;
  /** GitHub's `updatedAt`, when read. */
  updatedAt: string | null;
  /** Every label name on the pull request. */
  labels: string[];
  /**
   * What stands on `headSha` per status context we publish (null: nothing); a context left out was
   * not read yet (the head is new, so it is read with the commits).
   */
  published: Record<string, Published | null>;
  /** Set when this comes from memory, not from GitHub this run: when it was last read. */
  seenAt?: number;
}

/** A pull request as the read phase observed it: listed, and the facts of its head when known. */
export interface ObservedPullRequest extends ListedPullRequest {
  /** The facts of a head read together with its commits (or remembered); null when they could not be read this run. */
  head: HeadFacts | null;
  /** `head` came from the cache: no commit was read. */
  cached: boolean;
  /** When the pull request was listed (ms since the epoch). */
  readAt: number;
}

export interface RepoObservation {
  repo: string;
  /** Names of the labels that exist in the repository, in GitHub's case. */
  existingLabels: string[];
  pullRequests: ObservedPullRequest[];
  /** Pull requests whose commits GitHub would not give. */
  failures: { pullRequest: string; error: string }[];
  /** Pull requests whose commits were not read because the sweep stopped early. */
  notReached: number;
  /** Whether it has a merge queue, when the listing asked (`mergeQueue: true`); undefined: not known. */
  hasMergeQueue?: boolean;
}

/** One check's verdict on one pull request: kept for the summary, the report and the dashboard. */
export interface Decision {
  repo: string;
  number: number;
  check: CheckName;
  context: string;
  /** The head SHA read together with the commits: the one the verdict is written to. */
  sha: string;
  verdict: Verdict;
  /** What stood on GitHub before this sweep (null: nothing, or the head moved since listing). */
  before: Published | null;
}

export type Action =
  | { kind: 'create-label'; repo: string; name: string; color: string; description: string; reason: string }
  | {
      kind: 'set-status';
      repo: string;
      number: number;
      sha: string;
      context: string;
      state: Exclude<PublishedState, 'pending'>;
      description: string;
      targetUrl: string | null;
      /** The state on GitHub before this write, for the mass-change guard and the summary. */
      previous: PublishedState | null;
      reason: string;
      /** Written to a merge queue group's head commit, for the queue entry of pull request `number`. */
      mergeGroup?: true;
    }
  | {
      kind: 'set-check-run';
      repo: string;
      number: number;
      sha: string;
      /** The check run's name. */
      context: string;
      /** The verdict as a status state (for the guard and the summary); `conclusion` is what is written. */
      state: Exclude<PublishedState, 'pending'>;
      conclusion: CheckRunConclusion;
      detailsUrl: string | null;
      externalId: string;
      output: CheckRunOutput;
      /** Our run to update in place; null: create one. */
      runId: number | null;
      previous: PublishedState | null;
      reason: string;
      mergeGroup?: true;
    }
  | { kind: 'add-label'; repo: string; number: number; label: string; reason: string }
  | { kind: 'remove-label'; repo: string; number: number; label: string; reason: string };

export type ActionKind = Action['kind'];

/**
 * The dashboard issue's writes: no pull request's plan holds them, but the same writer makes them,
 * so that whatever paces or budgets the sweep's writes counts them too.
 */
export type IssueWrite =
  | { kind: 'create-issue'; repo: string; title: string; body: string; reason: string }
  | { kind: 'update-issue'; repo: string; issue: number; title: string; body: string; reopen: boolean; reason: string };

/** Every write the writer makes. */
export type Write = Action | IssueWrite;
export type WriteKind = Write['kind'];

/** What the plan decided for one pull request. */
export interface PlannedPullRequest {
  repo: string;
  number: number;
  updatedAt: string | null;
  readAt: number;
  decisions: Decision[];
  /** In the order they are to be made. */
  actions: Action[];
}

/** What the plan decided for one merge queue entry's group head commit (merge-groups.ts). */
export interface PlannedMergeGroup {
  repo: string;
  /** The queue entry's pull request. */
  number: number;
  position: number;
  /** The group's head commit. */
  sha: string;
  actions: Action[];
}

export interface RepoPlan {
  repo: string;
  /** Labels to create before any pull request is written to. */
  labelCreations: Action[];
  pullRequests: PlannedPullRequest[];
  /** The merge queue's group heads (`mergeQueue: true`), written before the pull requests. */
  mergeGroups?: PlannedMergeGroup[];
  /** False when the listing found it has no merge queue: none is read. */
  hasMergeQueue?: boolean;
}

export function actionsOf(plan: RepoPlan): Action[] {
  return [...plan.labelCreations, ...(plan.mergeGroups ?? []).flatMap((g) => g.actions), ...plan.pullRequests.flatMap((p) => p.actions)];
}

export function describeTarget(action: Write): string {
  if (action.kind === 'create-label' || action.kind === 'create-issue') return action.repo;
  if ((action.kind === 'set-status' || action.kind === 'set-check-run') && action.mergeGroup) {
    return `${action.repo} merge group of #${action.number} (${action.sha.slice(0, 7)})`;
  }
  return `${action.repo}#${action.kind === 'update-issue' ? action.issue : action.number}`;
}
