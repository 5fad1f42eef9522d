// From the people on a head's commits and the signatories to signed, missing or error.
import { incompleteRead, type HeadFacts } from '../check.js';
import { compareIdentities, isUnknown } from '../identities.js';
import type { Identity, Missing, Verdict } from '../model.js';
import { coverage, type Policy } from '../policy.js';

export function decideCla(head: HeadFacts, policy: Policy): Verdict {
  const incomplete = incompleteRead(head);
  if (incomplete) return incomplete;
  const identities = head.facts.cla?.identities ?? [];
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
    .sort(compareIdentities)
    .map((id): Missing => {
      const identity: Identity = { login: id.login, email: id.email, name: id.name };
      const reason = id.coAuthorOnly ? 'co-author' : id.login !== null ? 'unsigned-login' : 'unlinked-email';
      return { kind: 'person', identity, reason };
    });
  return missing.length === 0 ? { state: 'signed' } : { state: 'missing', missing };
}
