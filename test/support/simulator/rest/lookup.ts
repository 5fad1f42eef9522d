// Finding the repository and issue a route addresses, with GitHub's refusals when they are missing.
import type { RestOutcome } from '../types.js';
import type { SimPullRequest, SimRepository } from '../world.js';
import type { RestCall } from './context.js';
import { archived, notFound } from './errors.js';

export function findRepo(call: RestCall, params: Record<string, string>): SimRepository | RestOutcome {
  return call.state.world.repo(`${params.owner}/${params.repo}`) ?? notFound();
}

/** Issue numbers address pull requests too; the world holds no plain issues. */
export function findIssue(repo: SimRepository, number: string | undefined): SimPullRequest | RestOutcome {
  const n = Number(number);
  return (Number.isInteger(n) && repo.pullRequests.get(n)) || notFound();
}

export function isOutcome(x: unknown): x is RestOutcome {
  return typeof x === 'object' && x !== null && 'status' in x && typeof (x as RestOutcome).status === 'number';
}

/** GitHub refuses every write to an archived repository. */
export function refuseIfArchived(repo: SimRepository, documentationUrl: string): RestOutcome | undefined {
  return repo.isArchived ? archived(documentationUrl) : undefined;
}

export function prKey(repo: SimRepository, number: number): string {
  return `${repo.owner}/${repo.name}#${number}`;
}

export function asObject(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}
