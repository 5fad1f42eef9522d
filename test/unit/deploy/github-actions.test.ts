// deploy/github-actions/cla-sweeper.yml (issue 11, point 6; issue 8, point 7): valid against
// GitHub's workflow schema (@action-validator/core), the cache restored and saved even when the
// sweep fails, exit 2 passed with a warning annotation while exit 1 fails the job (the step's
// script run for real, with a stand-in for the CLI), and the same build steps as CI and the
// container.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { DockerfileParser } from 'dockerfile-ast';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FILE = join(root, 'deploy/github-actions/cla-sweeper.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  with?: Record<string, string | number>;
  env?: Record<string, string>;
}
const workflow = parse(text) as {
  on: { schedule: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs)[0]!.steps;
const uses = (action: string) => steps.filter((s) => s.uses?.split('@')[0] === action);
const sweepStep = steps.find((s) => s.run?.includes('dist/src/cli/main.js sweep'))!;

const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-gha-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the Sweep step's script with bash, with `node` standing in for the CLI and exiting `code`. */
function runSweepStep(code: number): { status: number | null; stdout: string } {
  const bin = join(dir, `bin-${code}`);
  execFileSync('mkdir', ['-p', bin]);
  writeFileSync(join(bin, 'node'), `#!/bin/sh\necho "stand-in for: node $*"\nexit ${code}\n`);
  chmodSync(join(bin, 'node'), 0o755);
  // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', sweepStep.run!], {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout };
}

describe('deploy/github-actions/cla-sweeper.yml', () => {
  it('validates against the GitHub Actions workflow schema', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it('the validator does refuse a malformed workflow', () => {
    expect(validateWorkflow(text.replace('runs-on:', 'runs_on:')).errors.length).toBeGreaterThan(0);
    expect(validateWorkflow(text.replace('statuses: write', 'statuses: always')).errors.length).toBeGreaterThan(0);
  });

  it('runs on a schedule and by hand, one run at a time', () => {
    expect(workflow.on.schedule[0]!.cron.split(' ')).toHaveLength(5);
    expect(Object.keys(workflow.on)).toContain('workflow_dispatch');
    expect(parse(text).concurrency).toMatchObject({ 'cancel-in-progress': false });
  });

  it('restores the cache before the sweep and saves it after, even when the sweep failed, from where the configuration keeps it', async () => {
    const [restore] = uses('actions/cache/restore');
    const [save] = uses('actions/cache/save');
    expect(restore && save).toBeTruthy();
    expect(steps.indexOf(restore!)).toBeLessThan(steps.indexOf(sweepStep));
    expect(steps.indexOf(save!)).toBeGreaterThan(steps.indexOf(sweepStep));
    expect(save!.if).toBe('always()');
    expect(uses('actions/cache')).toEqual([]); // the combined action saves nothing after a failed step
    expect(save!.with!.path).toBe(restore!.with!.path);
    expect(save!.with!.key).toBe(restore!.with!.key);
    expect(String(save!.with!.key)).toContain('github.run_id');
    // The cache of the configuration the workflow runs with, under its default cache.file.
    const configFile = sweepStep.env!.CLA_SWEEPER_CONFIG!;
    const loaded = await loadConfig(join(root, 'config/cla-sweeper.example.yaml'));
    const cacheDir = relative(root, dirname(resolve(root, dirname(configFile), relative(loaded.dir, loaded.cacheFile))));
    expect(save!.with!.path).toBe(cacheDir);
  });

  it.each([
    [0, 0, false],
    [2, 0, true],
    [1, 1, false],
  ])('a sweep that exits %i ends the step with %i (warning annotation: %s)', (code, status, warns) => {
    const r = runSweepStep(code);
    expect(r.stdout).toContain('stand-in for: node dist/src/cli/main.js sweep');
    expect(r.status).toBe(status);
    expect(r.stdout.includes('::warning title=cla-sweeper::partial sweep')).toBe(warns);
  });

  it('sweeps with an App token when the App is configured, else with the workflow token, never a personal secret', () => {
    const [app] = uses('actions/create-github-app-token');
    expect(app?.id).toBe('app-token');
    expect(app?.if).toContain('vars.CLA_SWEEPER_APP_ID');
    expect(sweepStep.env!.GITHUB_TOKEN).toMatch(/^\$\{\{ steps\.app-token\.outputs\.token \|\| github\.token \}\}$/);
    expect(workflow.permissions).toEqual({ contents: 'read', statuses: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write' });
  });

  it('builds as CI and the container do, on the Node.js major of the container image', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    const build = steps.find((s) => s.run?.includes('npm run build'))!.run!.trim();
    const [install] = build.split(' && ');
    expect(ci).toContain(install);
    expect(build).toBe(`${install} && npm run build`);
    const dockerfile = DockerfileParser.parse(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    const image = dockerfile.getFROMs()[0]!.getImageTag() ?? '';
    const [setup] = uses('actions/setup-node');
    expect(String(setup!.with!['node-version'])).toBe(/^(\d+)/.exec(image)?.[1]);
  });
});
