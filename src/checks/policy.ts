// The signatories list and the allowlist indexed for matching identities.
import { createHash } from 'node:crypto';
import type { Signatory } from '../signatories/model.js';
import { compileGlob, isGlob } from './glob.js';
import type { Identity } from './model.js';

interface Pattern {
  rule: string;
  test: (s: string) => boolean;
}

export interface Policy {
  /** Lower-cased login → the rule that lists it. */
  logins: Map<string, string>;
  emails: Map<string, string>;
  /** Lower-case sha256 hex of a lower-cased address → rule. */
  hashedEmails: Map<string, string>;
  emailPatterns: Pattern[];
  allowLogins: Pattern[];
  allowEmails: Pattern[];
}

export type CoverageRoute =
  | 'login'
  | 'email'
  | 'hashed-email'
  | 'email-pattern'
  | 'allowlist-login'
  | 'allowlist-email';

export type Coverage =
  | { covered: true; by: CoverageRoute; rule: string }
  | { covered: false; reason: string };

const HASHED = /^sha256:([0-9a-f]{64})$/i;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function buildPolicy(signatories: Signatory[], allowlist: string[]): Policy {
  const policy: Policy = {
    logins: new Map(),
    emails: new Map(),
    hashedEmails: new Map(),
    emailPatterns: [],
    allowLogins: [],
    allowEmails: [],
  };
  for (const entry of signatories) {
    const at = `line ${entry.line}`;
    const login = entry.github?.trim().replace(/^@/, '').toLowerCase();
    if (login && !policy.logins.has(login)) policy.logins.set(login, `github: ${login} (${at})`);
    const email = entry.email?.trim().toLowerCase();
    if (!email) continue;
    const hashed = HASHED.exec(email);
    if (hashed) {
      const hex = hashed[1]!;
      if (!policy.hashedEmails.has(hex)) policy.hashedEmails.set(hex, `email: sha256:${hex.slice(0, 12)}… (${at})`);
    } else if (isGlob(email)) {
      policy.emailPatterns.push({ rule: `email: ${email} (${at})`, test: compileGlob(email) });
    } else if (!policy.emails.has(email)) {
      policy.emails.set(email, `email: ${email} (${at})`);
    }
  }
  for (const raw of allowlist) {
    const pattern = raw.trim();
    if (pattern === '') continue;
    const compiled = { rule: `allowlist: ${pattern}`, test: compileGlob(pattern) };
    (pattern.includes('@') ? policy.allowEmails : policy.allowLogins).push(compiled);
  }
  return policy;
}

/** Whether one normalised identity is covered, and by which rule or why not. */
export function coverage(identity: Identity, policy: Policy): Coverage {
  const { login, email } = identity;
  if (login !== null) {
    const rule = policy.logins.get(login);
    if (rule) return { covered: true, by: 'login', rule };
    const allowed = policy.allowLogins.find((p) => p.test(login));
    if (allowed) return { covered: true, by: 'allowlist-login', rule: allowed.rule };
  }
  if (email !== null) {
    const rule = policy.emails.get(email);
    if (rule) return { covered: true, by: 'email', rule };
    const hashed = policy.hashedEmails.get(sha256Hex(email));
    if (hashed) return { covered: true, by: 'hashed-email', rule: hashed };
    const pattern = policy.emailPatterns.find((p) => p.test(email));
    if (pattern) return { covered: true, by: 'email-pattern', rule: pattern.rule };
    const allowed = policy.allowEmails.find((p) => p.test(email));
    if (allowed) return { covered: true, by: 'allowlist-email', rule: allowed.rule };
  }
  return { covered: false, reason: notCoveredReason(identity) };
}

/** The allowlist rule that accepts an identity (by login or email), or null. */
export function allowlisted(identity: Identity, policy: Policy): string | null {
  const { login, email } = identity;
  const byLogin = login !== null ? policy.allowLogins.find((p) => p.test(login)) : undefined;
  const byEmail = email !== null ? policy.allowEmails.find((p) => p.test(email)) : undefined;
  return (byLogin ?? byEmail)?.rule ?? null;
}

function notCoveredReason({ login, email, name }: Identity): string {
  if (login !== null && email !== null && !email.includes('@users.noreply.')) {
    return `neither login @${login} nor email ${email} is on the list or the allowlist`;
  }
  if (login !== null) return `login @${login} is not on the list or the allowlist`;
  if (email !== null) return `email ${email} is not linked to a GitHub account and not on the list`;
  return `GitHub could not tell who authored the commit${name ? ` (name "${name}", no email)` : ''}`;
}
