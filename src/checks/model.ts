// What the checks work on (the people and trailers of commits, as read) and what they conclude.

/** A person as GitHub reported them on a commit, before normalisation. */
export interface RawActor {
  name: string | null;
  email: string | null;
  /** GitHub login when the email is linked to an account. */
  login: string | null;
}

/** A `Signed-off-by: Name <email>` trailer. */
export interface SignOff {
  name: string;
  email: string;
}

/**
 * One line of an individual remediation commit, as the DCO app accepts it:
 * "I, Name <email>, hereby add my Signed-off-by to this commit: SHA".
 */
export interface Remediation {
  name: string;
  email: string;
  sha: string;
}

/** One commit of a pull request as read from GitHub, with only the facts the configured checks need. */
export interface CommitRecord {
  sha: string;
  headline: string;
  author: RawActor | null;
  /** From the `Co-authored-by` trailers, resolved to logins where GitHub links them (cla). */
  coAuthors: RawActor[];
  /** Read only when a check needs it (dco). */
  committer?: RawActor | null;
  signOffs?: SignOff[];
  remediations?: Remediation[];
  /** How many parents the commit has; asked only of commits a check needs it for (dco), else undefined. */
  parentCount?: number;
}

/**
 * A normalised identity: logins and emails lower-cased, GitHub no-reply emails mapped to their
 * login. Built only by `normaliseActor` in identities.ts.
 */
export interface Identity {
  login: string | null;
  email: string | null;
  name: string | null;
}

/** What a blocked pull request is missing, one item per person or commit, with the reason a report groups by. */
export type Missing =
  | {
      kind: 'person';
      identity: Identity;
      /** `co-author`: named only in `Co-authored-by` trailers; otherwise by whether GitHub linked an account. */
      reason: 'unsigned-login' | 'unlinked-email' | 'co-author';
    }
  | {
      kind: 'commit';
      sha: string;
      author: Identity;
      reason: 'missing-sign-off';
      /** What is wrong with it, for people: "no Signed-off-by", "Signed-off-by does not match ...". */
      detail: string;
    };

export type Verdict =
  | { state: 'signed' }
  | { state: 'missing'; missing: Missing[] }
  | { state: 'error'; reason: string };

export type VerdictState = Verdict['state'];
