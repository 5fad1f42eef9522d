// `cla-sweeper report` against the simulator: read-only (no write, no cache file), from an empty
// cache, every reason grouped, since when from GitHub, and the three formats; the HTML page opened
// in headless Chromium (it renders, the links are right, it sorts and filters).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockedPullRequest } from '../../src/report/blocked.js';
import { startChromium } from '../support/chromium.js';
import { type Harness, harness } from '../support/harness.js';
import { sampleConfig, sampleWorld } from '../support/sample-world.js';
import type { World } from '../support/simulator/world.js';

function writes(h: Harness): number {
  return h.sim.counters.requests['rest-write'] + h.sim.counters.requests['graphql-mutation'];
}

/** The sample world, plus a pull request whose commits cannot all be read and one without a sign-off. */
function world(): World {
  const { world: w } = sampleWorld();
  const truncated = w.addPullRequest('acme/docs', { author: 'alice', commits: Array.from({ length: 3 }, () => ({ author: 'alice', signOff: true as const })) });
  truncated.commitsServed = 2;
  w.addPullRequest('acme/docs', { author: 'alice', commits: [{ author: 'alice' }] });
  return w;
}

const CONFIG = sampleConfig({ extra: 'dco:\n  context: DCO\n' });

describe('report', () => {
  let h: Harness;
  let w: World;

  beforeAll(async () => {
    w = world();
    h = await harness(w, { config: CONFIG });
  });
  afterAll(async () => {
    await h.close();
  });

  it('works from an empty cache, writes nothing to GitHub and leaves no cache file', async () => {
    const r = await h.run('report', '--json');
    expect(r.code).toBe(0);
    expect(writes(h)).toBe(0);
    expect(existsSync(h.cacheFile)).toBe(false);
    const entries = JSON.parse(r.stdout) as BlockedPullRequest[];
    const cla = entries.filter((e) => e.check === 'cla').map((e) => `${e.repository}#${e.number} ${e.reasons.join(',')} ${e.missing.map((m) => m.who).join(',')}`);
    expect(cla).toEqual([
      'acme/docs#5 cannot-verify only 2 of 3 commits could be read',
      'acme/gadgets#3 unsigned-login @mallory',
      'acme/widgets#2 unsigned-login @bob',
      'acme/widgets#3 co-author @dave',
      'acme/widgets#4 unlinked-email erin@unlinked.example',
    ]);
    expect(entries.some((e) => e.check === 'dco' && e.reasons.includes('missing-sign-off') && e.repository === 'acme/docs' && e.number === 6)).toBe(true);
    for (const e of entries) {
      expect(e.url).toBe(`https://github.com/${e.repository}/pull/${e.number}`);
      // Nothing is published yet: the block has no start.
      expect(e.since).toBeNull();
    }
  });

  it('gives since when from the failing status on GitHub, after a sweep', async () => {
    expect((await h.run('sweep')).code).toBe(0);
    h.sim.resetCounters();
    const entries = JSON.parse((await h.run('report', '--json')).stdout) as BlockedPullRequest[];
    expect(writes(h)).toBe(0);
    for (const e of entries) {
      const status = w.statusOf(e.repository, w.headSha(e.repository, e.number), e.context);
      expect(e.since, `${e.repository}#${e.number} ${e.check}`).not.toBeNull();
      expect(Date.parse(e.since!), `${e.repository}#${e.number} ${e.check}`).toBe(Date.parse(status!.createdAt));
    }
  });

  it('prints Markdown grouped by reason by default', async () => {
    const entries = JSON.parse((await h.run('report', '--json')).stdout) as BlockedPullRequest[];
    const signOffs = entries.filter((e) => e.reasons.includes('missing-sign-off')).length;
    expect(signOffs).toBeGreaterThan(1);
    const r = await h.run('report');
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('### '));
    expect(headings).toEqual(['### Unsigned login (2)', '### Unlinked email (1)', '### Co-author (1)', `### Missing sign-off (${signOffs})`, '### Cannot verify (2)']);
    expect(r.stdout).toContain('[acme/widgets#2](https://github.com/acme/widgets/pull/2)');
  });

  it('--html into a directory that does not exist, or onto a directory: exit 1 naming --html, before any GitHub request', async () => {
    h.sim.resetCounters();
    const missing = join(h.dir, 'no-such-dir', 'report.html');
    const r = await h.run('report', '--json', '--html', missing);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toEqual({
      kind: 'config',
      message: `command line: --html: cannot write ${missing}: the directory ${join(h.dir, 'no-such-dir')} does not exist (ENOENT)`,
    });
    const onDirectory = await h.run('report', '--json', '--html', h.dir);
    expect(onDirectory.code).toBe(1);
    expect(JSON.parse(onDirectory.stdout).error.message).toContain(`--html: ${h.dir} is a directory`);
    expect(h.sim.counters.requests['graphql-query']).toBe(0);
  });

  it('writes an HTML page that renders in Chromium, links right, sorts and filters', async () => {
    const file = join(h.dir, 'report.html');
    const entries = JSON.parse((await h.run('report', '--json')).stdout) as BlockedPullRequest[];
    const r = await h.run('report', '--html', file);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    // Self-contained: no script or stylesheet from elsewhere.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/i);

    const browser = await startChromium();
    try {
      const page = await browser.context.newPage();
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(pathToFileURL(file).href);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      const rows = page.locator('#blocked tbody tr');
      expect(await rows.count()).toBe(entries.reduce((n, e) => n + e.reasons.length, 0));
      const links = await page.locator('#blocked tbody a').evaluateAll((as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).href]));
      for (const [text, href] of links) {
        const [repo, number] = String(text).split('#');
        expect(href).toBe(`https://github.com/${repo}/pull/${number}`);
      }

      const column = async (n: number) => rows.evaluateAll((trs, i) => trs.map((tr) => (tr as HTMLTableRowElement).cells[i]!.textContent!.trim()), n);
      // By pull request, ascending then descending.
      await page.locator('th', { hasText: 'Pull request' }).click();
      const ascending = await column(1);
      const byNumber = (list: string[]) => [...list].sort((a, b) => a.split('#')[0]!.localeCompare(b.split('#')[0]!) || Number(a.split('#')[1]) - Number(b.split('#')[1]));
      expect(ascending).toEqual(byNumber(ascending));
      expect(await page.locator('th', { hasText: 'Pull request' }).getAttribute('aria-sort')).toBe('ascending');
      await page.locator('th', { hasText: 'Pull request' }).click();
      expect(await column(1)).toEqual(byNumber(ascending).reverse());
      // By since: oldest first.
      await page.locator('th', { hasText: 'Since' }).click();
      const since = await column(5);
      expect(since).toEqual([...since].sort());

      // Filtering by text and by reason.
      await page.fill('#filter', 'mallory');
      expect(await page.locator('#blocked tbody tr:not([hidden])').count()).toBe(1);
      expect(await page.locator('#shown').textContent()).toBe('1');
      await page.fill('#filter', '');
      await page.selectOption('#reason', 'missing-sign-off');
      const visible = await page.locator('#blocked tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-reason')));
      expect(visible).toEqual(entries.filter((e) => e.reasons.includes('missing-sign-off')).map(() => 'missing-sign-off'));
    } finally {
      await browser.close();
    }
  });
});
