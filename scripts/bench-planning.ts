// The pure planning step of `npm run bench`: CPU time of `decide` and `planRepository` over every
// pull request of a generated world, with the authors a warm sweep takes from its cache.
import type { AuthorsRecord, CommitRecord, PullRequestSnapshot, RawActor } from '../src/reconcile/model.js';
import { parseCoAuthors } from '../src/reconcile/co-authors.js';
import { identitiesOfCommits } from '../src/reconcile/identities.js';
import { type PlanSettings, type PullRequestInput, planRepository } from '../src/reconcile/plan.js';
import { buildPolicy } from '../src/reconcile/policy.js';
import { decide } from '../src/reconcile/verdict.js';
import { parseSignatories } from '../src/signatories/parse.js';
import { type GeneratedWorld, signatoriesYaml } from '../test/support/generated-worlds.js';
import type { SimPerson, World } from '../test/support/simulator/world.js';

export interface PlanningFigures {
  pullRequests: number;
  repositories: number;
  actions: number;
  cpuMs: number;
}

const SETTINGS: PlanSettings = {
  context: 'cla/signed',
  targetUrl: 'https://example.org/cla',
  labels: { signed: 'cla: signed', missing: 'cla: missing' },
};

function actor(world: World, p: SimPerson): RawActor {
  return { name: p.name, email: p.email, login: world.userByEmail(p.email)?.login ?? null };
}

/** What the read phase hands to the planner: each repository's snapshots and cached authors. */
function readPhase(g: GeneratedWorld): { repo: string; prs: { snapshot: PullRequestSnapshot; authors: AuthorsRecord }[] }[] {
  const { world } = g;
  return g.repositories.map((repo) => ({
    repo,
    prs: [...world.mustRepo(repo).pullRequests.values()].map((pr) => {
      const commits: CommitRecord[] = pr.commits.map((sha) => {
        const c = world.commits.get(sha)!;
        const coAuthors = parseCoAuthors(c.message).map((co) => ({
          ...co,
          login: co.login ?? (co.email ? (world.userByEmail(co.email)?.login ?? null) : null),
        }));
        return { sha, headline: c.message.split('\n', 1)[0] ?? '', author: actor(world, c.author), coAuthors };
      });
      const headSha = pr.commits[pr.commits.length - 1]!;
      return {
        snapshot: { repo, number: pr.number, headSha, isDraft: pr.isDraft, labels: [], status: null },
        authors: {
          headSha,
          identities: identitiesOfCommits(commits).identities,
          commitsRead: commits.length,
          commitsTotal: commits.length,
        },
      };
    }),
  }));
}

/** CPU time of planning every pull request of `g` (none has a status or label yet: the most work). */
export function measurePlanning(g: GeneratedWorld): PlanningFigures {
  const repos = readPhase(g);
  const policy = buildPolicy(parseSignatories(signatoriesYaml(g), 'yaml', 'bench').list.entries, ['*[bot]']);
  let actions = 0;
  const start = process.cpuUsage();
  for (const { repo, prs } of repos) {
    const pullRequests: PullRequestInput[] = prs.map(({ snapshot, authors }) => ({
      snapshot,
      decision: { verdict: decide(authors, policy), sha: authors.headSha },
    }));
    actions += planRepository({ repo, existingLabels: [], pullRequests }, SETTINGS).length;
  }
  const used = process.cpuUsage(start);
  return {
    pullRequests: repos.reduce((n, r) => n + r.prs.length, 0),
    repositories: repos.length,
    actions,
    cpuMs: (used.user + used.system) / 1000,
  };
}
