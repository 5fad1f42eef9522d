// Bots and no-reply addresses (issue 10 items 6 and 7): a bot's commit has no `User`, no-reply
// addresses follow the host, and an address linked later shows its account on the next read.
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../support/simulator/server.js';
import { World } from '../../support/simulator/world.js';
import { graphql } from './http.js';

let sim: Simulator;
const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const COMMITS = `query Commits {
  repository(owner: "acme", name: "widgets") {
    pullRequest(number: 1) {
      commits(first: 10) { nodes { commit { authors(first: 5) { nodes { email user { login } } } } } }
    }
  }
}`;

interface Answer {
  data: { repository: { pullRequest: { commits: { nodes: { commit: { authors: { nodes: { email: string; user: { login: string } | null }[] } } }[] } } } };
}

async function authors(world: World): Promise<{ email: string; user: { login: string } | null }[]> {
  sim = await startSimulator({ world });
  running.push(sim);
  const res = await graphql(sim, COMMITS);
  expect((res.body as { errors?: unknown }).errors).toBeUndefined();
  return (res.body as Answer).data.repository.pullRequest.commits.nodes.flatMap((n) => n.commit.authors.nodes);
}

describe('bots', () => {
  it('answer user: null with their ID+login[bot] no-reply address, an App\'s bot included', async () => {
    const world = new World();
    world.addUser('alice', { emails: ['alice@example.org'] });
    const dependabot = world.addBot('dependabot[bot]');
    const app = world.addApp('cla-sweeper');
    const bot = world.user(app.botLogin)!;
    world.addRepo('acme/widgets');
    world.addPullRequest('acme/widgets', {
      commits: [{ author: 'dependabot[bot]' }, { author: app.botLogin, coAuthors: ['alice'] }],
    });
    expect(await authors(world)).toEqual([
      { email: `${dependabot.id}+dependabot[bot]@users.noreply.github.com`, user: null },
      { email: `${bot.id}+cla-sweeper[bot]@users.noreply.github.com`, user: null },
      { email: 'alice@example.org', user: { login: 'alice' } },
    ]);
  });
});

describe('no-reply addresses', () => {
  it('follow the host of a GHES-style world, and only that host\'s form links an account', async () => {
    const world = new World({ host: 'ghe.example.com' });
    const carol = world.addUser('carol', { emails: [] });
    const bot = world.addBot('renovate[bot]');
    world.addRepo('acme/widgets');
    world.addPullRequest('acme/widgets', {
      commits: [
        { author: 'renovate[bot]' },
        { author: { name: 'Carol', email: `${carol.id}+carol@users.noreply.ghe.example.com` } },
        { author: { name: 'Carol', email: `${carol.id}+carol@users.noreply.github.com` } },
      ],
    });
    expect(world.noreplyDomain).toBe('users.noreply.ghe.example.com');
    expect(await authors(world)).toEqual([
      { email: `${bot.id}+renovate[bot]@users.noreply.ghe.example.com`, user: null },
      { email: `${carol.id}+carol@users.noreply.ghe.example.com`, user: { login: 'carol' } },
      { email: `${carol.id}+carol@users.noreply.github.com`, user: null },
    ]);
  });

  it('move with setHost for worlds built before the host was known', () => {
    const world = new World();
    const bot = world.addBot('dependabot[bot]');
    world.setHost('ghe.example.com');
    expect(bot.emails).toEqual([`${bot.id}+dependabot[bot]@users.noreply.ghe.example.com`]);
    expect(world.userByEmail(`${bot.id}+dependabot[bot]@users.noreply.github.com`)).toBeUndefined();
  });
});

describe('linking an email later', () => {
  it('shows the account on the next read of the same commit', async () => {
    const world = new World();
    world.addUser('dave', { emails: ['dave@example.org'] });
    world.addRepo('acme/widgets');
    world.addPullRequest('acme/widgets', { commits: [{ author: { name: 'Dave', email: 'dave@home.example' } }] });
    expect(await authors(world)).toEqual([{ email: 'dave@home.example', user: null }]);
    sim.world.linkEmail('dave', 'Dave@Home.example');
    const res = await graphql(sim, COMMITS);
    expect((res.body as Answer).data.repository.pullRequest.commits.nodes[0]?.commit.authors.nodes).toEqual([
      { email: 'dave@home.example', user: { login: 'dave' } },
    ]);
  });
});
