// The pure planning step of `npm run bench`: CPU time of deciding and planning every pull request
// of a generated world, with the facts a warm sweep takes from its cache.
import type { HeadFacts } from '../src/checks/check.js';
import { parseCoAuthors } from '../src/checks/cla/co-authors.js';
import { claCheck } from '../src/checks/cla/index.js';
import { GITHUB_NO_REPLY_DOMAIN } from '../src/checks/identities.js';
import type { CommitRecord, RawActor } from '../src/checks/model.js';
import { buildPolicy } from '../src/checks/policy.js';
import type { ObservedPullRequest } from '../src/reconcile/model.js';
import { actionsOf } from '../src/reconcile/model.js';
import { planRepository } from '../src/reconcile/plan.js';
import { parseSignatories } from '../src/signatories/parse.js';
import { type GeneratedWorld, signatoriesYaml } from '../test/support/generated-worlds.js';
import type { SimPerson, World } from '../test/support/simulator/world.js';

export interface PlanningFigures {
  pullRequests: number;
  repositories: number;
  actions: number;
  cpuMs: number;
}

function actor(world: World, p: SimPerson): RawActor {
  return { name: p.name, email: p.email, login: world.userByEmail(p.email)?.login ?? null };
}

/** CPU time of planning every pull request of `g` (none has a status or label yet: the most work). */
export function measurePlanning(g: GeneratedWorld): PlanningFigures {
  const { world } = g;
  const cla = claCheck({
    context: 'cla/signed',
    targetUrl: 'https://example.org/cla',
    labels: { signed: 'cla: signed', missing: 'cla: missing' },
    policy: buildPolicy(parseSignatories(signatoriesYaml(g), 'yaml', 'bench').list.entries, ['*[bot]']),
    noReplyDomain: GITHUB_NO_REPLY_DOMAIN,
  });
  // What the read phase hands to the planner: each pull request with its head's cached facts.
  const repos = g.repositories.map((repo) => ({
    repo,
    prs: [...world.mustRepo(repo).pullRequests.values()].map((pr): ObservedPullRequest => {
      const commits: CommitRecord[] = pr.commits.map((sha) => {
        const c = world.commits.get(sha)!;
        const coAuthors = parseCoAuthors(c.message).map((co) => ({
          ...co,
          login: co.login ?? (co.email ? (world.userByEmail(co.email)?.login ?? null) : null),
        }));
        return { sha, headline: c.message.split('\n', 1)[0] ?? '', author: actor(world, c.author), coAuthors };
      });
      const headSha = pr.commits[pr.commits.length - 1]!;
      const head: HeadFacts = { headSha, commitsRead: commits.length, commitsTotal: commits.length, facts: cla.extract(commits) };
      return { repo, number: pr.number, headSha, isDraft: pr.isDraft, updatedAt: pr.updatedAt, labels: [], published: {}, head, cached: true, readAt: 0 };
    }),
  }));
  let actions = 0;
  const start = process.cpuUsage();
  for (const { repo, prs } of repos) {
    actions += actionsOf(planRepository({ repo, existingLabels: [], pullRequests: prs, failures: [], notReached: 0 }, [cla])).length;
  }
  const used = process.cpuUsage(start);
  return {
    pullRequests: repos.reduce((n, r) => n + r.prs.length, 0),
    repositories: repos.length,
    actions,
    cpuMs: (used.user + used.system) / 1000,
  };
}
