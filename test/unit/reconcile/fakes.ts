// Plain in-memory fakes of the ports the sweep needs: a tiny GitHub and a cache. No HTTP, no disk.
import type { HeadFacts } from '../../../src/checks/check.js';
import type { CommitRecord } from '../../../src/checks/model.js';
import { GitHubError } from '../../../src/errors.js';
import type { Action, Published, SeenState } from '../../../src/reconcile/model.js';
import type {
  AddressOnCommit,
  CommitRef,
  CommitsRequest,
  CommitsResult,
  FactsCache,
  GitHubReads,
  RepoMemory,
  GitHubWrites,
  ListingResult,
  ListTarget,
  RepoInfo,
  WriteResult,
} from '../../../src/reconcile/ports.js';

export interface FakePullRequest {
  headSha: string;
  open: boolean;
  updatedAt: string;
  labels: string[];
  /** Per head SHA, per context. */
  statuses: Map<string, Record<string, Published>>;
  commits: CommitRecord[];
}

export class FakeGitHub implements GitHubReads, GitHubWrites {
  readonly repos = new Map<string, { labels: string[]; prs: Map<number, FakePullRequest> }>();
  readonly writes: Action[] = [];
  readonly calls: string[] = [];
  /** Thrown by the next listing, once. */
  failNextListing: GitHubError | null = null;
  /** Pull requests ("owner/name#N", or "owner/name#?" for one answered null) the listing answers only in part. */
  answeredInPart = new Set<string>();
  /**
   * A quick read (a target with `since`), as the adapter's probe makes it: only what changed since
   * remembered is listed, closings are told; `confirmsRemembered` as set here (false: the probe
   * could not vouch for the rest, as when GitHub lists more changes than it asks about).
   */
  probeConfirms = true;

  addPullRequest(repo: string, number: number, commits: CommitRecord[], labels: string[] = []): FakePullRequest {
    const r = this.repos.get(repo) ?? { labels: [], prs: new Map() };
    this.repos.set(repo, r);
    const pr: FakePullRequest = { headSha: commits.at(-1)!.sha, open: true, updatedAt: `2026-01-01T00:00:0${number}Z`, labels, statuses: new Map(), commits };
    r.prs.set(number, pr);
    return pr;
  }

  async listOwnerRepositories(owner: string): Promise<RepoInfo[]> {
    return [...this.repos.keys()].filter((r) => r.startsWith(`${owner}/`)).map((repo) => ({ repo, isArchived: false, openCount: this.repos.get(repo)!.prs.size }));
  }

  async describeRepositories(repos: string[]): Promise<Map<string, RepoInfo | GitHubError>> {
    this.calls.push('describe');
    return new Map(
      repos.map((repo) => {
        const r = this.repos.get(repo);
        return [repo, r ? { repo, isArchived: false, openCount: r.prs.size } : new GitHubError(`no ${repo}`, 'not-found')];
      }),
    );
  }

  async *listOpenPullRequests(targets: ListTarget[]): AsyncGenerator<ListingResult> {
    for (const t of targets) {
      this.calls.push(`list ${t.repo}`);
      if (this.failNextListing) {
        const error = this.failNextListing;
        this.failNextListing = null;
        throw error;
      }
      const r = this.repos.get(t.repo);
      if (!r) {
        yield { ok: false, repo: t.repo, error: new GitHubError(`no ${t.repo}`, 'not-found') };
        continue;
      }
      const failures = [...this.answeredInPart]
        .filter((k) => k.startsWith(`${t.repo}#`))
        .map((k) => {
          const n = k.slice(t.repo.length + 1);
          return { number: n === '?' ? null : Number(n), error: new GitHubError(`GitHub did not answer for ${k}`, 'forbidden') };
        });
      const pullRequests = [...r.prs]
        .filter(([number, pr]) => pr.open && !failures.some((f) => f.number === number))
        .map(([number, pr]) => ({
          repo: t.repo,
          number,
          headSha: pr.headSha,
          isDraft: false,
          updatedAt: pr.updatedAt,
          labels: [...pr.labels],
          // As the adapter does: statuses are known for heads the cache knows, or all when asked.
          published: t.knownHeads.get(number) === pr.headSha || t.readAllPublished ? { ...this.published(pr) } : {},
        }));
      if (t.since !== undefined) {
        const known = t.knownUpdates ?? new Map<number, string>();
        const closed = [...r.prs].filter(([number, pr]) => !pr.open && known.has(number)).map(([number]) => number);
        const changed = pullRequests.filter((pr) => known.get(pr.number) !== pr.updatedAt);
        yield { ok: true, listing: { repo: t.repo, isArchived: false, existingLabels: null, pullRequests: changed, failures, since: t.since, newestUpdate: null, closed, confirmsRemembered: this.probeConfirms } };
        continue;
      }
      yield { ok: true, listing: { repo: t.repo, isArchived: false, existingLabels: [...r.labels], pullRequests, failures } };
    }
  }

  /** Our contexts are whatever the statuses hold; an absent one is null. */
  private published(pr: FakePullRequest): Record<string, Published | null> {
    return { 'cla/signed': null, DCO: null, ...(pr.statuses.get(pr.headSha) ?? {}) };
  }

