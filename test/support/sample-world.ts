// The sample world used by the demo and the sweep's integration and end-to-end tests: one pull
// request for each case PRODUCT.md names, with the outcome each must get.
import { World } from './simulator/world.js';

export interface Expected {
  repo: string;
  number: number;
  /** null: the pull request is closed or merged and must stay untouched. */
  state: 'success' | 'failure' | 'error' | null;
  /** Labels the pull request must carry afterwards (order ignored). */
  labels: string[];
  /** Substrings the status description must contain. */
  mentions?: string[];
  case: string;
}

export const SIGNED = 'cla: signed';
export const MISSING = 'cla: missing';

/** The signatories of the sample world (YAML), as config/demo-signatories.yaml holds them. */
export const SAMPLE_SIGNATORIES = `signatories:
  - github: alice
  - github: carol
    email: carol@example.org
  - github: frank
  - github: grace
  - github: heidi
  - github: ivan
  - github: pelson
  - email: "*@bigcorp.example"
`;

/** `host`: the GitHub host the world's no-reply addresses name (an Enterprise Server's, say); github.com by default. */
export function sampleWorld(host?: string): { world: World; expected: Expected[] } {
  const w = new World(host ? { host } : {});
  for (const login of ['alice', 'bob', 'carol', 'dave', 'frank', 'grace', 'heidi', 'ivan', 'mallory', 'PeLSon', 'olga']) {
    w.addUser(login, { emails: [`${login.toLowerCase()}@example.org`] });
  }
  w.addBot('dependabot[bot]');
  w.addRepo('acme/widgets');
  w.addRepo('acme/gadgets');
  w.addRepo('acme/docs');
  const erin = { name: 'Erin', email: 'erin@unlinked.example' };
  const corp = { name: 'Corp Dev', email: 'dev@bigcorp.example' };
  const expected: Expected[] = [];
  const add = (repo: string, e: Omit<Expected, 'repo' | 'number'>, spec: Parameters<World['addPullRequest']>[1]) => {
    const pr = w.addPullRequest(repo, spec);
    expected.push({ repo, number: pr.number, ...e });
  };

  add('acme/widgets', { state: 'success', labels: [SIGNED], case: 'all signed' }, {
    commits: [{ author: 'alice' }, { author: 'alice' }],
  });
  add('acme/widgets', { state: 'failure', labels: [MISSING], mentions: ['@bob'], case: 'unsigned author' }, {
    commits: [{ author: 'alice' }, { author: 'bob' }],
  });
  add('acme/widgets', { state: 'failure', labels: [MISSING], mentions: ['@dave'], case: 'unsigned co-author only' }, {
    commits: [{ author: 'carol', coAuthors: ['dave'] }],
  });
  add('acme/widgets', { state: 'failure', labels: [MISSING], mentions: ['unlinked: erin@unlinked.example'], case: 'unlinked email' }, {
    author: 'alice',
    commits: [{ author: erin }],
  });
  add('acme/widgets', { state: 'success', labels: [SIGNED], case: 'bot' }, {
    commits: [{ author: 'dependabot[bot]' }],
  });
  add('acme/gadgets', { state: 'success', labels: [SIGNED], case: 'draft' }, {
    draft: true,
    commits: [{ author: 'frank' }],
  });
  add('acme/gadgets', { state: 'success', labels: [SIGNED], case: 'fork' }, {
    fork: 'grace/gadgets',
    commits: [{ author: 'grace' }, { author: corp }],
  });
  add('acme/gadgets', { state: 'failure', labels: [MISSING], mentions: ['@mallory'], case: 'more than 100 commits, last unsigned' }, {
    author: 'heidi',
    commits: [...Array.from({ length: 120 }, () => ({ author: 'heidi' })), { author: 'mallory' }],
  });
  add('acme/gadgets', { state: 'success', labels: [SIGNED, 'bug'], case: 'wrong label beside an unrelated one' }, {
    labels: [MISSING, 'bug'],
    commits: [{ author: 'ivan' }],
  });
  add('acme/docs', { state: null, labels: [], case: 'closed' }, { state: 'CLOSED', commits: [{ author: 'bob' }] });
  add('acme/docs', { state: null, labels: [], case: 'merged' }, { state: 'MERGED', commits: [{ author: 'bob' }] });
  add('acme/docs', { state: 'success', labels: [SIGNED], case: 'login differs in case from the list' }, {
    commits: [{ author: 'PeLSon' }],
  });
  add('acme/docs', { state: 'success', labels: [SIGNED], case: 'signed co-author by email' }, {
    commits: [{ author: 'alice', coAuthors: [{ name: 'Carol', email: 'carol@example.org' }] }],
  });
  return { world: w, expected };
}

/**
 * A configuration for the simulator's worlds (by default the sample world's), relative paths
 * resolved against the file's directory; `extra` is appended as it is.
 */
export function sampleConfig(
  opts: { repositories?: string[]; signatories?: string; cache?: string; maxConcurrency?: number; extra?: string } = {},
): string {
  const repositories = opts.repositories ?? ['acme/widgets', 'acme/gadgets', 'acme/docs'];
  return `repositories:
${repositories.map((r) => `  - ${r}`).join('\n')}
signatories:
  file: ${opts.signatories ?? 'signatories.yaml'}
allowlist:
  - "*[bot]"
status:
  context: cla/signed
  url: https://example.org/cla
labels:
  signed: "${SIGNED}"
  missing: "${MISSING}"
cache:
  file: ${opts.cache ?? '.cla-sweeper/cache.json'}
github:
  maxConcurrency: ${opts.maxConcurrency ?? 2}
  writeIntervalMs: 0
${opts.extra ?? ''}`;
}
