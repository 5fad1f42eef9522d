// The building blocks of the configuration schema, each with messages that say what was expected.
import { validateDetailed as validateCron } from 'node-cron';
import { z } from 'zod';
import { redactUrl } from '../signatories/redact-url.js';
import { isFullName, isRepoSelector } from './repo-name.js';

/**
 * GitHub answers 422 "name is too long (maximum is 50 characters)" above this; the REST docs do
 * not state the limit.
 */
export const LABEL_MAX_LENGTH = 50;

const SIGNATORIES_EXTENSION = /\.(ya?ml|json|csv)$/i;

/** How a value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `the ${typeof value} ${String(value)}`;
}

/** `expected <what>, got <value>`, or `required: <what>` when the key is absent. */
export function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: ${what}` : `expected ${what}, got ${describeValue(issue.input)}`;
}

export function text(what: string) {
  return z.string({ error: expected(what) }).min(1, { error: `must not be empty: ${what}` });
}

export const RepoSelector = z
  .string({ error: expected('"owner/name" or "owner/*"') })
  .refine(isRepoSelector, { error: (i) => `${describeValue(i.input)} is not "owner/name" or "owner/*"` });

export const FullName = z
  .string({ error: expected('"owner/name"') })
  .refine(isFullName, { error: (i) => `${describeValue(i.input)} is not "owner/name"` });

export const HttpUrl = z
  .string({ error: expected('an http(s) URL') })
  .refine(
    (s) => {
      try {
        const url = new URL(s);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { error: (i) => `${describeValue(typeof i.input === 'string' ? redactUrl(i.input) : i.input)} is not an http(s) URL` },
  )
  .refine((s) => !/^[a-z]+:\/\/[^/]*@/i.test(s), {
    error: (i) => `${describeValue(redactUrl(String(i.input)))}: credentials in the URL are not supported`,
  });

export const SignatoriesPath = text('a path ending in .yaml, .yml, .json or .csv').refine(
  (s) => SIGNATORIES_EXTENSION.test(s),
  { error: (i) => `${describeValue(i.input)} does not end in .yaml, .yml, .json or .csv (the format comes from it)` },
);

export function positiveInt(what: string) {
  return z
    .number({ error: expected(`a positive whole number (${what})`) })
    .int({ error: (i) => `expected a positive whole number (${what}), got ${describeValue(i.input)}` })
    .positive({ error: (i) => `expected a positive whole number (${what}), got ${describeValue(i.input)}` });
}

export function wholeNumber(what: string) {
  return z
    .number({ error: expected(`a whole number ≥ 0 (${what})`) })
    .int({ error: (i) => `expected a whole number ≥ 0 (${what}), got ${describeValue(i.input)}` })
    .nonnegative({ error: (i) => `expected a whole number ≥ 0 (${what}), got ${describeValue(i.input)}` });
}

export const LabelName = text('a label name').max(LABEL_MAX_LENGTH, {
  error: (i) => `${describeValue(i.input)} is longer than GitHub's ${LABEL_MAX_LENGTH}-character limit for label names`,
});

export const Schedule = z.string({ error: expected('a cron expression such as "*/15 * * * *"') }).superRefine((s, ctx) => {
  const result = validateCron(s);
  if (result.valid) return;
  const reason = result.errors.map((e) => e.message).join('; ');
  ctx.addIssue({ code: 'custom', message: `${describeValue(s)} is not a cron expression (${reason})`, input: s });
});
