// The dashboard issue against the simulator: created once, found again by its marker, edited once
// when a pull request turns green, zero writes otherwise, untouched by a dry run, a --repo sweep or
// a partial one, never an issue someone else opened; `report --publish-dashboard` for shards.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_MARKER } from '../../src/report/dashboard.js';
import { type Harness, harness } from '../support/harness.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import type { World } from '../support/simulator/world.js';

const DASHBOARD_REPO = 'acme/docs';
const CONFIG = sampleConfig({ extra: `dashboard:\n  repo: ${DASHBOARD_REPO}\n  title: CLA dashboard\n` });

/** Writes to issues that are not pull requests (the dashboard's). */
function issueWrites(h: Harness): string[] {
  return h.sim.counters.log
    .filter((r) => r.method !== 'GET' && /\/issues(\/\d+)?$/.test(r.path) && r.status < 300)
    .map((r) => `${r.method} ${r.path}`);
}

const dashboards = (w: World) => [...w.mustRepo(DASHBOARD_REPO).issues.values()].filter((i) => i.body.includes(DASHBOARD_MARKER));

describe('the dashboard issue', () => {
  let h: Harness;
  let w: World;

  beforeEach(async () => {
    ({ world: w } = sampleWorld());
    h = await harness(w, { config: CONFIG });
  });
  afterEach(async () => {
    await h.close();
  });

  it('is created once, edited once when a pull request turns green, and not written otherwise', async () => {
    expect((await h.run('sweep')).code).toBe(0);
    expect(issueWrites(h)).toEqual([`POST /repos/${DASHBOARD_REPO}/issues`]);
    const [issue] = dashboards(w);
    expect(issue).toMatchObject({ title: 'CLA dashboard', author: 'cla-bot', state: 'OPEN' });
    expect(issue!.body).toContain('### Unsigned login (2)');
    expect(issue!.body).toContain('[acme/widgets#2](https://github.com/acme/widgets/pull/2) | cla | `@bob`');

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(issueWrites(h)).toEqual([]);
    expect(h.sim.counters.requests['rest-write']).toBe(0);

    h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: bob\n`);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(issueWrites(h)).toEqual([`PATCH /repos/${DASHBOARD_REPO}/issues/${issue!.number}`]);
    expect(dashboards(w)).toHaveLength(1);
    expect(dashboards(w)[0]!.body).not.toContain('@bob');
    expect(dashboards(w)[0]!.body).toContain('### Unsigned login (1)');

    h.sim.resetCounters();
    await h.run('sweep');
    expect(issueWrites(h)).toEqual([]);
  });

  it('with publish: check-run, shows since when from the runs just written: the next sweep leaves it alone', async () => {
    await h.close();
    ({ world: w } = sampleWorld());
    w.addApp('cla-sweeper', { id: 4242 });
    const installation = w.installApp('cla-sweeper', 'acme').id;
    h = await harness(w, { token: { installation }, config: sampleConfig({ extra: `publish: check-run\ndashboard:\n  repo: ${DASHBOARD_REPO}\n  title: CLA dashboard\n` }) });
    expect((await h.run('sweep')).code).toBe(0);
    expect(issueWrites(h)).toEqual([`POST /repos/${DASHBOARD_REPO}/issues`]);
    expect(dashboards(w)[0]!.body).not.toContain('not yet published');
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(issueWrites(h)).toEqual([]);
  });

  it('is never touched by a dry run, a --repo sweep or a sweep that could not read everything', async () => {
    expect((await h.run('sweep', '--dry-run')).code).toBe(0);
    expect(issueWrites(h)).toEqual([]);
    expect(h.sim.counters.log.some((r) => r.operationName === 'FindOwnIssues')).toBe(false);
    await h.run('sweep', '--repo', 'acme/widgets');
    expect(issueWrites(h)).toEqual([]);

    h.setConfig(sampleConfig({ repositories: ['acme/widgets', 'acme/gadgets', 'acme/docs', 'acme/gone'], extra: `dashboard:\n  repo: ${DASHBOARD_REPO}\n` }));
    expect((await h.run('sweep')).code).toBe(2);
    expect(issueWrites(h)).toEqual([]);
    expect(dashboards(w)).toHaveLength(0);
  });

  it('leaves an issue someone else opened alone, even with the marker in it', async () => {
    const theirs = w.addIssue(DASHBOARD_REPO, { title: 'CLA dashboard', body: `${DASHBOARD_MARKER}\nhand-made`, author: 'mallory' });
    await h.run('sweep');
    expect(theirs.body).toBe(`${DASHBOARD_MARKER}\nhand-made`);
    expect(dashboards(w).filter((i) => i.author === 'cla-bot')).toHaveLength(1);
    expect(issueWrites(h)).toEqual([`POST /repos/${DASHBOARD_REPO}/issues`]);
  });

  it('is found by its marker, not its title, reopened when closed, and says so when nothing is blocked', async () => {
    await h.run('sweep');
    const [issue] = dashboards(w);
    issue!.title = 'renamed by a maintainer';
    w.addIssue(DASHBOARD_REPO, { title: 'CLA dashboard', body: 'an unrelated issue of ours with the same title', author: 'cla-bot' });
    issue!.state = 'CLOSED';
    h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: bob\n  - github: dave\n  - github: mallory\n  - email: erin@unlinked.example\n`);
    h.sim.resetCounters();
    await h.run('sweep');
    expect(issueWrites(h)).toEqual([`PATCH /repos/${DASHBOARD_REPO}/issues/${issue!.number}`]);
    expect(issue).toMatchObject({ state: 'OPEN', title: 'CLA dashboard' });
    expect(issue!.body).toContain('No open pull request is blocked by a check.');
  });

  it('stays put through quick sweeps, which take what they did not read as remembered after the last write', async () => {
    // The DCO check without labels writes statuses only, which do not bump a pull request's
    // updatedAt: a quick sweep then reads none of them again, and must know since when they stand.
    h.setConfig(`repositories: [acme/widgets, acme/gadgets, acme/docs]
dco: {}
github: { writeIntervalMs: 0 }
sweep: { rescanMinutes: 60 }
dashboard: { repo: ${DASHBOARD_REPO} }
`);
    expect((await h.run('sweep')).code).toBe(0);
    const [issue] = dashboards(w);
    expect(issue!.body).toContain('### Missing sign-off');
    expect(issue!.body).not.toContain('not yet published');
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(h.sim.counters.log.some((r) => r.operationName === 'FetchPullRequestCommits')).toBe(false);
    expect(issueWrites(h)).toEqual([]);
    await h.run('sweep', '--rescan');
    expect(issueWrites(h)).toEqual([]);
  });

  it('is published by report --publish-dashboard, whose only write it is', async () => {
    const r = await h.run('report', '--publish-dashboard');
    expect(r.code).toBe(0);
    expect(h.sim.counters.requests['rest-write']).toBe(1);
    expect(issueWrites(h)).toEqual([`POST /repos/${DASHBOARD_REPO}/issues`]);
    h.sim.resetCounters();
    await h.run('report', '--publish-dashboard');
    expect(h.sim.counters.requests['rest-write']).toBe(0);
    // A plain report writes nothing.
    await h.run('report');
    expect(h.sim.counters.requests['rest-write']).toBe(0);
    // Its write was counted against the hour's budget, kept beside the cache.
    const ledger = JSON.parse(readFileSync(join(dirname(h.cacheFile), 'cache.write-budget.json'), 'utf8'));
    expect(ledger.writes.reduce((n: number, [, w]: [number, number]) => n + w, 0)).toBe(1);
  });

  it('report --publish-dashboard takes its write from the write budget: none left, no write', async () => {
    h.setConfig(sampleConfig({ maxWritesPerHour: 1, extra: `dashboard:\n  repo: ${DASHBOARD_REPO}\n  title: CLA dashboard\n` }));
    mkdirSync(dirname(h.cacheFile), { recursive: true });
    writeFileSync(join(dirname(h.cacheFile), 'cache.write-budget.json'), JSON.stringify({ version: 1, writes: [[Math.floor(Date.now() / 60_000), 1]] }));
    const r = await h.run('report', '--publish-dashboard');
    expect(r.code).toBe(2);
    expect(issueWrites(h)).toEqual([]);
  });
});
