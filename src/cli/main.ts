#!/usr/bin/env node
// The executable: wires the process (signals, environment, stdout) to the command line.
import { processIo } from './context.js';
import { favourMemoryOverSpeed } from './memory-mode.js';
import { runCli } from './program.js';

favourMemoryOverSpeed();

const controller = new AbortController();
let signals = 0;
function onSignal(name: string): void {
  signals += 1;
  // A second signal means "now": the cache on disk is still whole (writes are atomic).
  if (signals > 1) process.exit(2);
  process.stderr.write(`${name}: finishing in-flight writes, saving the cache, then exiting\n`);
  controller.abort();
}
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

runCli(process.argv, processIo(controller.signal)).then((code) => {
  process.exitCode = code;
});
