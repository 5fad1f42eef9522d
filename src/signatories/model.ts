// A signatories list as parsed, before it is indexed for matching.

/** One entry of the list. At least one of `github` and `email` is set. */
export interface Signatory {
  /** GitHub login as written (matching is case-insensitive). */
  github: string | null;
  /**
   * As written: a plain address, a `*@domain` pattern, or `sha256:<hex of the lower-cased address>`.
   */
  email: string | null;
  /** 1-based line in the source (the CSV row's line; the YAML/JSON entry's first line). */
  line: number;
  /** Other columns or keys (name, signed_on, ...), kept for reports. */
  extra: Record<string, string>;
}

export interface SignatoryList {
  /** Where the list came from, for messages: a path, a URL or `github:owner/repo/path@ref`. */
  source: string;
  entries: Signatory[];
}
