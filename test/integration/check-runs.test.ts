// publish: check-run (issue 13 item 1): each check's verdict as a check run of the App the token
// belongs to, marked as ours, written only where it differs, repaired when changed by hand; other
// Apps' runs, and runs of our App that this tool did not write, are left alone.
import { afterEach, describe, expect, it } from 'vitest';
import { generateWorld, generatedConfig, signatoriesYaml } from '../support/generated-worlds.js';
import { type Harness, harness } from '../support/harness.js';
import { type Expected, SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';
import { World } from '../support/simulator/world.js';

const OURS = 4242;
const CONCLUSION = { success: 'success', failure: 'action_required', error: 'failure' } as const;
const CHECK_RUNS = 'publish: check-run\n';

/** Our App installed on the owner; the CLI runs with that installation's token. */
function install(world: World, owner = 'acme', slug = 'cla-sweeper', id = OURS): { installation: number } {
  world.addApp(slug, { id });
  return { installation: world.installApp(slug, owner).id };
}

function writes(h: Harness): number {
  return h.sim.counters.requests['rest-write'] + h.sim.counters.requests['graphql-mutation'];
}

const open = (expected: Expected[]) => expected.filter((e) => e.state !== null);
const runsOn = (h: Harness, e: { repo: string; number: number }, name = 'cla/signed') =>
  h.sim.world.checkRunsOf(e.repo, h.sim.world.headSha(e.repo, e.number), name);

describe('publish: check-run', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('creates a run of our App with the right conclusion and the full list in its output on every open pull request; then writes nothing', async () => {
    const { world, expected } = sampleWorld();
    h = await harness(world, { token: install(world), config: sampleConfig({ extra: CHECK_RUNS }) });

    expect((await h.run('sweep')).code).toBe(0);

    for (const e of open(expected)) {
      const runs = runsOn(h, e);
      expect(runs, `${e.repo}#${e.number} ${e.case}`).toHaveLength(1);
      const run = runs[0]!;
      expect(run).toMatchObject({ appId: OURS, status: 'completed', conclusion: CONCLUSION[e.state!], detailsUrl: 'https://example.org/cla', externalId: 'cla-sweeper' });
      for (const who of e.mentions ?? []) expect(run.output.summary, e.case).toContain(who.replace(/^unlinked: /, ''));
      // No commit status: the verdict is the check run alone; the labels are as with statuses.
      expect(h.sim.world.statusOf(e.repo, h.sim.world.headSha(e.repo, e.number), 'cla/signed')).toBeUndefined();
      expect(h.sim.world.labelsOf(e.repo, e.number).sort()).toEqual([...e.labels].sort());
    }
    for (const e of expected.filter((x) => x.state === null)) expect(runsOn(h, e)).toEqual([]);

    h.sim.resetCounters();
    const second = await h.run('sweep', '--json');
    expect(second.code).toBe(0);
    expect(writes(h)).toBe(0);
    expect(JSON.parse(second.stdout).writes.total).toBe(0);
  });

  it('names every person missing in the output, where the 140-character title cannot', async () => {
    const world = new World();
    const people = Array.from({ length: 12 }, (_, i) => `contributor-with-a-long-login-${i}`);
    for (const login of people) world.addUser(login, { emails: [`${login}@example.org`] });
    world.addRepo('acme/widgets');
    world.addPullRequest('acme/widgets', { commits: people.map((author) => ({ author })) });
    h = await harness(world, { token: install(world), config: sampleConfig({ repositories: ['acme/widgets'], extra: CHECK_RUNS }) });

    expect((await h.run('sweep')).code).toBe(0);

    const [run] = runsOn(h, { repo: 'acme/widgets', number: 1 });
    expect(run!.output.title!.length).toBeLessThanOrEqual(140);
    expect(people.filter((p) => !run!.output.title!.includes(p)).length).toBeGreaterThan(0);
    for (const p of people) expect(run!.output.summary).toContain(`\`@${p}\``);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);
  });

  it('gives a new head its own run and leaves the old head\'s alone', async () => {
    const { world, expected } = sampleWorld();
    h = await harness(world, { token: install(world), config: sampleConfig({ extra: CHECK_RUNS }) });
    expect((await h.run('sweep')).code).toBe(0);
    const pr = expected.find((e) => e.case === 'unsigned author')!;
    const old = h.sim.world.headSha(pr.repo, pr.number);

    h.sim.world.pushCommits(pr.repo, pr.number, [{ author: 'alice' }]);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);

    expect(runsOn(h, pr)).toMatchObject([{ conclusion: 'action_required', externalId: 'cla-sweeper', appId: OURS }]);
    expect(h.sim.world.checkRunsOf(pr.repo, old, 'cla/signed')).toHaveLength(1);
    // One run created; the labels were right already.
    expect(writes(h)).toBe(1);
  });

  it('ignores another App\'s run of the same name, even one that carries our marker', async () => {
    const { world, expected } = sampleWorld();
    world.addApp('other-ci');
    const pr = expected.find((e) => e.case === 'unsigned author')!;
    const theirs = world.addCheckRun(pr.repo, world.headSha(pr.repo, pr.number), {
      app: 'other-ci',
      name: 'cla/signed',
      conclusion: 'success',
      externalId: 'cla-sweeper',
      output: { title: 'CLA signed', summary: 'All good' },
    });
    h = await harness(world, { token: install(world), config: sampleConfig({ extra: CHECK_RUNS }) });

    expect((await h.run('sweep')).code).toBe(0);

    const runs = runsOn(h, pr);
    expect(runs.map((r) => [r.appId === OURS, r.conclusion])).toEqual([
      [false, 'success'],
      [true, 'action_required'],
    ]);
    expect(runs[0]).toEqual(theirs);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);
  });

  it('with the Actions token, ignores the runs of its App this tool did not write (a workflow job of the same name)', async () => {
    const { world, expected } = sampleWorld();
    const token = install(world, 'acme', 'github-actions', 15368);
    const pr = expected.find((e) => e.case === 'unsigned author')!;
    world.addCheckRun(pr.repo, world.headSha(pr.repo, pr.number), { app: 'github-actions', name: 'cla/signed', conclusion: 'success' });
    h = await harness(world, { token, config: sampleConfig({ extra: CHECK_RUNS }) });

    expect((await h.run('sweep')).code).toBe(0);

    expect(runsOn(h, pr).map((r) => [r.externalId, r.conclusion])).toEqual([
      [null, 'success'],
      ['cla-sweeper', 'action_required'],
    ]);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);
  });

  it.each([
    ['its conclusion', { conclusion: 'success' as const }],
    ['its output, no longer naming who is missing', { output: { title: 'CLA', summary: 'Looks fine to me' } }],
    ['its details link', { detailsUrl: 'https://elsewhere.example.org/' }],
  ])('repairs, in place, a run of ours changed by hand: %s', async (_, patch) => {
    const { world, expected } = sampleWorld();
    h = await harness(world, { token: install(world), config: sampleConfig({ extra: CHECK_RUNS }) });
    expect((await h.run('sweep')).code).toBe(0);
    const pr = expected.find((e) => e.case === 'unsigned author')!;
    const [ours] = runsOn(h, pr);
    h.sim.world.updateCheckRun(pr.repo, ours!.id, patch);

    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);

    expect(writes(h)).toBe(1);
    const runs = runsOn(h, pr);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: ours!.id, conclusion: 'action_required', detailsUrl: 'https://example.org/cla' });
    expect(runs[0]!.output.summary).toContain('@bob');
  });

  it('with a personal token, exits 1 before any write and says what is needed', async () => {
    const { world } = sampleWorld();
    h = await harness(world, { config: sampleConfig({ extra: CHECK_RUNS }) });

    const r = await h.run('sweep', '--json');

    expect(r.code).toBe(1);
    expect(writes(h)).toBe(0);
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('config');
    expect(error.message).toContain('publish: "check-run" needs a GitHub App installation token');
    expect(error.message).toContain('@cla-bot');
    expect(error.message).toContain('publish: status');
    // Nothing but the two reads that tell who the token is.
    expect(h.sim.counters.log.map((r) => r.operationName ?? r.kind)).toEqual(['ViewerLogin']);
  });

  it('with a fine-grained token too', async () => {
    const { world } = sampleWorld();
    h = await harness(world, { token: { login: 'cla-bot', kind: 'fine-grained' }, config: sampleConfig({ extra: CHECK_RUNS }) });
    const r = await h.run('sweep');
    expect(r.code).toBe(1);
    expect(writes(h)).toBe(0);
  });
});

