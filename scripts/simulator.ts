// `npm run simulator`: the bundled GitHub simulator on its own, serving the sample world (the
// demo's: three acme/ repositories, one pull request per case) on 127.0.0.1 until Ctrl-C, and
// printing what to export so that the CLI, with config/demo.yaml, sweeps it. Opens no other port.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { sampleWorld } from '../test/support/sample-world.js';
import { startSimulator } from '../test/support/simulator/index.js';
import { describeSampleWorld } from './sample-world-figures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const SIMULATOR_TOKEN = 'simulator-token';
export const DEFAULT_PORT = 8089;

function portOf(argv: string[], env: NodeJS.ProcessEnv): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : env.CLA_SWEEPER_SIMULATOR_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port (or CLA_SWEEPER_SIMULATOR_PORT) is ${JSON.stringify(raw)}: expected a port number, 0 for any free one`);
  }
  return port;
}

async function main(): Promise<number> {
  const port = portOf(process.argv.slice(2), process.env);
  const { world } = sampleWorld();
  const { config } = await loadConfig(resolve(root, 'config/demo.yaml'));
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({ world, tokens: { [SIMULATOR_TOKEN]: 'cla-sweeper-demo' }, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`simulator: port ${port} on 127.0.0.1 is taken (another simulator still running?); stop it, or pick another: npm run simulator -- --port N`);
    return 1;
  }
  console.log(`GitHub simulator on ${sim.url}: ${describeSampleWorld(world, config.repositories)}`);
  console.log('In another terminal, in this directory:');
  console.log(`  export GITHUB_API_URL=${sim.url} GITHUB_TOKEN=${SIMULATOR_TOKEN}`);
  console.log('  node dist/src/cli/main.js validate --config config/demo.yaml');
  console.log('  node dist/src/cli/main.js sweep --dry-run --config config/demo.yaml');
  console.log('Ctrl-C stops the simulator; its world starts afresh on every start.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sim.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
