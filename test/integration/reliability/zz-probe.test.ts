import { it } from 'vitest';
import { harness } from '../../support/harness.js';
import { bigWorld, configFor, endState, maxStatusesPerSha, runCaptured } from './support.js';
it('probe', async () => {
  const t = bigWorld(4, 10);
  const th = await harness(t.world, { config: configFor(t.names, { concurrency: 8 }) });
  await th.run('sweep');
  const wanted = JSON.stringify(endState(t.world));
  for (let seed = 1; seed <= 8; seed++) {
    const { world, names } = bigWorld(4, 10);
    const h = await harness(world, { faults: { serverErrorRate: 0.15, graphqlErrorRate: 0.05, secondaryLimitConcurrency: 4, secondaryRetryAfterSeconds: 2, latencyMs: 25, seed }, config: configFor(names, { concurrency: 8 }) });
    const t0 = Date.now();
    const r = await runCaptured(h, { logLevel: 'warn' }, 'sweep');
    const dt = Date.now() - t0;
    const st = h.sim.counters.log.map((x) => x.status);
    const gwrong = (r.stderr.match(/Something went wrong/g) ?? []).length;
    h.sim.setFaults({ serverErrorRate: 0, graphqlErrorRate: 0, secondaryLimitConcurrency: 0, latencyMs: 0 });
    const r2 = await h.run('sweep');
    console.log(seed, r.code, dt, 'ms 5xx', st.filter((s) => s >= 500).length, '403', st.filter((s) => s === 403).length, 'total', st.length, 'maxInFlight', h.sim.counters.maxInFlight, 'gqlwrong', h.sim.counters.log.filter((x) => x.kind === 'graphql-query' && x.status === 200 && x.cost === undefined).length, '| then', r2.code, JSON.stringify(endState(world)) === wanted, maxStatusesPerSha(world));
    if (r.code !== 0) console.log(r.stdout.split('\n').slice(4).join('\n'));
    await h.close();
  }
  await th.close();
}, 120000);