describe('the listing\'s cost with check runs (GitHub counts connections: 2 per head and check)', () => {
  let h: Harness;
  afterEach(() => h.close());

  async function warmListing(extra: string): Promise<{ cost: number; requests: number }> {
    const g = generateWorld({
      name: 'cost',
      owner: 'cost',
      repositories: 1,
      pullRequestsPerRepository: 100,
      commitsPerPullRequest: 1,
      unsignedShare: 0.3,
      coAuthorShare: 0,
      seed: 5,
    });
    const token = install(g.world, 'cost');
    const config = generatedConfig({ repositories: g.repositories, maxConcurrency: 2, mergeQueue: false });
    h = await harness(g.world, { token, signatories: signatoriesYaml(g), config: `${config}${extra}` });
    expect((await h.run('sweep')).code).toBe(0);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(0);
    const listing = h.sim.counters.log.filter((r) => r.operationName === 'ListOpenPullRequests');
    return { cost: listing.reduce((n, r) => n + (r.cost ?? 0), 0), requests: listing.length };
  }

  it('is 3 points for 100 open pull requests with one check published as check runs', async () => {
    expect(await warmListing(CHECK_RUNS)).toEqual({ cost: 3, requests: 1 });
  });

  it('against 1 point with statuses', async () => {
    expect(await warmListing('')).toEqual({ cost: 1, requests: 1 });
  });

  it('and 5 points with two checks (CLA and DCO) published as check runs', async () => {
    expect(await warmListing(`${CHECK_RUNS}dco:\n  context: DCO\n`)).toEqual({ cost: 5, requests: 1 });
  });
});

describe('publish: check-run with --dry-run', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('prints each run it would create, and creates none', async () => {
    const { world } = sampleWorld();
    h = await harness(world, { token: install(world), signatories: SAMPLE_SIGNATORIES, config: sampleConfig({ extra: CHECK_RUNS }) });
    const r = await h.run('sweep', '--dry-run');
    expect(r.code).toBe(0);
    expect(writes(h)).toBe(0);
    expect(r.stdout).toMatch(/would create check run acme\/widgets#2 [0-9a-f]{7} cla\/signed=action_required "CLA missing: @bob/);
  });
});
