// A configured repository transferred to another owner is not written to: GitHub answers its old
// name with the repository in its new home (GraphQL follows renames, REST redirects writes), which
// the configuration does not name. A rename within the same owner is the same repository.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { sampleWorld } from '../support/sample-world.js';
import { writes } from './reliability/support.js';

describe('a configured repository that has moved', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('transferred to another owner: failed by name, nothing read or written there, the others swept (exit 2)', async () => {
    const { world } = sampleWorld();
    const moved = world.moveRepo('acme/gadgets', 'elsewhere/gadgets');
    const labelsBefore = [...moved.labels.keys()];
    h = await harness(world);
    const r = await h.run('sweep', '--json');
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.repositories.failed).toEqual([
      expect.objectContaining({ repo: 'acme/gadgets', error: expect.stringContaining('has moved to elsewhere/gadgets (transferred to another owner)') }),
    ]);
    const written = [...h.sim.counters.writesPerPullRequest.keys()];
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((k) => k.toLowerCase().startsWith('elsewhere/'))).toEqual([]);
    expect([...moved.labels.keys()]).toEqual(labelsBefore);
  });

  it('renamed within its owner: swept under the configured name, then quiet', async () => {
    const { world } = sampleWorld();
    world.moveRepo('acme/gadgets', 'acme/gizmos');
    h = await harness(world);
    expect((await h.run('sweep')).code).toBe(0);
    expect([...h.sim.counters.writesPerPullRequest.keys()].some((k) => k.toLowerCase().startsWith('acme/gizmos#'))).toBe(true);
    h.sim.resetCounters();
    expect((await h.run('sweep')).code).toBe(0);
    expect(writes(h.sim)).toBe(0);
  });
});
