// An organisation whose statuses on our context were written by another bot (or an older version
// of this tool) in other words: the first sweep writes only where state, target URL or the people
// named differ, never for wording alone (PRODUCT.md, Writes).
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { type Expected, MISSING, SIGNED, sampleWorld } from '../support/sample-world.js';
import type { World } from '../support/simulator/world.js';

const URL = 'https://example.org/cla';

/** What the other bot wrote on each pull request, and whether our sweep must rewrite it. */
type Prior = { state: 'success' | 'failure' | 'error'; description: string; targetUrl: string | null; rewrite: boolean };

function priorFor(e: Expected): Prior | null {
  if (e.state === null) return null;
  const who = (e.mentions ?? []).map((m) => m.replace(/^unlinked: /, '')).join(', ');
  switch (e.case) {
    case 'unsigned author':
      // Names someone else: the people differ.
      return { state: 'failure', description: 'Please sign: @bobby', targetUrl: URL, rewrite: true };
    case 'unsigned co-author only':
      // Right people, right state, but it points elsewhere.
      return { state: 'failure', description: `${who} must sign`, targetUrl: 'https://old.example.org/sign', rewrite: true };
    case 'bot':
      // Wrong state.
      return { state: 'failure', description: 'Unknown author', targetUrl: URL, rewrite: true };
    default:
      // Right in state, URL and people; other words.
      return { state: e.state, description: e.state === 'success' ? 'All good, thanks for signing!' : `Still waiting for ${who}`, targetUrl: URL, rewrite: false };
  }
}

function publishPrior(world: World, expected: Expected[]): Map<string, Prior> {
  const priors = new Map<string, Prior>();
  for (const e of expected) {
    const prior = priorFor(e);
    if (!prior) continue;
    world.addStatus(e.repo, world.headSha(e.repo, e.number), { ...prior, context: 'cla/signed', creator: 'other-cla-bot' });
    const pr = world.pullRequest(e.repo, e.number);
    for (const name of [SIGNED, MISSING]) if (!world.mustRepo(e.repo).labels.has(name)) world.addLabel(e.repo, name);
    pr.labels = [...e.labels];
    priors.set(`${e.repo}#${e.number}`, prior);
  }
  return priors;
}

describe('an organisation whose statuses another bot wrote', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('rewrites only the statuses whose state, target URL or people differ', async () => {
    const { world, expected } = sampleWorld();
    const priors = publishPrior(world, expected);
    h = await harness(world);
    expect((await h.run('sweep')).code).toBe(0);
    const written = h.sim.counters.writesPerPullRequest;
    for (const [key, prior] of priors) expect(written.get(key) ?? 0, key).toBe(prior.rewrite ? 1 : 0);
    expect([...written.values()].reduce((a, b) => a + b, 0)).toBe([...priors.values()].filter((p) => p.rewrite).length);
    // What was rewritten is ours now; what was right stays the other bot's words.
    for (const e of expected.filter((x) => x.state !== null)) {
      const status = world.statusOf(e.repo, world.headSha(e.repo, e.number), 'cla/signed')!;
      expect(status.state).toBe(e.state);
      expect(status.creator).toBe(priors.get(`${e.repo}#${e.number}`)!.rewrite ? 'cla-bot' : 'other-cla-bot');
    }
    h.sim.resetCounters();
    await h.run('sweep');
    expect(h.sim.counters.requests['rest-write']).toBe(0);
  });
});
