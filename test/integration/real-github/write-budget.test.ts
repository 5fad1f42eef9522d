// The write budget (issue 10 item 4): `github.maxWritesPerHour` is a rolling hour kept beside the
// cache, across runs; when it is spent the sweep stops as partial, having written the most
// recently updated pull requests first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { MISSING, SIGNED } from '../../support/sample-world.js';
import { World } from '../../support/simulator/world.js';
import { CONTEXT, configFor, endState, runCaptured, writes } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const REPO = 'acme/widgets';
/** Pull request numbers from the most recently updated to the least. */
const RECENT_FIRST = [7, 2, 12, 5, 15, 1, 9, 14, 3, 11, 6, 13, 4, 10, 8];

/** 15 pull requests that each need two writes (a status and a label: the labels exist), 30 in all. */
function world(): World {
  const w = new World();
  w.addUser('alice', { emails: ['alice@example.org'] });
  w.addUser('bob', { emails: ['bob@example.org'] });
  w.addRepo(REPO);
  w.addLabel(REPO, SIGNED);
  w.addLabel(REPO, MISSING);
  for (let n = 1; n <= 15; n++) w.addPullRequest(REPO, { commits: [{ author: n % 3 === 0 ? 'bob' : 'alice' }] });
  RECENT_FIRST.forEach((n, i) => {
    w.pullRequest(REPO, n).updatedAt = new Date(Date.UTC(2026, 0, 31 - i)).toISOString();
  });
  return w;
}

async function start(writesPerHour: number) {
  const w = world();
  const h = await harness(w, { config: configFor([REPO], { writesPerHour }) });
  open.push(h);
  return { h, world: w };
}

const written = (w: World) => Object.entries(endState(w)).filter(([, s]) => s.state !== null).map(([k]) => Number(k.split('#')[1]));

describe('github.maxWritesPerHour', () => {
  it('writes only the budget, most recently updated pull requests first; a second run at once writes 0; a larger budget finishes', async () => {
    const { h, world: w } = await start(10);
    const first = await runCaptured(h, { logLevel: 'warn' }, 'sweep', '--json');
    expect(first.code).toBe(2);
    expect(writes(h.sim)).toBe(10);
    expect(written(w).sort((a, b) => a - b)).toEqual(RECENT_FIRST.slice(0, 5).sort((a, b) => a - b));
    // Each pull request written completely: its status and its label, never one without the other.
    for (const n of RECENT_FIRST.slice(0, 5)) expect(endState(w)[`${REPO}#${n}`]?.labels).toHaveLength(1);
    const summary = JSON.parse(first.stdout);
    expect(summary.stopped).toMatch(/^write budget spent: 10 writes an hour \(github\.maxWritesPerHour\).*it frees up from \d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z; the next run continues$/);
    expect(summary.writes.skipped).toBe(20);
    expect(summary.writes.budgetLeft).toBe(0);
    expect(first.stderr).toContain('sweep stopped early: the next run continues');
    // Kept beside the cache.
    expect(existsSync(join(h.dir, '.cla-sweeper/cache.write-budget.json'))).toBe(true);

    // A second run within the hour: the budget is still spent.
    h.sim.resetCounters();
    const second = await runCaptured(h, { logLevel: 'silent' }, 'sweep');
    expect(second.code).toBe(2);
    expect(writes(h.sim)).toBe(0);
    expect(second.stdout).toContain('stopped early: write budget spent');
    expect(second.stdout).toContain('20 left for the next run; 0 more allowed this hour');

    // More budget (10 of it spent already): the next run writes the other 20 and is done.
    h.setConfig(configFor([REPO], { writesPerHour: 100 }));
    h.sim.resetCounters();
    const third = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(third.exitCode).toBe(0);
    expect(writes(h.sim)).toBe(20);
    expect(third.writes.budgetLeft).toBe(70);
    expect(written(w)).toHaveLength(15);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h.sim)).toBe(0);
  });

  it('spends nothing on a repository\'s labels before a pull request that needs them is reached', async () => {
    const w = world();
    w.repos.get(REPO)!.labels.clear();
    w.addRepo('acme/other');
    w.addPullRequest('acme/other', { commits: [{ author: 'alice' }] });
    w.pullRequest('acme/other', 1).updatedAt = '2020-01-01T00:00:00Z';
    const h = await harness(w, { config: configFor([REPO, 'acme/other'], { writesPerHour: 4 }) });
    open.push(h);
    const r = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json')).stdout);
    expect(r.exitCode).toBe(2);
    // The most recent pull request's label is created with it (3 writes); the next needs 2 more than are left.
    expect(r.writes.byKind).toMatchObject({ 'set-status': 1, 'add-label': 1, 'remove-label': 0, 'create-label': 1 });
    expect(r.writes.total).toBe(3);
    expect(written(w)).toEqual([7]);
    expect(w.repos.get('acme/other')!.labels.size).toBe(0);
  });

  it('is not spent by a dry run', async () => {
    const { h } = await start(10);
    const dry = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--dry-run', '--json')).stdout);
    expect(dry.planned).toHaveLength(30);
    expect(existsSync(join(h.dir, '.cla-sweeper/cache.write-budget.json'))).toBe(false);
    expect((await runCaptured(h, { logLevel: 'silent' }, 'sweep')).code).toBe(2);
    expect(writes(h.sim)).toBe(10);
  });

  it('keeps the file small and readable: writes per minute of the last hour', async () => {
    const { h } = await start(10);
    await runCaptured(h, { logLevel: 'silent' }, 'sweep');
    const file = JSON.parse(readFileSync(join(h.dir, '.cla-sweeper/cache.write-budget.json'), 'utf8'));
    expect(file.version).toBe(1);
    expect(file.writes.reduce((n: number, [, w]: [number, number]) => n + w, 0)).toBe(10);
    expect(endState(h.sim.world)[`${REPO}#7`]?.state).toBe('success');
    expect(h.sim.world.statusOf(REPO, h.sim.world.headSha(REPO, 3), CONTEXT)).toBeUndefined();
  });
});
