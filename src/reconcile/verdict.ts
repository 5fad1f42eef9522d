// From the authors of a head and the policy to signed, missing or error.
import { compareIdentities, isUnknown } from './identities.js';
import type { AuthorsRecord, Verdict } from './model.js';
import { coverage, type Policy } from './policy.js';

export function decide(authors: AuthorsRecord, policy: Policy): Verdict {
  const { commitsRead, commitsTotal, identities } = authors;
  if (commitsRead < commitsTotal) {
    return { state: 'error', reason: `only ${commitsRead} of ${commitsTotal} commits could be read` };
  }
  // Nothing to check must not pass: an empty list means the read went wrong.
  if (identities.length === 0) return { state: 'error', reason: 'no commit authors could be read' };
  const unknown = identities.filter(isUnknown).length;
  if (unknown > 0) {
    return {
      state: 'error',
      reason:
        unknown === 1
          ? 'GitHub could not tell who authored a commit'
          : `GitHub could not tell who authored ${unknown} commits`,
    };
  }
  const missing = identities
    .filter((id) => !coverage(id, policy).covered)
    .sort(compareIdentities);
  return missing.length === 0 ? { state: 'signed' } : { state: 'missing', missing };
}

