// A label whose case differs from the configured name (issue 10 item 8): GitHub label names are
// unique whatever their case, but `Repository.label(name:)` has been reported to look names up
// exactly (the simulator's `caseSensitiveLabelLookup`). The sweep must create no second label, and
// must not plan a creation (and get a 422) on every run.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../support/harness.js';
import { World } from '../../support/simulator/world.js';
import { configFor, runCaptured } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const REPO = 'acme/widgets';

/** The repository spells the labels in lower case; the configuration capitalises them. */
function world(labelledPullRequests: boolean): World {
  const w = new World();
  w.addUser('alice', { emails: ['alice@example.org'] });
  w.addUser('bob', { emails: ['bob@example.org'] });
  w.addRepo(REPO);
  w.addLabel(REPO, 'cla: signed');
  w.addLabel(REPO, 'cla: missing');
  w.addPullRequest(REPO, { commits: [{ author: 'alice' }], labels: labelledPullRequests ? ['cla: signed'] : [] });
  w.addPullRequest(REPO, { commits: [{ author: 'bob' }] });
  return w;
}

const CONFIG = configFor([REPO]).replace('signed: "cla: signed"', 'signed: "CLA: Signed"').replace('missing: "cla: missing"', 'missing: "CLA: Missing"');

async function start(labelledPullRequests: boolean) {
  const w = world(labelledPullRequests);
  const h = await harness(w, { config: CONFIG, faults: { caseSensitiveLabelLookup: true } });
  open.push(h);
  return { h, w };
}

const labelCreations = (h: Harness) => h.sim.counters.log.filter((x) => x.method === 'POST' && x.path === `/repos/${REPO}/labels`);

describe('a configured label that exists in another case, looked up case-sensitively', () => {
  it.each([
    ['no pull request carries it yet', false],
    ['a pull request carries it', true],
  ])('%s: never a second label; at most one refused creation, ever; then no write', async (_case, labelled) => {
    expect(CONFIG).toContain('CLA: Signed');
    const { h, w } = await start(labelled);
    const first = await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json');
    expect(first.code).toBe(0);
    expect([...w.repos.get(REPO)!.labels.values()].map((l) => l.name).sort()).toEqual(['cla: missing', 'cla: signed']);
    expect(w.labelsOf(REPO, 1)).toEqual(['cla: signed']);
    expect(w.labelsOf(REPO, 2)).toEqual(['cla: missing']);
    // Learnt from GitHub's 422 (already_exists) at most once per label, or from the pull requests' own labels.
    expect(labelCreations(h).length).toBeLessThanOrEqual(labelled ? 1 : 2);
    expect(labelCreations(h).every((x) => x.status === 422)).toBe(true);

    for (let run = 0; run < 2; run++) {
      h.sim.resetCounters();
      const dry = JSON.parse((await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--dry-run', '--json')).stdout);
      expect(dry.planned).toEqual([]);
      const again = await runCaptured(h, { logLevel: 'silent' }, 'sweep', '--json');
      expect(again.code).toBe(0);
      expect(h.sim.counters.requests['rest-write']).toBe(0);
    }
    // A pull request that flips later gets the other label without a creation being tried again.
    w.pushCommits(REPO, 2, [{ author: 'alice' }]);
    w.pullRequest(REPO, 2).commits.splice(0, 1);
    h.sim.resetCounters();
    await runCaptured(h, { logLevel: 'silent' }, 'sweep');
    expect(labelCreations(h)).toEqual([]);
    expect(w.labelsOf(REPO, 2)).toEqual(['cla: signed']);
    expect(w.repos.get(REPO)!.labels.size).toBe(2);
  });
});
