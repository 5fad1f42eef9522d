// One signatories entry checked and built from its fields, whatever the file format.
import { isLogin } from '../config/repo-name.js';
import { SignatoriesError } from '../errors.js';
import type { Signatory } from './model.js';

const PLAIN_EMAIL = /^[^\s@*]+@[^\s@*.]+(?:\.[^\s@*.]+)*$/;
/** `*@bigcorp.example` or `*@*.bigcorp.example`; at least two labels, so that `*@com` is refused. */
const DOMAIN_PATTERN = /^\*@(?:\*\.)?[^\s@*.]+(?:\.[^\s@*.]+)+$/;
const HASHED_EMAIL = /^sha256:[0-9a-f]{64}$/i;

export function isEmailRule(s: string): boolean {
  return PLAIN_EMAIL.test(s) || DOMAIN_PATTERN.test(s) || HASHED_EMAIL.test(s);
}

/** How a value reads in a message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'an empty value';
  return `${String(value)} (a ${typeof value})`;
}

/**
 * `fields` maps each key (or CSV column) to its scalar value, null when empty; keys other than
 * github and email go to `extra`. `index` is 0-based, messages count from 1.
 */
export function toEntry(fields: Map<string, unknown>, index: number, source: string, line: number): Signatory {
  const fail = (detail: string): never => {
    throw new SignatoriesError(source, `entry ${index + 1}: ${detail}`, line);
  };
  const github = fields.get('github') ?? null;
  const email = fields.get('email') ?? null;
  if (github === null && email === null) fail('has neither "github" nor "email"');
  if (github !== null) {
    if (typeof github !== 'string') fail(`github ${describe(github)} is not a login (quote it if it is one)`);
    else if (!isLogin(github)) {
      fail(`github ${describe(github)} is not a GitHub login${github.startsWith('@') ? ' (write it without the @)' : ''}`);
    }
  }
  if (email !== null && (typeof email !== 'string' || !isEmailRule(email))) {
    fail(`email ${describe(email)} is not an email address, a *@domain pattern or sha256:<64 hex>`);
  }
  const extra: Record<string, string> = {};
  for (const [key, value] of fields) {
    if (key !== 'github' && key !== 'email' && value !== null && value !== undefined) extra[key] = String(value);
  }
  return { github: github as string | null, email: email as string | null, line, extra };
}