  async fetchCommits(requests: CommitsRequest[], onResult: (r: CommitsResult) => void): Promise<void> {
    this.calls.push(`commits ${requests.length}`);
    for (const req of requests) {
      const pr = this.repos.get(req.repo)!.prs.get(req.number)!;
      onResult({
        repo: req.repo,
        number: req.number,
        headSha: pr.headSha,
        commits: pr.commits.map((c) => ({ ...c })),
        total: pr.commits.length,
        closed: !pr.open,
        ...(req.readPublished ? { published: this.published(pr) } : {}),
      });
    }
  }

  async parentCounts(commits: CommitRef[]): Promise<Map<string, number>> {
    this.calls.push(`parents ${commits.length}`);
    return new Map(commits.map((c) => [c.sha, 1]));
  }

  /** Addresses GitHub links now (lower-cased email → login), as if added to an account since. */
  readonly links = new Map<string, string>();

  async linkedLogins(addresses: AddressOnCommit[]): Promise<Map<string, string>> {
    this.calls.push(`links ${addresses.length}`);
    return new Map(addresses.flatMap((a): [string, string][] => (this.links.has(a.email) ? [[a.email, this.links.get(a.email)!]] : [])));
  }

  async pullRequestStates(prs: string[]): Promise<Map<string, boolean>> {
    this.calls.push(`states ${prs.length}`);
    return new Map(prs.map((k) => [k, this.repos.get(k.slice(0, k.indexOf('#')))!.prs.get(Number(k.slice(k.indexOf('#') + 1)))!.open]));
  }

  async apply(action: Action): Promise<WriteResult | undefined> {
    this.writes.push(action);
    const r = this.repos.get(action.repo)!;
    if (action.kind === 'create-label') {
      r.labels.push(action.name);
      return;
    }
    const pr = r.prs.get(action.number)!;
    if (action.kind === 'add-label') pr.labels.push(action.label);
    else if (action.kind === 'remove-label') pr.labels = pr.labels.filter((l) => l !== action.label);
    else if (action.kind === 'set-status') {
      const on = pr.statuses.get(action.sha) ?? {};
      on[action.context] = { state: action.state, description: action.description, targetUrl: action.targetUrl, createdAt: null };
      pr.statuses.set(action.sha, on);
    } else {
      const on = pr.statuses.get(action.sha) ?? {};
      const id = action.runId ?? this.writes.length;
      on[action.context] = { state: action.state, description: action.output.title, targetUrl: action.detailsUrl, createdAt: null, checkRun: { id, output: action.output } };
      pr.statuses.set(action.sha, on);
      return { checkRunId: id };
    }
  }
}

export class MemoryCache implements FactsCache {
  readonly heads = new Map<string, Map<number, HeadFacts>>();
  readonly seens = new Map<string, Map<number, SeenState>>();
  readonly repos = new Map<string, RepoMemory>();
  readonly counts = new Map<string, number>();
  rescanAt: number | null = null;
  saves = 0;

  seen(repo: string, number: number): SeenState | undefined {
    return this.seens.get(repo)?.get(number);
  }
  rememberSeen(repo: string, number: number, seen: SeenState): void {
    const r = this.seens.get(repo) ?? new Map<number, SeenState>();
    this.seens.set(repo, r);
    r.set(number, seen);
  }
  pullRequestNumbers(repo: string): number[] {
    return [...new Set([...(this.heads.get(repo)?.keys() ?? []), ...(this.seens.get(repo)?.keys() ?? [])])];
  }
  repoMemory(repo: string): RepoMemory {
    return this.repos.get(repo) ?? { watermark: null, existingLabels: null };
  }
  rememberRepo(repo: string, memory: Partial<RepoMemory>): void {
    this.repos.set(repo, { ...this.repoMemory(repo), ...memory });
  }
  lastRescan(): number | null {
    return this.rescanAt;
  }
  rememberRescan(startedAt: number): void {
    this.rescanAt = startedAt;
  }

  head(repo: string, number: number): HeadFacts | undefined {
    return this.heads.get(repo)?.get(number);
  }
  remember(repo: string, number: number, head: HeadFacts): void {
    const r = this.heads.get(repo) ?? new Map<number, HeadFacts>();
    this.heads.set(repo, r);
    r.set(number, head);
  }
  retainOpen(repo: string, openNumbers: number[]): void {
    this.counts.set(repo, openNumbers.length);
    for (const n of this.heads.get(repo)?.keys() ?? []) if (!openNumbers.includes(n)) this.heads.get(repo)!.delete(n);
    for (const n of this.seens.get(repo)?.keys() ?? []) if (!openNumbers.includes(n)) this.seens.get(repo)!.delete(n);
  }
  openCount(repo: string): number | null {
    return this.counts.get(repo) ?? null;
  }
  knownHeads(repo: string): Map<number, string> {
    return new Map([...(this.heads.get(repo) ?? [])].map(([n, h]) => [n, h.headSha]));
  }
  knownRepositories(): string[] {
    return [...this.heads.keys()];
  }
  readonly labels = new Map<string, string[]>();
  knownLabels(repo: string): string[] {
    return this.labels.get(repo) ?? [];
  }
  rememberLabel(repo: string, name: string): void {
    this.labels.set(repo, [...this.knownLabels(repo).filter((l) => l.toLowerCase() !== name.toLowerCase()), name]);
  }
  forget(repo: string): void {
    this.heads.delete(repo);
    this.seens.delete(repo);
    this.repos.delete(repo);
  }
  async save(): Promise<void> {
    this.saves += 1;
  }
}
