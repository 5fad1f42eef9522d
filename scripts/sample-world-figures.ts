// How the demo and the simulator describe the sample world: as a sweep counts it, open pull
// requests in the repositories config/demo.yaml names (not forks, not closed or merged ones).
import type { World } from '../test/support/simulator/index.js';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function describeSampleWorld(world: World, repositories: string[]): string {
  let open = 0;
  for (const name of repositories) {
    for (const pr of world.repos.get(name.toLowerCase())?.pullRequests.values() ?? []) if (pr.state === 'OPEN') open += 1;
  }
  return `${plural(open, 'open pull request')} in ${plural(repositories.length, 'repository', 'repositories')} (${repositories.join(', ')})`;
}
