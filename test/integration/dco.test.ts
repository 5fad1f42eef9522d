// The DCO check beside the CLA check, against the simulator: every case the DCO app knows, the
// second sweep's silence, a new head, a DCO-only configuration, and what a sign-off costs.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { SAMPLE_SIGNATORIES, sampleConfig } from '../support/sample-world.js';
import { World } from '../support/simulator/world.js';

const DCO_LABELS = 'dco:\n  labels: { signed: "dco: signed", missing: "dco: missing" }\n';
const REPO = 'acme/dco';

interface Case {
  number: number;
  cla: 'success' | 'failure' | 'error';
  dco: 'success' | 'failure' | 'error';
  /** Short SHAs the DCO description must name. */
  names?: string[];
}

function dcoWorld(): { world: World; cases: Record<string, Case> } {
  const w = new World();
  for (const login of ['alice', 'bob']) w.addUser(login, { emails: [`${login}@example.org`] });
  w.addBot('dependabot[bot]');
  w.addRepo(REPO);
  const cases: Record<string, Case> = {};
  const add = (name: string, c: Omit<Case, 'number'>, spec: Parameters<World['addPullRequest']>[1]) => {
    const pr = w.addPullRequest(REPO, spec);
    cases[name] = { number: pr.number, ...c };
    return pr;
  };
  add('signed off', { cla: 'success', dco: 'success' }, { commits: [{ author: 'alice', signOff: true }, { author: 'alice', signOff: true }] });
  const missing = add('missing sign-off', { cla: 'success', dco: 'failure' }, { commits: [{ author: 'alice', signOff: true }, { author: 'alice' }] });
  cases['missing sign-off']!.names = [missing.commits[1]!.slice(0, 7)];
  const mismatched = add('mismatched sign-off', { cla: 'success', dco: 'failure' }, {
    commits: [{ author: 'alice', signOff: { name: 'Mallory', email: 'mallory@example.org' } }],
  });
  cases['mismatched sign-off']!.names = [mismatched.commits[0]!.slice(0, 7)];
  add('merge commit', { cla: 'success', dco: 'success' }, { commits: [{ author: 'alice', signOff: true }, { author: 'alice', merge: true, message: 'Merge main' }] });
  add('allowlisted bot', { cla: 'success', dco: 'success' }, { commits: [{ author: 'dependabot[bot]' }] });
  const remedied = add('remediation commit', { cla: 'success', dco: 'success' }, { commits: [{ author: 'alice' }] });
  const alice = w.person('alice');
  w.pushCommits(REPO, remedied.number, [
    {
      author: 'alice',
      message: `DCO Remediation Commit for ${alice.name} <${alice.email}>`,
      lines: [`I, ${alice.name} <${alice.email}>, hereby add my Signed-off-by to this commit: ${remedied.commits[0]}`],
      signOff: true,
    },
  ]);
  add('unsigned CLA, signed off', { cla: 'failure', dco: 'success' }, { commits: [{ author: 'bob', signOff: true }] });
  const truncated = add('truncated', { cla: 'error', dco: 'error' }, { commits: Array.from({ length: 5 }, () => ({ author: 'alice', signOff: true as const })) });
  truncated.commitsServed = 3;
  return { world: w, cases };
}

function endState(world: World, cases: Record<string, Case>) {
  return Object.fromEntries(
    Object.entries(cases).map(([name, c]) => {
      const sha = world.headSha(REPO, c.number);
      return [name, { cla: world.statusOf(REPO, sha, 'cla/signed')?.state, dco: world.statusOf(REPO, sha, 'DCO')?.state, labels: world.labelsOf(REPO, c.number).sort() }];
    }),
  );
}

const writes = (h: Harness) => h.sim.counters.requests['rest-write'];

