// One sweep of `npm run bench`, in a process of its own so that its peak RSS is the sweep's alone
// (the simulator runs in the parent). Runs the real CLI in-process and prints one JSON line:
// exit status, wall and CPU time, peak RSS and the sweep's own `--json` summary.
import { performance } from 'node:perf_hooks';
import { favourMemoryOverSpeed } from '../src/cli/memory-mode.js';
import { runCli } from '../src/cli/program.js';
import { readEnv } from '../src/env.js';

export interface ChildReport {
  code: number;
  wallMs: number;
  cpuMs: number;
  /** process.resourceUsage().maxRSS, in kilobytes. */
  maxRssKb: number;
  /** The most V8 heap in use at any sample (every 100 ms), in bytes: the live set plus garbage not yet collected. */
  peakHeapUsed: number;
  /** The sweep's `--json` summary, without the list of planned writes (null when it printed none). */
  summary: Record<string, unknown> | null;
}

async function main(): Promise<void> {
  // As src/cli/main.ts does.
  favourMemoryOverSpeed();
  const config = process.argv[2];
  if (!config) throw new Error('usage: bench-child.js CONFIG_FILE');
  let stdout = '';
  let peakHeapUsed = 0;
  const sample = () => {
    peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 100);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const code = await runCli(['node', 'cla-sweeper', 'sweep', '--json', '--config', config], {
    env: readEnv(process.env),
    out: (text) => {
      stdout += text;
    },
    signal: new AbortController().signal,
  });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
  let summary: Record<string, unknown> | null = null;
  try {
    summary = JSON.parse(stdout) as Record<string, unknown>;
    delete summary.planned;
  } catch {
    summary = null;
  }
  const report: ChildReport = {
    code,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    peakHeapUsed,
    summary,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-child: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
