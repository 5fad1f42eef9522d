// Reads the commits of new heads: every page, each author, and the co-authors of the
// `Co-authored-by` trailers with the logins GitHub links to their emails.
import { parseCoAuthors } from '../checks/cla/co-authors.js';
import { parseRemediations, parseSignOffs } from '../checks/dco/trailers.js';
import { noReplyLogin } from '../checks/identities.js';
import type { CommitRecord } from '../checks/model.js';
import type { GitHubError } from '../errors.js';
import type { CommitsRequest, CommitsResult } from '../reconcile/ports.js';
import { type GraphqlRunner, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';
import { z } from 'zod';
import { Actor, CommitsPage, CommitOnHead, errorsAt, partFailure, shapeProblem } from './answers.js';
import { asGitHubError } from './read-errors.js';
import { linkCoAuthors, publishedOn, splitRepo, toActor } from './shapes.js';

/** `r{i}: repository { pullRequest(number:) { … } head: object(oid:) { … } }`. */
const CommitsAnswer = z.object({ pullRequest: CommitsPage.nullable(), head: CommitOnHead.optional() }).nullable();

/** `c{i}: repository { object(oid:) { ... on Commit { oid authors { nodes } } } }`. */
const AuthorsAnswer = z
  .object({ object: z.object({ oid: z.string(), authors: z.object({ nodes: z.array(Actor) }) }).nullable() })
  .nullable();

export interface CommitReadSettings extends q.ReadShape {
  /** Look up the logins GitHub links to co-author emails (the CLA check needs them). */
  coAuthorLogins: boolean;
  /** `users.noreply.HOST`: such co-author addresses name their login already. */
  noReplyDomain: string;
}

const COMMIT_PAGES_PER_REQUEST = 100;
const COAUTHOR_LOOKUPS_PER_REQUEST = 100;

/**
 * Every commit of each requested pull request (all pages), with authors and co-authors.
 * Calls `onResult` per pull request as soon as it is complete, `onFailure` when it cannot be read.
 */
export async function fetchCommits(
  runner: GraphqlRunner,
  settings: CommitReadSettings,
  requests: CommitsRequest[],
  onResult: (r: CommitsResult) => void,
  onFailure: (req: CommitsRequest, error: GitHubError) => void,
  /** When aborted, no further request starts; what is not complete yet is neither result nor failure. */
  signal?: AbortSignal,
): Promise<void> {
  interface Acc {
    req: CommitsRequest;
    result: CommitsResult;
    after: string | null;
    messages: Map<string, string>;
  }
  let pending: Acc[] = requests.map((req) => ({
    req,
    result: { repo: req.repo, number: req.number, headSha: req.listedSha, commits: [], total: 0, closed: false },
    after: null,
    messages: new Map(),
  }));
  let complete: Acc[] = [];
  // Pull requests are handed over as each round of pages completes, so that a sweep stopped by
  // the budget keeps (and caches) what it has read.
  const deliver = async () => {
    const done = complete.map((a) => a.result);
    complete = [];
    const needsLookup = (c: CommitRecord) => settings.coAuthorLogins && needsCoAuthorLookup(c, settings.noReplyDomain);
    const lookUp = done.filter((r) => r.commits.some(needsLookup));
    for (const r of done) {
      if (!lookUp.includes(r)) onResult(r);
    }
    // Interrupted: those that need a lookup are read again next run.
    if (signal?.aborted) return;
    const unresolved = await resolveCoAuthorLogins(runner, lookUp, needsLookup, onFailure);
    for (const r of lookUp) {
      if (!unresolved.has(r)) onResult(r);
    }
  };
  while (pending.length > 0) {
    const next: Acc[] = [];
    try {
      await runInBatches(
        pending,
        COMMIT_PAGES_PER_REQUEST,
        async (batch) => {
          if (signal?.aborted) return;
          const pages: q.CommitsPage[] = batch.map((a) => {
            const [owner, name] = splitRepo(a.req.repo);
            const first = a.after === null;
            return {
              owner,
              name,
              number: a.req.number,
              after: a.after,
              statusSha: first && a.req.readPublished ? a.req.listedSha : null,
            };
          });
          const vars: Record<string, unknown> = {};
          if (pages.some((p) => p.statusSha)) Object.assign(vars, q.contextValues(settings));
          pages.forEach((p, i) => {
            vars[`o${i}`] = p.owner;
            vars[`n${i}`] = p.name;
            vars[`p${i}`] = p.number;
            vars[`a${i}`] = p.after;
            if (p.statusSha) vars[`h${i}`] = p.statusSha;
          });
          const { data, errors } = await runner.run<Record<string, unknown>>(
            'FetchPullRequestCommits',
            q.fetchPullRequestCommits(pages, settings),
            vars,
            Math.max(1, Math.round((batch.length + pages.filter((p) => p.statusSha).length * q.publishedUnits(settings)) / 100)),
            { splittable: batch.length > 1 },
          );
          batch.forEach((a, i) => {
            // Any error under the pull request's alias (a commit, an author, the head's statuses)
            // means part of it is missing: it is never decided on a part.
            const read = CommitsAnswer.safeParse(data[`r${i}`]);
            const problems = errorsAt(errors, [`r${i}`]);
            const pr = read.success ? read.data?.pullRequest : null;
            const repo = read.success ? read.data : null;
            if (!repo || !pr || problems.length > 0) {
              const what = `${a.req.repo}#${a.req.number}`;
              onFailure(a.req, partFailure(what, problems, read.success ? null : shapeProblem(read.error, `r${i}`)));
              return;
            }
            if (pages[i]!.statusSha) {
              const head = repo.head ?? null;
              // A head not found (pushed over since listing) has nothing of ours on it.
              a.result.published = publishedOn(head?.oid === a.req.listedSha ? head : null, settings);
            }
            if (a.after !== null && pr.headRefOid !== a.result.headSha) {
              // The head moved between pages: start again from the first page.
              a.result.commits = [];
              a.messages.clear();
              a.after = null;
              next.push(a);
              return;
            }
            a.result.headSha = pr.headRefOid;
            a.result.total = pr.commits.totalCount;
            a.result.closed = pr.state !== 'OPEN';
            for (const n of pr.commits.nodes) {
              const { message } = n.commit;
              const commit: CommitRecord = {
                sha: n.commit.oid,
                headline: message.split('\n', 1)[0] ?? '',
                author: toActor(n.commit.author),
                coAuthors: parseCoAuthors(message),
                signOffs: parseSignOffs(message),
                remediations: parseRemediations(message),
              };
              if (settings.committer) commit.committer = toActor(n.commit.committer);
              a.result.commits.push(commit);
            }
            if (pr.commits.pageInfo.hasNextPage && pr.commits.nodes.length > 0) {
              a.after = pr.commits.pageInfo.endCursor;
              next.push(a);
            } else {
              complete.push(a);
            }
          });
        },
        (a, error) => onFailure(a.req, asGitHubError(error, `${a.req.repo}#${a.req.number}`)),
      );
    } catch (error) {
      // Hand over what is complete; lookups the budget no longer allows are simply not made.
      await deliver().catch(() => undefined);
      throw error;
    }
    await deliver();
    pending = next;
  }
}

/**
 * Co-authors come from the commit message for free; only those whose email GitHub might link
 * to an account (not a no-reply address, which names its login) are looked up, through
 * `Commit.authors`, a connection charged per commit.
 */
async function resolveCoAuthorLogins(
  runner: GraphqlRunner,
  results: CommitsResult[],
  needsLookup: (c: CommitRecord) => boolean,
  onFailure: (req: CommitsRequest, error: GitHubError) => void,
): Promise<Set<CommitsResult>> {
  const unresolved = new Set<CommitsResult>();
  type Lookup = q.CoAuthorLookup & { result: CommitsResult; commit: CommitRecord };
  const lookups: Lookup[] = [];
  for (const result of results) {
    for (const commit of result.commits) {
      if (needsLookup(commit)) {
        const [owner, name] = splitRepo(result.repo);
        lookups.push({ owner, name, sha: commit.sha, authors: commit.coAuthors.length + 1, result, commit });
      }
    }
  }
  const fail = (l: Lookup, error: unknown) => {
    if (unresolved.has(l.result)) return;
    unresolved.add(l.result);
    onFailure(
      { repo: l.result.repo, number: l.result.number, listedSha: l.result.headSha, readPublished: false },
      asGitHubError(error, `${l.result.repo}#${l.result.number}`),
    );
  };
  await runInBatches(
    lookups,
    COAUTHOR_LOOKUPS_PER_REQUEST,
    async (batch) => {
      const vars: Record<string, unknown> = {};
      batch.forEach((l, i) => {
        vars[`o${i}`] = l.owner;
        vars[`n${i}`] = l.name;
        vars[`c${i}`] = l.sha;
      });
      const { data, errors } = await runner.run<Record<string, unknown>>('ResolveCoAuthors', q.resolveCoAuthors(batch), vars, 1, {
        splittable: batch.length > 1,
      });
      batch.forEach((l, i) => {
        const read = AuthorsAnswer.safeParse(data[`c${i}`]);
        const problems = errorsAt(errors, [`c${i}`]);
        const object = read.success ? read.data?.object : null;
        if (!object || problems.length > 0) {
          // Without GitHub's link a signed co-author would look unlinked: fail the pull request instead.
          fail(l, partFailure(`commit ${l.sha} of ${l.result.repo}`, problems, read.success ? null : shapeProblem(read.error, `c${i}`)));
          return;
        }
        l.commit.coAuthors = linkCoAuthors(l.commit.coAuthors, object.authors.nodes);
      });
    },
    (l, error) => fail(l, error),
  );
  return unresolved;
}

/** A co-author email GitHub may link to an account (a no-reply address names its login already). */
function needsCoAuthorLookup(commit: CommitRecord, noReplyDomain: string): boolean {
  return commit.coAuthors.some((c) => c.email && !noReplyLogin(c.email, noReplyDomain));
}
