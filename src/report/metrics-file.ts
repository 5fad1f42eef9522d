// `--metrics-file FILE`: the run's metrics written atomically (a temporary file renamed over the
// old one, by write-file-atomic), so node-exporter's textfile collector never reads half a file.
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { lastCompletedIn } from './metrics.js';

/** The last completed sweep's time the file holds from an earlier run; null when none or unreadable. */
export async function previousLastCompleted(file: string): Promise<number | null> {
  return lastCompletedIn(await readFile(file, 'utf8').catch(() => null));
}

export async function writeMetricsFile(file: string, text: string): Promise<void> {
  // 0644: the collector usually runs as another user.
  await writeFileAtomic(file, text, { mode: 0o644 });
}
