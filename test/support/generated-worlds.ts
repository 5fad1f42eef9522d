// Deterministic generated worlds for the benchmark and the scale tests: many repositories, pull
// requests and commits, a share of them with an unsigned author, a few Co-authored-by trailers,
// and the verdict each pull request must get. Seeded: the same spec always builds the same world.
import type { SimPerson } from './simulator/world.js';
import { World } from './simulator/world.js';
import { sampleConfig } from './sample-world.js';
import { seededRandom } from './seeded-random.js';

export interface WorldSpec {
  name: string;
  owner: string;
  repositories: number;
  pullRequestsPerRepository: number;
  commitsPerPullRequest: number;
  /** Share (0..1) of pull requests with one unsigned person among their authors and co-authors. */
  unsignedShare: number;
  /** Share (0..1) of commits carrying a Co-authored-by trailer. */
  coAuthorShare: number;
  seed: number;
  /**
   * Share (0..1) of pull requests that already carry the right label and a status on our context
   * that is right in state and target URL but worded by another bot (or an older version).
   */
  priorShare?: number;
}

export const WORLD_SPECS = {
  S: spec('S', 'small', 3, 4, 2, 0.3, 0.1, 11),
  M: spec('M', 'medium', 200, 25, 3, 0.3, 0.05, 22),
  L: spec('L', 'large', 1000, 20, 5, 0.3, 0.02, 33),
  /** M where another bot already published 90% of the verdicts, in its own words. */
  'M-prior': { ...spec('M-prior', 'medium', 200, 25, 3, 0.3, 0.05, 22), priorShare: 0.9 },
  /** One repository, one pull request of 2,000 commits; one unsigned author deep in it. */
  'PR-2000': spec('PR-2000', 'long', 1, 1, 2000, 1, 0.02, 44),
} as const satisfies Record<string, WorldSpec>;

export type WorldName = keyof typeof WORLD_SPECS;

function spec(
  name: string,
  owner: string,
  repositories: number,
  pullRequestsPerRepository: number,
  commitsPerPullRequest: number,
  unsignedShare: number,
  coAuthorShare: number,
  seed: number,
): WorldSpec {
  return { name, owner, repositories, pullRequestsPerRepository, commitsPerPullRequest, unsignedShare, coAuthorShare, seed };
}

export interface GeneratedWorld {
  spec: WorldSpec;
  world: World;
  /** "owner/name" of every repository, in creation order. */
  repositories: string[];
  /** Logins on the signatories list. */
  signed: string[];
  /** Lower-cased unsigned logins per "owner/name#number" (empty: the pull request must pass). */
  unsignedOf: Map<string, string[]>;
  /** The unsigned contributor on the most pull requests: adding them flips those pull requests. */
  flipCandidate: string;
  /** How many commits carry a Co-authored-by trailer whose email GitHub must resolve (not a no-reply one). */
  coAuthorLookups: number;
  /** The same, per repository, in the order of `repositories`. */
  coAuthorLookupsPerRepository: number[];
  /** Pull requests ("owner/name#N") whose verdict another bot already published (`priorShare`). */
  prior: Set<string>;
}

export const SIGNED_PEOPLE = 60;
export const UNSIGNED_PEOPLE = 20;
export const BOT = 'dependabot[bot]';
/** A corporate CLA covering every address of this domain; its people have no GitHub account. */
export const CORPORATE_DOMAIN = 'partner.example';

const dev = (i: number) => `dev${String(i).padStart(3, '0')}`;
const guest = (i: number) => `guest${String(i).padStart(2, '0')}`;

