// The configuration file's schema (PRODUCT.md "Configuration"): strict, with defaults.
import { z } from 'zod';
import {
  describeValue,
  expected,
  FullName,
  HttpUrl,
  LabelName,
  positiveInt,
  RepoSelector,
  Schedule,
  SignatoriesPath,
  text,
  wholeNumber,
} from './fields.js';

export { LABEL_MAX_LENGTH } from './fields.js';

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

const Dco = z
  .object(
    {
      context: text('a status context such as "DCO"').default('DCO'),
      url: HttpUrl.nullable().default('https://developercertificate.org/'),
      labels: z
        .object({ signed: LabelName, missing: LabelName }, { error: expected('a mapping with "signed" and "missing"') })
        .strict()
        .refine((l) => l.signed.toLowerCase() !== l.missing.toLowerCase(), {
          path: ['missing'],
          error: (i) => `must differ from dco.labels.signed (${describeValue((i.input as { signed?: unknown }).signed)}; case is ignored)`,
        })
        .optional(),
      remediationCommits: z.boolean({ error: expected('true or false') }).default(true),
    },
    { error: expected('a mapping with "context", "url", "labels" and "remediationCommits"') },
  )
  .strict();

const Cache = z
  .object({ file: text('a path').default('.cla-sweeper/cache.json') }, { error: expected('a mapping with "file"') })
  .strict();

/**
 * "No more than 100 concurrent requests are allowed. This limit is shared across the REST API and
 * GraphQL API." (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits)
 */
export const GITHUB_MAX_CONCURRENCY = 100;

const Github = z
  .object(
    {
      maxConcurrency: positiveInt('requests in flight at once')
        .max(GITHUB_MAX_CONCURRENCY, {
          error: (i) =>
            `expected at most ${GITHUB_MAX_CONCURRENCY} requests in flight, got ${describeValue(i.input)}: GitHub allows no more than ${GITHUB_MAX_CONCURRENCY} concurrent requests per token, REST and GraphQL together (docs: "Rate limits for the REST API", secondary rate limits)`,
        })
        .default(2),
      writeIntervalMs: wholeNumber('milliseconds between two writes').default(1000),
      // GitHub's secondary limit on content-creating requests: "no more than 500 content-generating
      // requests per hour" (same page).
      maxWritesPerHour: positiveInt('writes per rolling hour').default(500),
    },
    { error: expected('a mapping with "maxConcurrency", "writeIntervalMs" and "maxWritesPerHour"') },
  )
  .strict();

const Sweep = z
  .object(
    {
      rescanMinutes: wholeNumber('minutes between two sweeps that read every pull request; 0 for every sweep').default(0),
    },
    { error: expected('a mapping with "rescanMinutes"') },
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
      signatories: SignatoriesConfig.optional(),
      dco: Dco.optional(),
      allowlist: z
        .array(text('a login or email glob such as "*[bot]"'), { error: expected('a list of logins or emails') })
        .default([]),
      status: Status.prefault({}),
      labels: Labels.prefault({}),
      cache: Cache.prefault({}),
      schedule: Schedule.optional(),
      sweep: Sweep.prefault({}),
      github: Github.prefault({}),
      budget: Budget.prefault({}),
      guard: Guard.prefault({}),
      publish: z.enum(['status', 'check-run'], { error: expected('"status" or "check-run"') }).default('status'),
      mergeQueue: z.boolean({ error: expected('true or false') }).default(true),
      dashboard: Dashboard.optional(),
      notify: Notify.optional(),
    },
    { error: expected('a mapping with at least "repositories" and "signatories" (or "dco")') },
  )
  .strict()
  .refine((c) => c.signatories !== undefined || c.dco !== undefined, {
    path: ['signatories'],
    error: 'no check is configured: give "signatories" (the CLA check), "dco" (the DCO sign-off check), or both',
  })
  .refine((c) => !c.signatories || !c.dco || c.status.context.toLowerCase() !== c.dco.context.toLowerCase(), {
    path: ['dco', 'context'],
    error: (i) => `must differ from status.context (${describeValue((i.input as { status: { context: string } }).status.context)}): each check has its own status`,
  })
  .refine(
    (c) => {
      if (!c.signatories || !c.dco?.labels) return true;
      const cla = [c.labels.signed, c.labels.missing].map((l) => l.toLowerCase());
      return ![c.dco.labels.signed, c.dco.labels.missing].some((l) => cla.includes(l.toLowerCase()));
    },
    { path: ['dco', 'labels'], error: 'must differ from the CLA check\'s "labels" (case is ignored): each check has its own labels' },
  );
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
