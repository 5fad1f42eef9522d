// The small world most simulator tests share: one active repository with a pull request, one archived.
import { World } from '../../support/simulator/world.js';

export const REPO = 'acme/widgets';
export const ARCHIVED = 'acme/attic';

export function smallWorld(): World {
  const world = new World();
  world.addUser('alice', { emails: ['alice@example.org'] });
  world.addUser('bob', { emails: ['bob@example.org'] });
  world.addRepo(REPO);
  world.addPullRequest(REPO, { commits: [{ author: 'alice' }, { author: 'bob' }] });
  world.addPullRequest(REPO, { commits: [{ author: 'bob' }], state: 'CLOSED' });
  world.addRepo(ARCHIVED, { archived: true });
  world.addPullRequest(ARCHIVED, { commits: [{ author: 'alice' }] });
  world.setFile(REPO, 'signatories.yaml', 'signatories:\n  - github: alice\n');
  world.setFile(REPO, 'docs/cla.md', '# CLA\n');
  return world;
}
