// The data that flows between the read, plan and apply phases of a sweep.

/** A person as GitHub reported them on a commit, before normalisation. */
export interface RawActor {
  name: string | null;
  email: string | null;
  /** GitHub login when the email is linked to an account. */
  login: string | null;
}

/** One commit of a pull request as read from GitHub. */
export interface CommitRecord {
  sha: string;
  headline: string;
  author: RawActor | null;
  /** From the `Co-authored-by` trailers, resolved to logins where GitHub links them. */
  coAuthors: RawActor[];
}

/**
 * A normalised identity: logins and emails lower-cased, GitHub no-reply emails mapped to
 * their login. Built only by `normaliseActor` in identities.ts.
 */
export interface Identity {
  login: string | null;
  email: string | null;
  name: string | null;
}

export type StatusState = 'success' | 'failure' | 'error' | 'pending';

export interface CommitStatus {
  state: StatusState;
  description: string | null;
  targetUrl: string | null;
}

/** What the sweep read about one open pull request. */
export interface PullRequestSnapshot {
  /** "owner/name" as configured. */
  repo: string;
  number: number;
  headSha: string;
  isDraft: boolean;
  /** Every label name on the pull request. */
  labels: string[];
  /** Our status context on `headSha`; null when there is none. */
  status: CommitStatus | null;
}

/** The commits of one head, as far as they could be read. */
export interface AuthorsRecord {
  headSha: string;
  identities: Identity[];
  /** Commits that came back. */
  commitsRead: number;
  /** `commits.totalCount` as GitHub reported it. */
  commitsTotal: number;
}

export type Verdict =
  | { state: 'signed' }
  | { state: 'missing'; missing: Identity[] }
  | { state: 'error'; reason: string };

export type Action =
  | { kind: 'create-label'; repo: string; name: string; color: string; description: string; reason: string }
  | {
      kind: 'set-status';
      repo: string;
      number: number;
      sha: string;
      context: string;
      state: Exclude<StatusState, 'pending'>;
      description: string;
      targetUrl: string | null;
      /** The state on GitHub before this write, for the mass-change guard and the summary. */
      previous: StatusState | null;
      reason: string;
    }
  | { kind: 'add-label'; repo: string; number: number; label: string; reason: string }
  | { kind: 'remove-label'; repo: string; number: number; label: string; reason: string };

export type ActionKind = Action['kind'];