export function generateWorld(s: WorldSpec): GeneratedWorld {
  const random = seededRandom(s.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const w = new World();
  for (let i = 1; i <= SIGNED_PEOPLE; i++) w.addUser(dev(i), { emails: [`${dev(i)}@example.org`] });
  for (let i = 1; i <= UNSIGNED_PEOPLE; i++) w.addUser(guest(i), { emails: [`${guest(i)}@example.net`] });
  const bot = w.addBot(BOT);
  const botPerson: SimPerson = { name: BOT, email: bot.emails[0]! };

  const repositories: string[] = [];
  const unsignedOf = new Map<string, string[]>();
  const prsOfGuest = new Map<string, number>();
  const coAuthorLookupsPerRepository: number[] = [];

  // A co-author as people write them: a linked email (GitHub resolves it), a no-reply address
  // (names its login), or a corporate address covered by the domain entry.
  const coAuthor = (): { person: SimPerson; needsLookup: boolean } => {
    const kind = pick(3);
    const i = 1 + pick(SIGNED_PEOPLE);
    if (kind === 0) return { person: w.person(dev(i)), needsLookup: true };
    if (kind === 1) return { person: { name: dev(i), email: `${w.user(dev(i))!.id}+${dev(i)}@users.noreply.github.com` }, needsLookup: false };
    return { person: { name: `Partner ${i}`, email: `p${i}@${CORPORATE_DOMAIN}` }, needsLookup: true };
  };

  for (let r = 1; r <= s.repositories; r++) {
    const repo = `${s.owner}/repo-${String(r).padStart(4, '0')}`;
    w.addRepo(repo);
    repositories.push(repo);
    let lookups = 0;
    for (let p = 0; p < s.pullRequestsPerRepository; p++) {
      const author = dev(1 + pick(SIGNED_PEOPLE));
      const commits = Array.from({ length: s.commitsPerPullRequest }, () => ({
        author: author as string | SimPerson,
        coAuthors: [] as SimPerson[],
      }));
      for (const c of commits) {
        const roll = random();
        if (roll < 0.02) c.author = botPerson;
        else if (roll < 0.1) c.author = dev(1 + pick(SIGNED_PEOPLE));
        if (random() < s.coAuthorShare) {
          const co = coAuthor();
          c.coAuthors.push(co.person);
        }
      }
      const unsigned: string[] = [];
      if (random() < s.unsignedShare) {
        // Skewed towards the first guests, so one of them is on many pull requests.
        const g = guest(1 + Math.floor(UNSIGNED_PEOPLE * random() * random()));
        // Deep in a long pull request (past the first pages), anywhere in a short one.
        const at = s.commitsPerPullRequest > 100 ? Math.floor(s.commitsPerPullRequest * 0.75) : pick(s.commitsPerPullRequest);
        const target = commits[at]!;
        if (random() < 0.25) target.coAuthors.push(w.person(g));
        else target.author = g;
        unsigned.push(g);
        prsOfGuest.set(g, (prsOfGuest.get(g) ?? 0) + 1);
      }
      for (const c of commits) {
        if (c.coAuthors.some((p) => !p.email.endsWith('@users.noreply.github.com'))) lookups += 1;
      }
      const pr = w.addPullRequest(repo, { author, commits });
      unsignedOf.set(`${repo}#${pr.number}`, unsigned);
    }
    coAuthorLookupsPerRepository.push(lookups);
  }
  const flipCandidate = [...prsOfGuest].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? guest(1);
  const signed = Array.from({ length: SIGNED_PEOPLE }, (_, i) => dev(i + 1));
  const coAuthorLookups = coAuthorLookupsPerRepository.reduce((a, b) => a + b, 0);
  const prior = publishPrior(w, s, repositories, unsignedOf);
  return { spec: s, world: w, repositories, signed, unsignedOf, flipCandidate, coAuthorLookups, coAuthorLookupsPerRepository, prior };
}

/**
 * Another bot's statuses and labels on a share of the pull requests: right in state, target URL
 * and the people named, worded its own way. Its own random stream, so the world is unchanged.
 */
function publishPrior(w: World, s: WorldSpec, repositories: string[], unsignedOf: Map<string, string[]>): Set<string> {
  const prior = new Set<string>();
  if (!s.priorShare) return prior;
  const random = seededRandom(s.seed + 1);
  for (const repo of repositories) {
    w.addLabel(repo, 'cla: signed');
    w.addLabel(repo, 'cla: missing');
  }
  for (const [key, unsigned] of unsignedOf) {
    if (random() >= s.priorShare) continue;
    const hash = key.lastIndexOf('#');
    const repo = key.slice(0, hash);
    const number = Number(key.slice(hash + 1));
    const pr = w.pullRequest(repo, number);
    const signed = unsigned.length === 0;
    pr.labels.push(signed ? 'cla: signed' : 'cla: missing');
    w.addStatus(repo, w.headSha(repo, number), {
      state: signed ? 'success' : 'failure',
      context: 'cla/signed',
      description: signed ? 'Thank you! Everybody has signed our agreement.' : `Waiting for ${unsigned.map((l) => `@${l}`).join(' and ')} to sign the agreement`,
      targetUrl: 'https://example.org/cla',
      creator: 'legacy-cla-bot',
    });
    prior.add(key);
  }
  return prior;
}

/** The signatories list (YAML) of a generated world, with `extra` logins added. */
export function signatoriesYaml(g: GeneratedWorld, extra: string[] = []): string {
  const lines = [...g.signed, ...extra].map((login) => `  - github: ${login}`);
  return `signatories:\n${lines.join('\n')}\n  - email: "*@${CORPORATE_DOMAIN}"\n`;
}

export interface GeneratedConfigOptions {
  repositories: string[];
  maxConcurrency: number;
  cacheFile?: string;
  /** `mergeQueue` (default: the configuration's default, true). */
  mergeQueue?: boolean;
  /** Appended to the configuration as it is. */
  extra?: string;
  /** `github.maxWritesPerHour`; default one no sweep reaches. */
  maxWritesPerHour?: number;
}

/**
 * A configuration for a generated world: no pacing, no reserve, a guard that never trips, and a
 * write budget no sweep reaches. The simulator has no content-creation limit and the benchmark
 * measures the sweep, not GitHub's pacing: a real token gets 500 writes an hour (the default).
 */
export function generatedConfig(opts: GeneratedConfigOptions): string {
  return sampleConfig({
    repositories: opts.repositories,
    maxConcurrency: opts.maxConcurrency,
    maxWritesPerHour: opts.maxWritesPerHour ?? 1_000_000,
    cache: opts.cacheFile,
    extra: `budget:\n  reservePoints: 0\nguard:\n  maxFlips: 1000000\n  maxFlipShare: 1\n${opts.mergeQueue === undefined ? '' : `mergeQueue: ${opts.mergeQueue}\n`}${opts.extra ?? ''}`,
  });
}

export interface Mismatch {
  pullRequest: string;
  expected: string;
  actual: string;
}

/**
 * Pull requests whose status on the head or whose labels differ from what the signatories
 * (`signed` plus `extra`) demand; empty when the sweep got every verdict right.
 */
export function verdictMismatches(g: GeneratedWorld, extra: string[] = []): Mismatch[] {
  const covered = new Set(extra.map((l) => l.toLowerCase()));
  const out: Mismatch[] = [];
  for (const [key, unsigned] of g.unsignedOf) {
    const hash = key.lastIndexOf('#');
    const repo = key.slice(0, hash);
    const number = Number(key.slice(hash + 1));
    const missing = unsigned.filter((l) => !covered.has(l.toLowerCase()));
    const state = missing.length === 0 ? 'success' : 'failure';
    const label = missing.length === 0 ? 'cla: signed' : 'cla: missing';
    const status = g.world.statusOf(repo, g.world.headSha(repo, number), 'cla/signed');
    const labels = g.world.labelsOf(repo, number);
    const named = missing.every((l) => status?.description?.includes(`@${l}`));
    if (status?.state !== state || !named || labels.length !== 1 || labels[0] !== label) {
      out.push({
        pullRequest: key,
        expected: `${state} [${label}]${missing.length ? ` naming ${missing.map((l) => `@${l}`).join(', ')}` : ''}`,
        actual: `${status?.state ?? 'no status'} "${status?.description ?? ''}" [${labels.join(', ')}]`,
      });
    }
  }
  return out;
}

/** Open pull requests of a generated world. */
export function openPullRequests(g: GeneratedWorld): number {
  return g.unsignedOf.size;
}
