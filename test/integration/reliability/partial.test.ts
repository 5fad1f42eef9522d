// Partial failure (issue 4, point 3): a repository that cannot be read is reported by name and the
// others are reconciled (exit 2); an archived repository is skipped with a notice.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { bigWorld, configFor, endState, runCaptured } from './support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

/** The end state of a fault-free sweep of the two readable repositories. */
let wanted: ReturnType<typeof endState>;
beforeAll(async () => {
  const twin = bigWorld(2, 4);
  const th = await harness(twin.world, { config: configFor(twin.names) });
  await th.run('sweep');
  wanted = endState(twin.world);
  await th.close();
});

async function start(repositories: (names: string[]) => string[]) {
  const { world, names } = bigWorld(2, 4);
  world.addRepo('acme/attic', { archived: true });
  world.addPullRequest('acme/attic', { commits: [{ author: 'bob' }] });
  const h = await harness(world, { config: configFor(repositories(names)) });
  open.push(h);
  return { h, world };
}

/** The end state of the repositories that are not the ones expected to fail. */
function reconciled(state: Record<string, unknown>, repos: string[]) {
  return Object.fromEntries(Object.entries(state).filter(([k]) => repos.some((r) => k.startsWith(`${r}#`))));
}

describe('a repository that cannot be read', () => {
  it.each([
    ['a configured repository that does not exist', 'acme/ghost'],
    ['an owner that does not exist', 'nobody-here/*'],
  ])('%s is reported by name; the others are reconciled; exit 2', async (_case, bad) => {
    const { h, world } = await start((names) => [names[0]!, bad, names[1]!]);
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep');
    expect(r.code).toBe(2);
    // Said plainly, and counted: GitHub does not know it, or the token cannot see it.
    expect(r.stdout).toContain(`not found: ${bad}: GitHub does not know this repository, or the token cannot see it`);
    expect(r.stdout).toMatch(/2 of 3 repositories \(1 not found\)/);
    expect(r.stderr).toContain(bad);
    expect(reconciled(endState(world), ['acme/repo-0', 'acme/repo-1'])).toEqual(wanted);
  });

  it('a repository deleted after the cache learned it is reported, the others still reconciled', async () => {
    const { h, world } = await start((names) => names);
    expect((await h.run('sweep')).code).toBe(0);
    world.repos.delete('acme/repo-0');
    world.pushCommits('acme/repo-1', 1, [{ author: 'bob' }]);
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.repositories.failed).toEqual([{ repo: 'acme/repo-0', error: expect.any(String), kind: 'not-found' }]);
    // The other repository was still read and its pushed pull request re-checked.
    expect(summary.pullRequests.commitsFetched).toBe(1);
    expect(world.statusOf('acme/repo-1', world.headSha('acme/repo-1', 1), 'cla/signed')?.state).toBe('failure');
  });
});

describe('an archived repository named explicitly', () => {
  it('is skipped with a notice and never written to', async () => {
    const { h, world } = await start((names) => [...names, 'acme/attic']);
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).repositories.archived).toEqual(['acme/attic']);
    expect(r.stderr).toMatch(/repository is archived: skipped/);
    expect(r.stderr).toContain('acme/attic');
    expect(h.sim.counters.writesPerPullRequest.get('acme/attic#1') ?? 0).toBe(0);
    expect(world.statusOf('acme/attic', world.headSha('acme/attic', 1), 'cla/signed')).toBeUndefined();
  });
});
