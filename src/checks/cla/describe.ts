// The CLA status description: who is missing, as many as fit in GitHub's 140 characters.
import type { Mention } from '../check.js';
import { MAX_DESCRIPTION, fitList, sanitise, truncate } from '../description.js';
import { displayIdentity } from '../identities.js';
import type { Identity, Verdict } from '../model.js';

const SIGN_HINT = ' — sign via Details';
const MAX_ITEM = 60;
const LEAD = 'CLA missing: ';

const item = (id: Identity) => truncate(sanitise(id.login === null ? `unlinked: ${displayIdentity(id)}` : displayIdentity(id)), MAX_ITEM);

/** The distinct people of a missing verdict, in its order, each with the item the description shows. */
function people(verdict: Verdict & { state: 'missing' }): { id: Identity; text: string }[] {
  const seen = new Set<string>();
  const out: { id: Identity; text: string }[] = [];
  for (const m of verdict.missing) {
    if (m.kind !== 'person') continue;
    const text = item(m.identity);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ id: m.identity, text });
  }
  return out;
}

export function claDescription(verdict: Verdict, signUrl: string | null): string {
  switch (verdict.state) {
    case 'signed':
      return 'All commit authors have signed the CLA';
    case 'error':
      return truncate(sanitise(`Cannot check the CLA: ${verdict.reason}`), MAX_DESCRIPTION);
    case 'missing': {
      const items = people(verdict).map((p) => p.text);
      return fitList(LEAD, items, signUrl !== null ? SIGN_HINT : '')?.text ?? `CLA missing for ${items.length} commit authors`;
    }
  }
}

/** The people the description names: their login, or the address GitHub did not link. */
export function claMentions(verdict: Verdict): Mention[] {
  if (verdict.state !== 'missing') return [];
  const list = people(verdict);
  const shown = fitList(LEAD, list.map((p) => p.text), '')?.shown ?? 0;
  return list.slice(0, shown).flatMap(({ id }): Mention[] => {
    if (id.login !== null) return [{ text: id.login }];
    // An address cut short in the description is named only as far as it is shown.
    return id.email !== null && id.email.length <= MAX_ITEM - 'unlinked: '.length ? [{ text: id.email }] : [];
  });
}
