// The configuration file's schema (PRODUCT.md "Configuration"): strict, with defaults.
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
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: ${what}` : `expected ${what}, got ${describeValue(issue.input)}`;
}

function text(what: string) {
  return z.string({ error: expected(what) }).min(1, { error: `must not be empty: ${what}` });
}

const RepoSelector = z
  .string({ error: expected('"owner/name" or "owner/*"') })
  .refine(isRepoSelector, { error: (i) => `${describeValue(i.input)} is not "owner/name" or "owner/*"` });

const FullName = z
  .string({ error: expected('"owner/name"') })
  .refine(isFullName, { error: (i) => `${describeValue(i.input)} is not "owner/name"` });

const HttpUrl = z
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

const SignatoriesPath = text('a path ending in .yaml, .yml, .json or .csv').refine(
  (s) => SIGNATORIES_EXTENSION.test(s),
  { error: (i) => `${describeValue(i.input)} does not end in .yaml, .yml, .json or .csv (the format comes from it)` },
);

function positiveInt(what: string) {
  return z
    .number({ error: expected(`a positive whole number (${what})`) })
    .int({ error: (i) => `expected a positive whole number (${what}), got ${describeValue(i.input)}` })
    .positive({ error: (i) => `expected a positive whole number (${what}), got ${describeValue(i.input)}` });
}

function wholeNumber(what: string) {
  return z
    .number({ error: expected(`a whole number ≥ 0 (${what})`) })
    .int({ error: (i) => `expected a whole number ≥ 0 (${what}), got ${describeValue(i.input)}` })
    .nonnegative({ error: (i) => `expected a whole number ≥ 0 (${what}), got ${describeValue(i.input)}` });
}

const LabelName = text('a label name').max(LABEL_MAX_LENGTH, {
  error: (i) => `${describeValue(i.input)} is longer than GitHub's ${LABEL_MAX_LENGTH}-character limit for label names`,
});

export const SignatoriesConfig = z
  .object(
    {
      file: SignatoriesPath.optional(),
      url: HttpUrl.optional(),
      github: z
        .object(
          { repo: FullName, path: SignatoriesPath, ref: text('a branch, tag or commit').nullable().default(null) },
          { error: expected('a mapping with "repo", "path" and optionally "ref"') },
        )
        .strict()
        .optional(),
    },
    { error: expected('a mapping with exactly one of "file", "url" or "github"') },
  )
  .strict()
  .refine((s) => [s.file, s.url, s.github].filter((v) => v !== undefined).length === 1, {
    error: (i) => {
      const given = Object.keys((i.input as object | null) ?? {}).filter((k) => ['file', 'url', 'github'].includes(k));
      return given.length === 0
        ? 'give one source: "file", "url" or "github"'
        : `give exactly one source of "file", "url" or "github", not ${given.map((k) => `"${k}"`).join(' and ')}`;
    },
  });

const Status = z
  .object(
    { context: text('a status context such as "cla/signed"').default('cla/signed'), url: HttpUrl.nullable().default(null) },
    { error: expected('a mapping with "context" and "url"') },
  )
  .strict();

const Labels = z
  .object(
    { signed: LabelName.default('cla: signed'), missing: LabelName.default('cla: missing') },
    { error: expected('a mapping with "signed" and "missing"') },
  )
  .strict()
  .refine((l) => l.signed.toLowerCase() !== l.missing.toLowerCase(), {
    // GitHub compares label names case-insensitively.
    path: ['missing'],
    error: (i) => `must differ from labels.signed (${describeValue((i.input as { signed?: unknown }).signed)}; case is ignored)`,
  });

const Cache = z
  .object({ file: text('a path').default('.cla-sweeper/cache.json') }, { error: expected('a mapping with "file"') })
  .strict();

const Schedule = z.string({ error: expected('a cron expression such as "*/15 * * * *"') }).superRefine((s, ctx) => {
  const result = validateCron(s);
  if (result.valid) return;
  const reason = result.errors.map((e) => e.message).join('; ');
  ctx.addIssue({ code: 'custom', message: `${describeValue(s)} is not a cron expression (${reason})`, input: s });
});

const Github = z
  .object(
    {
      maxConcurrency: positiveInt('requests in flight at once').default(2),
      writeIntervalMs: wholeNumber('milliseconds between two writes').default(1000),
    },
    { error: expected('a mapping with "maxConcurrency" and "writeIntervalMs"') },
  )
  .strict();

const Budget = z
  .object({ reservePoints: wholeNumber('GraphQL points kept in reserve').default(500) }, {
    error: expected('a mapping with "reservePoints"'),
  })
  .strict();

const Guard = z
  .object(
    {
      maxFlips: wholeNumber('success → failure flips allowed').default(10),
      maxFlipShare: z
        .number({ error: expected('a share between 0 and 1') })
        .min(0, { error: (i) => `expected a share between 0 and 1, got ${describeValue(i.input)}` })
        .max(1, { error: (i) => `expected a share between 0 and 1, got ${describeValue(i.input)}` })
        .default(0.2),
    },
    { error: expected('a mapping with "maxFlips" and "maxFlipShare"') },
  )
  .strict();

const Dashboard = z
  .object(
    { repo: FullName, title: text('an issue title').default('CLA dashboard') },
    { error: expected('a mapping with "repo" and "title"') },
  )
  .strict();

const Notify = z.object({ url: HttpUrl }, { error: expected('a mapping with "url"') }).strict();

export const Config = z
  .object(
    {
      repositories: z
        .array(RepoSelector, { error: expected('a list of "owner/name" or "owner/*"') })
        .min(1, { error: 'the list is empty: name at least one "owner/name" or "owner/*"' }),
      exclude: z.array(FullName, { error: expected('a list of "owner/name"') }).default([]),
      signatories: SignatoriesConfig,
      allowlist: z
        .array(text('a login or email glob such as "*[bot]"'), { error: expected('a list of logins or emails') })
        .default([]),
      status: Status.prefault({}),
      labels: Labels.prefault({}),
      cache: Cache.prefault({}),
      schedule: Schedule.optional(),
      github: Github.prefault({}),
      budget: Budget.prefault({}),
      guard: Guard.prefault({}),
      dashboard: Dashboard.optional(),
      notify: Notify.optional(),
    },
    { error: expected('a mapping with at least "repositories" and "signatories"') },
  )
  .strict();
export type Config = z.infer<typeof Config>;

/** The keys an object of the schema accepts at `path`, for "unknown key" messages. */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType | undefined = Config;
  for (const segment of [...path, null]) {
    while (schema) {
      const def: z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; in?: z.core.$ZodType } = schema._zod.def;
      if (def.innerType) schema = def.innerType;
      else if (def.type === 'pipe' && def.in) schema = def.in;
      else break;
    }
    if (!(schema instanceof z.ZodObject)) return [];
    if (segment === null) return Object.keys(schema.shape);
    schema = (schema.shape as Record<string, z.core.$ZodType>)[String(segment)];
  }
  return [];
}
