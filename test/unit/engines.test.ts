// package.json's `engines.node` says which Node versions cla-sweeper works on: every installed
// package (package-lock.json records each one's own `engines`) must accept all of them, so that
// `npm ci` on a supported version warns about none. (npm test runs this too: vitest and vite
// count, their ranges are what excludes Node 21 and 23.)
import { existsSync, readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('engines.node', () => {
  const declared = pkg.engines.node;

  it('is a range whose lowest version is a Node 20 release GitHub Actions and the tests run', () => {
    expect(semver.minVersion(declared)?.version).toBe('20.19.0');
  });

  it('is accepted by every locked dependency', () => {
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      // Optional packages for other platforms (a wasm fallback, say) are not installed.
      if (!path || !node || !existsSync(path)) continue;
      if (!semver.subset(declared, node)) refusing.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version}: node ${node}`);
    }
    expect(refusing).toEqual([]);
  });
});