describe('the DCO check beside the CLA check', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('publishes both checks on every pull request, each on its own context and labels', async () => {
    const { world, cases } = dcoWorld();
    h = await harness(world, { config: sampleConfig({ repositories: [REPO], extra: DCO_LABELS }) });
    expect((await h.run('sweep')).code).toBe(0);
    const state = endState(world, cases);
    for (const [name, c] of Object.entries(cases)) {
      expect(state[name], name).toEqual({
        cla: c.cla,
        dco: c.dco,
        labels: [c.cla === 'success' ? 'cla: signed' : 'cla: missing', c.dco === 'success' ? 'dco: signed' : 'dco: missing'].sort(),
      });
      const dco = world.statusOf(REPO, world.headSha(REPO, c.number), 'DCO')!;
      for (const sha of c.names ?? []) expect(dco.description, name).toContain(sha);
      if (c.dco === 'failure') expect(dco.description, name).toMatch(/git rebase HEAD~\d+ --signoff/);
      expect(dco.targetUrl).toBe('https://developercertificate.org/');
    }
  });

  it('writes nothing on a second sweep, and flips a pull request whose new head is signed off', async () => {
    const { world, cases } = dcoWorld();
    h = await harness(world, { config: sampleConfig({ repositories: [REPO], extra: DCO_LABELS }) });
    await h.run('sweep');
    const before = writes(h);
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h)).toBe(before);

    const pr = world.pullRequest(REPO, cases['missing sign-off']!.number);
    // The author amends the commit with a sign-off and force-pushes: a new head of signed-off commits.
    pr.commits = [pr.commits[0]!, world.makeCommit({ author: 'alice', signOff: true }, pr.commits[0]!).sha];
    await h.run('sweep');
    const sha = world.headSha(REPO, pr.number);
    expect(world.statusOf(REPO, sha, 'DCO')?.state).toBe('success');
    expect(world.labelsOf(REPO, pr.number)).toContain('dco: signed');
    expect(world.labelsOf(REPO, pr.number)).not.toContain('dco: missing');
  });

  it('works with only the DCO check configured: no signatories, no CLA status or label', async () => {
    const { world, cases } = dcoWorld();
    h = await harness(world, {
      config: `repositories: [${REPO}]\nallowlist: ["*[bot]"]\ndco: {}\ncache: { file: .cla-sweeper/cache.json }\ngithub: { writeIntervalMs: 0 }\n`,
    });
    expect((await h.run('validate')).code).toBe(0);
    expect((await h.run('sweep')).code).toBe(0);
    for (const [name, c] of Object.entries(cases)) {
      const sha = world.headSha(REPO, c.number);
      expect(world.statusOf(REPO, sha, 'DCO')?.state, name).toBe(c.dco);
      expect(world.statusOf(REPO, sha, 'cla/signed'), name).toBeUndefined();
      expect(world.labelsOf(REPO, c.number), name).toEqual([]);
    }
  });

  it('refuses a configuration with neither check, before any request', async () => {
    const { world } = dcoWorld();
    h = await harness(world, { config: `repositories: [${REPO}]\n` });
    const r = await h.run('sweep');
    expect(r.code).toBe(1);
    expect(h.sim.counters.log).toEqual([]);
  });

  it('costs nothing extra where contributors sign off: the same requests and points as the CLA check alone', async () => {
    const world = () => {
      const w = new World();
      w.addUser('alice', { emails: ['alice@example.org'] });
      for (let r = 0; r < 3; r++) {
        w.addRepo(`acme/r${r}`);
        for (let p = 0; p < 30; p++) w.addPullRequest(`acme/r${r}`, { commits: [{ author: 'alice', signOff: true }, { author: 'alice', signOff: true }] });
      }
      return w;
    };
    const repositories = ['acme/r0', 'acme/r1', 'acme/r2'];
    const figures = async (extra: string) => {
      const sim = await harness(world(), { signatories: SAMPLE_SIGNATORIES, config: sampleConfig({ repositories, extra }) });
      try {
        expect((await sim.run('sweep')).code).toBe(0);
        const cold = { requests: sim.sim.counters.requests['graphql-query'], points: sim.sim.counters.costPoints };
        sim.sim.resetCounters();
        expect((await sim.run('sweep')).code).toBe(0);
        return { cold, warm: { requests: sim.sim.counters.requests['graphql-query'], points: sim.sim.counters.costPoints } };
      } finally {
        await sim.close();
      }
    };
    const claOnly = await figures('');
    const both = await figures('dco: {}\n');
    expect(both).toEqual(claOnly);
    h = await harness(new World());
  });
});
