// What every check is: a name, where its verdict is published, and pure functions from the facts
// of a head's commits to a verdict. The sweep knows checks only through this interface.
import type { ClaFacts } from './cla/facts.js';
import type { DcoFacts } from './dco/facts.js';
import type { CommitRecord, Verdict } from './model.js';

export type CheckName = 'cla' | 'dco';

/** The facts each check keeps of a head, cached and decided again on every sweep. */
export interface CheckFacts {
  cla?: ClaFacts;
  dco?: DcoFacts;
}

/** A head's commits as far as they were read, boiled down to the facts of every configured check. */
export interface HeadFacts {
  headSha: string;
  /** Commits that came back. */
  commitsRead: number;
  /** `commits.totalCount` as GitHub reported it. */
  commitsTotal: number;
  facts: CheckFacts;
}

/** What a check needs read of each commit beyond its SHA, author and message. */
export interface FactNeeds {
  /** Resolve `Co-authored-by` emails to the logins GitHub links them to. */
  coAuthorLogins: boolean;
  /** The committer's name and email. */
  committer: boolean;
}

export interface LabelPair {
  signed: string;
  missing: string;
}

/** A part of a description that names someone or something; an existing status must name it too. */
export interface Mention {
  text: string;
  /** Matches a longer word that starts with `text` (a short SHA in a longer one). */
  prefix?: boolean;
}

/** An address GitHub linked to no account, with a commit it appears on (to ask GitHub about again). */
export interface UnlinkedAddress {
  /** Lower-cased. */
  email: string;
  sha: string;
}

/**
 * A check run's output (PRODUCT.md, Writes: "the full list of who or what is missing in its
 * output"): Markdown, no 140-character limit; GitHub takes at most 65535 characters per field
 * (REST docs, "Create a check run": output.summary / output.text maxLength).
 */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string | null;
}

/** The pull request an output is about (its links point into it). */
export interface OutputTarget {
  repo: string;
  number: number;
}

export interface Check {
  readonly name: CheckName;
  /** Status context, or check run name. */
  readonly context: string;
  /** Where to read how to pass (the status' Details link). */
  readonly targetUrl: string | null;
  readonly labels: LabelPair | null;
  /** Descriptions given to the labels when they are created. */
  readonly labelDescriptions: LabelPair;
  readonly needs: FactNeeds;
  /** SHAs of commits whose parent count the verdict depends on (read in a second, small request). */
  parentsNeeded(commits: CommitRecord[]): string[];
  /** The facts this check keeps of a head's commits. */
  extract(commits: CommitRecord[]): CheckFacts;
  /** Whether `facts` holds what this check needs (a cache written before the check was configured does not). */
  hasFacts(facts: CheckFacts): boolean;
  decide(head: HeadFacts): Verdict;
  /** The status description, at most 140 characters. */
  describe(verdict: Verdict, head: HeadFacts): string;
  /** Who or what the description names. */
  mentions(verdict: Verdict): Mention[];
  /** The check run output (`publish: check-run`): everyone missing and how each can fix it. */
  output(verdict: Verdict, head: HeadFacts, target: OutputTarget): CheckRunOutput;
  /** Who or what the output names: all of them, where the description names those that fit. */
  outputMentions(verdict: Verdict, head: HeadFacts): Mention[];
  /** For `explain`: what this check makes of one commit, a line each, for a person to read. */
  explainCommit(commit: CommitRecord, commits: CommitRecord[]): string[];
  /**
   * Addresses in `facts` that GitHub linked to no account and on which the verdict depends: a
   * contributor fixes such a verdict by linking the address, so they are asked about again on
   * every rescan, without reading the commits again.
   */
  unlinked?(facts: CheckFacts): UnlinkedAddress[];
  /** `facts` with the addresses GitHub now links (lower-cased email → login); the same object when none changed. */
  relink?(facts: CheckFacts, logins: ReadonlyMap<string, string>): CheckFacts;
}

/** Truncated reads decide nothing: a pull request whose commits could not all be read is never passed. */
export function incompleteRead(head: HeadFacts): Verdict | null {
  if (head.commitsRead >= head.commitsTotal) return null;
  return { state: 'error', reason: `only ${head.commitsRead} of ${head.commitsTotal} commits could be read` };
}

/** What each check needs, together: the read asks for the union. */
export function combinedNeeds(checks: readonly Check[]): FactNeeds {
  return {
    coAuthorLogins: checks.some((c) => c.needs.coAuthorLogins),
    committer: checks.some((c) => c.needs.committer),
  };
}
