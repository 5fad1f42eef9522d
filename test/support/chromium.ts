// Debian's Chromium, driven by playwright-core (which never downloads a browser of its own), with
// the flags this machine needs (/work/.library/env/machines/node.md): no sandbox as root, and no
// background networking, which the closed network would refuse. A missing Chromium fails the test
// that asked for it, with the command that installs it: such a test never skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh, empty profile; throws, naming the install command, when it is not there. */
export async function startChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get update && apt-get install -y --no-install-recommends chromium" (.ci/run does)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'cla-sweeper-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, offline: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
