// `npm run demo`: starts the GitHub simulator with the sample world, runs the real CLI's sweep
// against it twice with config/demo.yaml, and shows what changed and that the second run wrote nothing.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { sampleWorld } from '../test/support/sample-world.js';
import { startSimulator } from '../test/support/simulator/index.js';
import { describeSampleWorld } from './sample-world-figures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = resolve(root, 'dist/src/cli/main.js');
const config = resolve(root, 'config/demo.yaml');

function writes(sim: Awaited<ReturnType<typeof startSimulator>>): number {
  return sim.counters.requests['rest-write'] + sim.counters.requests['graphql-mutation'];
}

async function main(): Promise<number> {
  const { world, expected } = sampleWorld();
  const sim = await startSimulator({ world, tokens: { 'demo-token': 'cla-sweeper-demo' } });
  rmSync(resolve(root, '.cla-sweeper/demo-cache.json'), { force: true });
  const env = { ...process.env, GITHUB_TOKEN: 'demo-token', GITHUB_API_URL: sim.url, CLA_SWEEPER_CONFIG: config };
  try {
    // Counted as the sweeps below count: open pull requests of the configured repositories.
    const { repositories } = (await loadConfig(config)).config;
    console.log(`GitHub simulator at ${sim.url} with ${describeSampleWorld(world, repositories)}\n`);
    for (const run of [1, 2]) {
      const before = writes(sim);
      console.log(`── sweep ${run}: cla-sweeper sweep --config config/demo.yaml`);
      // Asynchronous: the simulator answers from this very process.
      const status = await new Promise<number | null>((done) => {
        spawn(process.execPath, [cli, 'sweep'], { env, stdio: ['ignore', 'inherit', 'ignore'] }).on('close', done);
      });
      console.log(`   exit status ${status}; writes seen by GitHub: ${writes(sim) - before}\n`);
      if (run === 2 && writes(sim) !== before) {
        console.error('the second sweep wrote something: it should have written nothing');
        return 1;
      }
    }
    console.log('End state on GitHub:');
    for (const e of expected) {
      const pr = world.pullRequest(e.repo, e.number);
      const status = world.statusOf(e.repo, world.headSha(e.repo, e.number), 'cla/signed');
      const shown = status ? `${status.state.padEnd(7)} "${status.description}"` : 'no status (not open: untouched)';
      console.log(`  ${`${e.repo}#${e.number}`.padEnd(16)} ${e.case.padEnd(38)} ${shown}  [${pr.labels.join(', ')}]`);
    }
    // What a maintainer reads: the blocked pull requests, by reason (read-only).
    console.log('\n── cla-sweeper report --config config/demo.yaml\n');
    const reported = await new Promise<number | null>((done) => {
      spawn(process.execPath, [cli, 'report'], { env, stdio: ['ignore', 'inherit', 'ignore'] }).on('close', done);
    });
    return reported === 0 ? 0 : 1;
  } finally {
    await sim.close();
  }
}

main().then((code) => {
  process.exitCode = code;
});
