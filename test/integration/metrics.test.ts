// --metrics-file against the simulator: the file parsed back by a Prometheus text parser holds the
// sweep's figures, and is written at the end of dry and failed runs too, atomically.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../support/harness.js';
import { parseMetrics } from '../support/metrics.js';
import { sampleConfig, sampleWorld } from '../support/sample-world.js';

describe('--metrics-file', () => {
  let h: Harness;
  let file: string;

  beforeEach(async () => {
    h = await harness(sampleWorld().world);
    file = join(h.dir, 'metrics', 'cla_sweeper.prom');
    mkdirSync(join(h.dir, 'metrics'));
  });
  afterEach(async () => {
    await h.close();
  });

  it('holds the figures of the sweep, every name prefixed cla_sweeper_', async () => {
    const r = await h.run('sweep', '--json', '--metrics-file', file);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    const m = parseMetrics(readFileSync(file, 'utf8'));
    expect(m.names().every((n) => n.startsWith('cla_sweeper_'))).toBe(true);
    for (const verdict of ['signed', 'missing', 'error']) {
      expect(m.value('cla_sweeper_pull_requests', { check: 'cla', verdict })).toBe(summary.checks.cla[verdict]);
    }
    expect(m.value('cla_sweeper_pull_requests_seen')).toBe(summary.pullRequests.seen);
    for (const [kind, n] of Object.entries(summary.writes.byKind)) expect(m.value('cla_sweeper_writes', { kind })).toBe(n);
    expect(m.value('cla_sweeper_writes', { kind: 'set-status' })).toBeGreaterThan(0);
    expect(m.value('cla_sweeper_graphql_points_spent')).toBe(summary.graphql.costPoints);
    expect(m.value('cla_sweeper_graphql_points_left')).toBe(h.sim.state.graphqlBudget.remaining);
    expect(m.value('cla_sweeper_rest_budget_left')).toBe(h.sim.state.restBudget.remaining);
    expect(m.value('cla_sweeper_failures', { what: 'repository' })).toBe(0);
    expect(m.value('cla_sweeper_run_exit_code')).toBe(0);
    expect(m.value('cla_sweeper_run_info', { command: 'sweep', dry_run: 'false' })).toBe(1);
    expect(m.value('cla_sweeper_run_duration_seconds')).toBeGreaterThan(0);
    const completed = m.value('cla_sweeper_last_completed_sweep_timestamp_seconds')!;
    expect(Math.abs(completed - Date.now() / 1000)).toBeLessThan(600);
    // The write budget is not merged yet: no figure rather than a made-up one.
    expect(m.value('cla_sweeper_write_budget_left')).toBeUndefined();
    // Written atomically: nothing but the file is left in its directory.
    expect(readdirSync(join(h.dir, 'metrics'))).toEqual(['cla_sweeper.prom']);
  });

  it('is written by a dry run and a failed run, which keep the last completed sweep time', async () => {
    await h.run('sweep', '--metrics-file', file);
    const completed = parseMetrics(readFileSync(file, 'utf8')).value('cla_sweeper_last_completed_sweep_timestamp_seconds');

    await h.run('sweep', '--dry-run', '--metrics-file', file);
    let m = parseMetrics(readFileSync(file, 'utf8'));
    expect(m.value('cla_sweeper_run_info', { command: 'sweep', dry_run: 'true' })).toBe(1);
    expect(m.value('cla_sweeper_planned_writes')).toBe(0);
    expect(m.value('cla_sweeper_last_completed_sweep_timestamp_seconds')).toBe(completed);

    h.setConfig(sampleConfig({ signatories: 'missing.yaml' }));
    expect((await h.run('sweep', '--metrics-file', file)).code).toBe(1);
    m = parseMetrics(readFileSync(file, 'utf8'));
    expect(m.value('cla_sweeper_run_exit_code')).toBe(1);
    expect(m.value('cla_sweeper_run_failed', { kind: 'signatories' })).toBe(1);
    expect(m.value('cla_sweeper_last_completed_sweep_timestamp_seconds')).toBe(completed);
  });

  it('is written when the configuration itself cannot be read', async () => {
    h.setConfig('repositories: 5\n');
    expect((await h.run('sweep', '--metrics-file', file)).code).toBe(1);
    const m = parseMetrics(readFileSync(file, 'utf8'));
    expect(m.value('cla_sweeper_run_failed', { kind: 'config' })).toBe(1);
  });
});
