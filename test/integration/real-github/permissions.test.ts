// Permissions (issue 10 item 5): a token that may read a repository but not write to it gets a 404
// on status writes (classic) or a 403 naming the permission (fine-grained, App). The sweep stops
// writing to that repository at the first refusal, records it once with the permission to grant,
// and reconciles the other repositories.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { MISSING, SIGNED } from '../../support/sample-world.js';
import type { TokenSpec } from '../../support/simulator/auth/identity.js';
import { bigWorld, configFor, endState, runCaptured } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const READ_ONLY = 'acme/repo-1';

async function start(token?: TokenSpec) {
  const { world, names } = bigWorld(3, 6);
  // The labels exist, so that the first write to each pull request is its status.
  for (const repo of names) {
    world.addLabel(repo, SIGNED);
    world.addLabel(repo, MISSING);
  }
  const h = await harness(world, { config: configFor(names), ...(token ? { token } : {}) });
  open.push(h);
  return { h, world, names };
}

/** Write requests that reached the read-only repository. */
const writesTo = (h: Harness, repo: string) => h.sim.counters.log.filter((x) => x.kind === 'rest-write' && x.path.startsWith(`/repos/${repo}/`));
const others = (state: Record<string, unknown>) => Object.fromEntries(Object.entries(state).filter(([k]) => !k.startsWith(`${READ_ONLY}#`)));

describe.each([
  [
    'a fine-grained token with read-only permissions on one repository',
    {
      login: 'cla-bot',
      kind: 'fine-grained',
      repositories: { [READ_ONLY]: { metadata: 'read', contents: 'read', statuses: 'read', issues: 'read', pull_requests: 'read' } },
    } as TokenSpec,
    403,
    // Named by GitHub in X-Accepted-GitHub-Permissions.
    'Commit statuses: write',
  ],
  [
    'a classic token whose account may only read one repository',
    { login: 'cla-bot', repositories: { [READ_ONLY]: 'read' } } as TokenSpec,
    // GitHub answers a status write the account may not make with 404, as if the repository did not exist.
    404,
    // Named from the endpoint: a classic token gets no X-Accepted-GitHub-Permissions.
    'Commit statuses: write',
  ],
])('%s', (_case, token, status, permission) => {
  it('stops writing there at the first refusal, records it once with the permission and where to grant it, reconciles the rest; exit 2', async () => {
    const twin = await start();
    expect((await twin.h.run('sweep')).code).toBe(0);
    const wanted = endState(twin.world);

    const { h, world } = await start(token);
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.writes.refused).toEqual([
      { repo: READ_ONLY, kind: 'set-status', permission, error: expect.stringContaining(`${status}`) },
    ]);
    expect(summary.writes.failed).toEqual([]);
    // One refused write, or two when two were already in flight (maxConcurrency 2); then none.
    const refused = writesTo(h, READ_ONLY);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(2);
    expect(refused.every((x) => x.status === status)).toBe(true);
    // Logged once.
    expect(r.stderr.match(/the token may not write to this repository/g)).toHaveLength(1);
    // Nothing changed there; everything else is reconciled.
    const state = endState(world);
    expect(Object.entries(state).filter(([k, s]) => k.startsWith(`${READ_ONLY}#`) && s.state !== null)).toEqual([]);
    expect(others(state)).toEqual(others(wanted));

    // The text summary says what to grant, and where.
    h.sim.resetCounters();
    const text = await runCaptured(h, { logLevel: 'silent' }, 'sweep');
    expect(text.code).toBe(2);
    expect(text.stdout).toContain(`may not write to ${READ_ONLY}: the token lacks "${permission}"`);
    expect(text.stdout).toMatch(/fine-grained token's settings .* GitHub App's settings .* classic token needs the "repo" scope/);
    // The next run tries once again (the permission may have been granted since), and no more.
    expect(writesTo(h, READ_ONLY).length).toBeLessThanOrEqual(2);
    expect(h.sim.counters.log.filter((x) => x.kind === 'rest-write' && x.status < 300)).toEqual([]);
  });
});

describe('a label write refused before any status', () => {
  it('names the label permission GitHub asks for', async () => {
    const { world, names } = bigWorld(2, 4);
    // No labels yet: the first write to each repository creates one.
    const h = await harness(world, {
      config: configFor(names),
      token: { login: 'cla-bot', kind: 'fine-grained', repositories: { [names[0]!]: { metadata: 'read', contents: 'read', statuses: 'write', issues: 'read', pull_requests: 'read' } } },
    });
    open.push(h);
    const summary = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(summary.writes.refused).toEqual([
      expect.objectContaining({ repo: names[0], permission: 'Issues: write or Pull requests: write', error: expect.stringContaining('403 Resource not accessible by personal access token') }),
    ]);
    expect(summary.writes.byKind['set-status']).toBeGreaterThan(0);
  });
});
