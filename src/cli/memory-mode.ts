// How the process trades CPU for memory, set once when it starts (src/cli/main.ts; the benchmark's
// child process does the same, so that it measures what users run).
import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets its heap grow to up to four times what survived the last full collection before it
 * collects again; a sweep makes most of its garbage in bursts (each answer parsed, validated and
 * turned into the core's model), so an L sweep whose live set stays near 50 MB peaked at 210 MB of
 * heap and 320 MB of RSS. `--optimize-for-size` caps that growth at twice the live set and
 * collects sooner, for some CPU a network-bound sweep can spare (measured by `npm run bench`).
 * V8 reads the flag at each collection, so setting it now, before the sweep allocates, takes
 * effect; flags given on the command line or in NODE_OPTIONS are left as they are.
 */
export function favourMemoryOverSpeed(): void {
  setFlagsFromString('--optimize-for-size');
}
