// Bots and no-reply addresses (issue 10 item 6): a bot's commit answers `user: null` with an
// `ID+name[bot]@users.noreply.HOST` address. On GitHub Enterprise Server (GITHUB_API_URL
// https://HOST/api/v3) HOST is the server's, and a `*[bot]` allowlist must still pass bot pull
// requests, for the CLA and the DCO check alike; a person's no-reply address of that host names
// their login, one of another host does not.
import { afterEach, describe, expect, it } from 'vitest';
import { noReplyHostOf } from '../../../src/env.js';
import { type Harness, harness } from '../../support/harness.js';
import { MISSING, SIGNED, sampleConfig } from '../../support/sample-world.js';
import { World } from '../../support/simulator/world.js';
import { runCaptured } from '../reliability/support.js';

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const REPO = 'acme/widgets';
const SIGNATORIES = 'signatories:\n  - github: carol\n';

/** The simulator answers GHES routes under /api/v3 on 127.0.0.1: that is the server's host. */
function gheWorld() {
  const w = new World({ host: '127.0.0.1' });
  const carol = w.addUser('carol', { emails: [] });
  w.addBot('renovate[bot]');
  const app = w.addApp('cla-helper');
  w.addRepo(REPO);
  const n = {
    renovate: w.addPullRequest(REPO, { commits: [{ author: 'renovate[bot]' }] }).number,
    app: w.addPullRequest(REPO, { commits: [{ author: app.botLogin }, { author: 'renovate[bot]' }] }).number,
    carolNoReply: w.addPullRequest(REPO, { commits: [{ author: { name: 'Carol', email: `${carol.id}+carol@users.noreply.127.0.0.1` } }] }).number,
    carolOtherHost: w.addPullRequest(REPO, { commits: [{ author: { name: 'Carol', email: `${carol.id}+carol@users.noreply.github.com` } }] }).number,
  };
  return { w, n };
}

/** The environment as read for GITHUB_API_URL=http://127.0.0.1:PORT/api/v3: the no-reply host follows it. */
function ghesEnv(h: Harness) {
  const apiUrl = `${h.sim.url}/api/v3`;
  return { apiUrl, noReplyHost: noReplyHostOf(apiUrl), logLevel: 'silent' as const };
}

function statusOf(w: World, number: number, context: string) {
  return w.statusOf(REPO, w.headSha(REPO, number), context);
}

describe('on a GHES-style GitHub (GITHUB_API_URL ending in /api/v3)', () => {
  it('passes bot pull requests with a *[bot] allowlist, reads people\'s no-reply addresses of that host, and writes nothing on the second sweep', async () => {
    const { w, n } = gheWorld();
    const h = await harness(w, { signatories: SIGNATORIES, config: sampleConfig({ repositories: [REPO], extra: 'dco: {}\n' }) });
    open.push(h);
    const env = ghesEnv(h);
    // Every request went to the GHES routes.
    const r = await runCaptured(h, env, 'sweep', '--json');
    expect(env.noReplyHost).toBe('127.0.0.1');
    expect(h.sim.counters.log.every((x) => x.path.startsWith('/api/'))).toBe(true);
    expect(r.code).toBe(0);
    for (const bot of [n.renovate, n.app]) {
      expect(statusOf(w, bot, 'cla/signed')?.state, `#${bot}`).toBe('success');
      // The DCO app exempts bots too.
      expect(statusOf(w, bot, 'DCO')?.state, `#${bot}`).toBe('success');
      expect(w.labelsOf(REPO, bot)).toEqual([SIGNED]);
    }
    expect(statusOf(w, n.carolNoReply, 'cla/signed')?.state).toBe('success');
    // github.com's no-reply form means nothing on this server: an unlinked address.
    expect(statusOf(w, n.carolOtherHost, 'cla/signed')).toMatchObject({ state: 'failure', description: expect.stringContaining(`unlinked: ${w.user('carol')!.id}+carol@users.noreply.github.com`) });
    expect(w.labelsOf(REPO, n.carolOtherHost)).toEqual([MISSING]);

    h.sim.resetCounters();
    expect((await runCaptured(h, env, 'sweep')).code).toBe(0);
    expect(h.sim.counters.requests['rest-write']).toBe(0);
  });

  it('explains a bot commit by its login', async () => {
    const { w, n } = gheWorld();
    const h = await harness(w, { signatories: SIGNATORIES, config: sampleConfig({ repositories: [REPO] }) });
    open.push(h);
    const r = await runCaptured(h, ghesEnv(h), 'explain', `${REPO}#${n.renovate}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('renovate[bot]');
    expect(r.stdout).not.toMatch(/unlinked/);
  });
});
